from django.urls import path

from lms.homevisits import views

app_name = "homevisits"

urlpatterns = [
    path("classes/<id:class_id>/", views.class_visits_view, name="class"),
    path(
        "classes/<id:class_id>/students/<id:student_id>/",
        views.student_visit,
        name="student",
    ),
]
