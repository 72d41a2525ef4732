from django.urls import path

from lms.learning import family, views

app_name = "learning"

urlpatterns = [
    path("", views.home, name="home"),
    path("children/add/", views.child_add_view, name="child_add"),
    path("children/<id:child_id>/invite/", family.family_invite, name="family_invite"),
    path("family/", family.family_join, name="family_join"),
    path("certificates/<str:code>/", views.certificate, name="certificate"),
    path(
        "certificates/<str:code>/certificate.pdf",
        views.certificate_file,
        {"fmt": "pdf"},
        name="certificate_pdf",
    ),
    path(
        "certificates/<str:code>/certificate.png",
        views.certificate_file,
        {"fmt": "png"},
        name="certificate_png",
    ),
    path("statement/", views.statement_current, name="statement_current"),
    path("statement/<int:year>/", views.statement, name="statement"),
    path("statement/<int:year>/statement.pdf", views.statement_file, name="statement_file"),
]
