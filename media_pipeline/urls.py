from django.urls import path

from media_pipeline.api import UploadCreateView, UploadView

app_name = "media_api"

# tus clients send the CSRF token as X-CSRFToken; session cookies are SameSite=Lax.
urlpatterns = [
    path("uploads/", UploadCreateView.as_view(), name="uploads"),
    path("uploads/<uuid:upload_id>", UploadView.as_view(), name="upload"),
]
