from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaPipelineConfig(AppConfig):
    """What is played: uploads, probing, transcoding and renditions."""

    name = "media_pipeline"
    verbose_name = _("Media pipeline")
