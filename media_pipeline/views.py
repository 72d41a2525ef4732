"""Admin views for media: a lecturer sees and chooses only their own uploads."""

from __future__ import annotations

import functools

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.http import Http404
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_POST
from wagtail.snippets.views import chooser as snippet_chooser
from wagtail.snippets.views import snippets as snippet_views

from media_pipeline.columns import StatusColumn
from media_pipeline.forms import MediaUploadForm
from media_pipeline.models import MediaAsset
from media_pipeline.selectors import (
    asset_playback,
    asset_status,
    asset_visible,
    assets_visible_to,
)
from media_pipeline.services import asset_create, asset_retry


def visible_only(view):
    """Wrap an admin view that names an asset in its URL: the asset must be one the user's
    listing shows, or the answer is 404. Applied to every view a viewset builds, so views
    Wagtail adds later (inspect, usage, history, copy, chosen, …) cannot become side doors."""

    @functools.wraps(view)
    def guarded(request, *args, **kwargs):
        pk = kwargs.get("pk")
        if pk is not None and asset_visible(user=request.user, asset_id=unquote(str(pk))) is None:
            raise Http404
        return view(request, *args, **kwargs)

    return guarded


class VisibleViewsMixin:
    """For a viewset: every view it constructs goes through `visible_only`."""

    def construct_view(self, view_class, **kwargs):
        return visible_only(super().construct_view(view_class, **kwargs))


class VisibleAssetsMixin:
    """Edit, delete and inspect look objects up here: another lecturer's media is a 404."""

    def get_queryset(self):
        return assets_visible_to(self.request.user)


class MediaCreateView(snippet_views.CreateView):
    def get_success_url(self):
        # Straight to the media's page, where the processing can be followed.
        return reverse("wagtailsnippets_media_pipeline_mediaasset:inspect", args=[self.object.pk])

    def save_instance(self):
        form: MediaUploadForm = self.form
        upload = form.cleaned_data["original"]
        return asset_create(
            file=upload,
            title=form.cleaned_data["title"],
            original_name=upload.name,
            uploaded_by=self.request.user,
            captions=form.cleaned_data.get("captions"),
        )


class MediaEditView(VisibleAssetsMixin, snippet_views.EditView):
    pass


class MediaDeleteView(VisibleAssetsMixin, snippet_views.DeleteView):
    pass


# The detail page's labels, in a context of their own so they cannot clash with a
# same-named message elsewhere.
FIELD_LABELS = {
    "title": pgettext_lazy("media detail", "Title"),
    "kind": pgettext_lazy("media detail", "Kind"),
    "status": pgettext_lazy("media detail", "Status"),
    "progress": pgettext_lazy("media detail", "Progress"),
    "duration": pgettext_lazy("media detail", "Duration"),
    "width": pgettext_lazy("media detail", "Width"),
    "height": pgettext_lazy("media detail", "Height"),
    "rotation": pgettext_lazy("media detail", "Rotation"),
    "frame_rate": pgettext_lazy("media detail", "Frame rate"),
    "variable_frame_rate": pgettext_lazy("media detail", "Variable frame rate"),
    "video_codec": pgettext_lazy("media detail", "Video codec"),
    "audio_codec": pgettext_lazy("media detail", "Audio codec"),
    "original_name": pgettext_lazy("media detail", "Original file name"),
    "original_size": pgettext_lazy("media detail", "File size"),
    "uploaded_by": pgettext_lazy("media detail", "Uploaded by"),
    "created_at": pgettext_lazy("media detail", "Created at"),
    "processed_at": pgettext_lazy("media detail", "Processed at"),
}


def _yes_no(value) -> str:
    return str(
        pgettext_lazy("media detail", "Yes") if value else pgettext_lazy("media detail", "No")
    )


class MediaInspectView(VisibleAssetsMixin, snippet_views.InspectView):
    """The media's own page: where the lecturer lands after uploading. It follows the
    processing live (media_status.js polls the status API), gives the reason if it failed
    and a preview once ready; the details below are all in the lecturer's language."""

    template_name = "media_pipeline/admin/inspect.html"

    def get_field_label(self, field_name, field):
        return FIELD_LABELS.get(field_name) or super().get_field_label(field_name, field)

    def get_field_display_value(self, field_name, field):
        asset, empty = self.object, "—"
        if field_name == "status":
            return asset_status(asset=asset)["label"]
        if field_name == "progress":
            return f"{asset_status(asset=asset)['progress']}%"
        if field_name == "duration":
            if asset.duration is None:
                return empty
            minutes, seconds = divmod(round(asset.duration), 60)
            return f"{minutes:02d}:{seconds:02d}"
        if field_name == "frame_rate":
            return f"{asset.frame_rate:.2f}".rstrip("0").rstrip(".") if asset.frame_rate else empty
        if field_name == "rotation":
            return f"{asset.rotation}°"
        if field_name == "variable_frame_rate":
            return _yes_no(asset.variable_frame_rate)
        if field_name == "original_size":
            return filesizeformat(asset.original_size)
        if field_name in ("width", "height", "video_codec", "audio_codec", "processed_at"):
            value = getattr(asset, field_name)
            if value in (None, ""):
                return empty
        if field_name in ("created_at", "processed_at"):
            return date_format(localtime(getattr(asset, field_name)), "Y-m-d H:i")
        if field_name == "uploaded_by":
            user = asset.uploaded_by
            return (getattr(user, "display_name", "") or user.get_username()) if user else empty
        return super().get_field_display_value(field_name, field)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["media_status"] = asset_status(asset=self.object)
        context["status_url"] = reverse("media_api:status", args=[self.object.pk])
        context["playback"] = asset_playback(self.object)
        context["can_retry"] = (
            self.object.status == MediaAsset.Status.FAILED
            and self.request.user.has_perm("media_pipeline.change_mediaasset")
        )
        return context


class _ChooseMixin:
    """Only visible media, with its processing status beside each title."""

    def get_object_list(self):
        return assets_visible_to(self.request.user)

    @property
    def columns(self):
        return [*super().columns, StatusColumn("status", label=_("Status"))]


class MediaChooseView(_ChooseMixin, snippet_chooser.ChooseView):
    pass


class MediaChooseResultsView(_ChooseMixin, snippet_chooser.ChooseResultsView):
    pass


class MediaChooserViewSet(VisibleViewsMixin, snippet_chooser.SnippetChooserViewSet):
    choose_view_class = MediaChooseView
    choose_results_view_class = MediaChooseResultsView


@require_POST
def media_retry_view(request, pk: int):
    if not request.user.has_perm("media_pipeline.change_mediaasset"):
        raise Http404
    asset = asset_visible(user=request.user, asset_id=pk)
    if asset is None:
        raise Http404
    asset_retry(asset_id=asset.pk)
    messages.success(request, _("“%(title)s” will be processed again.") % {"title": asset.title})
    return redirect("wagtailsnippets_media_pipeline_mediaasset:inspect", pk)
