"""The venue directory's page, at /directory/ (un-namespaced: pages reverse "directory")."""

from django.urls import path

from lms.directory.views import directory

urlpatterns = [
    path("", directory, name="directory"),
]
