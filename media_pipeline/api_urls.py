from django.urls import path

from media_pipeline.api import AssetStatusView, UploadCreateView, UploadView

app_name = "media_api"

# tus clients send the CSRF token as X-CSRFToken; session cookies are SameSite=Lax.
urlpatterns = [
    path("uploads/", UploadCreateView.as_view(), name="uploads"),
    path("uploads/<uuid:upload_id>", UploadView.as_view(), name="upload"),
    path("media/<int:asset_id>/status", AssetStatusView.as_view(), name="status"),
]
