# Until lms/urls.py includes media_pipeline.api_urls directly; then delete this module.
from media_pipeline.api_urls import app_name, urlpatterns

__all__ = ["app_name", "urlpatterns"]
