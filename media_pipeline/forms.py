from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from media_pipeline.models import MediaAsset


def _human(size: int) -> str:
    return f"{size / 1024**3:.1f} GB" if size >= 1024**3 else f"{size / 1024**2:.0f} MB"


class MediaUploadForm(WagtailAdminModelForm):
    """A new recording: the file is stored as is and checked in the background."""

    original = forms.FileField(
        label=_("Recording"),
        help_text=_("A video or audio file from your phone or camera, up to %(size)s.")
        % {"size": _human(settings.MEDIA_MAX_UPLOAD_BYTES)},
        widget=forms.ClearableFileInput(attrs={"accept": "video/*,audio/*"}),
    )

    class Meta:
        model = MediaAsset
        fields = ["title", "original", "captions"]

    def clean_original(self):
        upload = self.cleaned_data["original"]
        if upload.size == 0:
            raise forms.ValidationError(_("The file is empty (0 bytes). Please choose it again."))
        if upload.size > settings.MEDIA_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than the allowed %(size)s.")
                % {"size": _human(settings.MEDIA_MAX_UPLOAD_BYTES)}
            )
        return upload

    def clean_captions(self):
        return _clean_captions(self.cleaned_data.get("captions"))


class MediaEditForm(WagtailAdminModelForm):
    class Meta:
        model = MediaAsset
        fields = ["title", "captions"]

    def clean_captions(self):
        return _clean_captions(self.cleaned_data.get("captions"))


def _clean_captions(upload):
    if not upload or not hasattr(upload, "read"):
        return upload
    head = upload.read(16)
    upload.seek(0)
    if not head.lstrip(b"\xef\xbb\xbf").startswith(b"WEBVTT"):
        raise forms.ValidationError(
            _("Captions must be a WebVTT (.vtt) file starting with WEBVTT.")
        )
    return upload
