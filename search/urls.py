from django.urls import path

from search import views

urlpatterns = [
    path("search", views.search_api, name="search_api"),
    path("search/suggest", views.suggest_api, name="search_suggest"),
]
