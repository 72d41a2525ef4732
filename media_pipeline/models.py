from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from media_pipeline.errors import REJECTION_MESSAGES

# Originals are stored here under neutral names and are never served inline.
ORIGINALS_DIR = "media/originals/"


class MediaAsset(index.Indexed, models.Model):
    """An uploaded recording and everything made from it. Knows nothing of courses."""

    class Kind(models.TextChoices):
        VIDEO = "video", _("Video")
        AUDIO = "audio", _("Audio")

    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("Uploaded")
        CHECKING = "checking", _("Checking")
        QUEUED = "queued", _("Waiting to be processed")
        PROCESSING = "processing", _("Processing")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    title = models.CharField(_("title"), max_length=255)
    original = models.FileField(
        _("original file"), upload_to=ORIGINALS_DIR + "%Y/%m/", max_length=500
    )
    original_name = models.CharField(_("original file name"), max_length=255, blank=True)
    original_size = models.BigIntegerField(_("size in bytes"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.UPLOADED, db_index=True
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    error_code = models.CharField(max_length=32, blank=True)
    error_params = models.JSONField(default=dict, blank=True)
    error_detail = models.TextField(blank=True)  # ffmpeg's words, for staff
    attempts = models.PositiveSmallIntegerField(default=0)
    processing_started_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    processed_at = models.DateTimeField(null=True, blank=True)

    # What ffprobe found.
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, blank=True)
    duration = models.FloatField(_("duration (seconds)"), null=True, blank=True)
    video_codec = models.CharField(max_length=32, blank=True)
    audio_codec = models.CharField(max_length=32, blank=True)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    rotation = models.SmallIntegerField(default=0)
    frame_rate = models.FloatField(null=True, blank=True)
    variable_frame_rate = models.BooleanField(default=False)
    audio_channels = models.PositiveSmallIntegerField(null=True, blank=True)
    hdr = models.BooleanField(default=False)
    # The check's whole probe, handed to the transcode so it need not probe again:
    # {"original": storage name, "size": bytes, "result": ProbeResult's fields}.
    probe = models.JSONField(default=dict, blank=True, editable=False)

    # What the pipeline made, as storage names.
    output_prefix = models.CharField(max_length=255, blank=True)
    hls_master = models.CharField(max_length=500, blank=True)
    mp4_fallback = models.CharField(max_length=500, blank=True)
    audio_only = models.CharField(max_length=500, blank=True)
    audio_file = models.CharField(max_length=500, blank=True)
    poster = models.CharField(max_length=500, blank=True)
    captions = models.FileField(
        _("captions (WebVTT)"), upload_to="media/captions/%Y/%m/", blank=True, max_length=500
    )

    # The filter fields let a search run inside what the admin already filtered: a
    # lecturer's own uploads, a status, a kind (else the backend refuses the query).
    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("title"),
        index.FilterField("uploaded_by"),
        index.FilterField("status"),
        index.FilterField("kind"),
    ]

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("media")
        verbose_name_plural = _("media")
        indexes = [models.Index(fields=["status", "heartbeat_at"])]
        permissions = [("view_all_media", _("Can see and choose everyone's media"))]

    def __str__(self) -> str:
        return self.title

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.READY

    @property
    def error_message(self) -> str:
        if not self.error_code:
            return ""
        message = str(REJECTION_MESSAGES.get(self.error_code, REJECTION_MESSAGES["internal"]))
        try:
            return message % self.error_params if "%(" in message else message
        except (KeyError, TypeError, ValueError):
            return message


class Rendition(models.Model):
    asset = models.ForeignKey(MediaAsset, on_delete=models.CASCADE, related_name="renditions")
    name = models.CharField(max_length=16)
    kind = models.CharField(max_length=8, choices=MediaAsset.Kind.choices)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    bitrate = models.PositiveIntegerField()
    path = models.CharField(max_length=500)
    size = models.BigIntegerField(default=0)

    class Meta:
        ordering = ["asset", "kind", "height"]
        constraints = [
            models.UniqueConstraint(fields=["asset", "name"], name="unique_rendition_name")
        ]

    def __str__(self) -> str:
        return f"{self.asset_id}:{self.name}"


class Upload(models.Model):
    """A resumable upload in progress (tus protocol); becomes a MediaAsset when complete."""

    id = models.UUIDField(primary_key=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    filename = models.CharField(max_length=255)
    title = models.CharField(max_length=255, blank=True)
    length = models.BigIntegerField()
    offset = models.BigIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    asset = models.OneToOneField(
        MediaAsset, null=True, blank=True, on_delete=models.SET_NULL, related_name="upload"
    )

    class Meta:
        verbose_name = _("upload in progress")

    def __str__(self) -> str:
        return f"{self.filename} ({self.offset}/{self.length})"

    @property
    def complete(self) -> bool:
        return self.offset >= self.length
