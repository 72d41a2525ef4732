from wagtail.admin.ui.tables import Column

from media_pipeline.models import MediaAsset


class StatusColumn(Column):
    """Status in words, with the percentage while processing and the reason on failure."""

    def get_value(self, instance):
        label = instance.get_status_display()
        if instance.status == MediaAsset.Status.PROCESSING:
            return f"{label} {instance.progress}%"
        if instance.status == MediaAsset.Status.FAILED:
            return f"{label}：{instance.error_message}"
        return label
