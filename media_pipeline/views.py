"""Admin views for media: a lecturer sees and chooses only their own uploads."""

from __future__ import annotations

import functools

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.snippets.views import chooser as snippet_chooser
from wagtail.snippets.views import snippets as snippet_views

from media_pipeline.columns import StatusColumn
from media_pipeline.forms import MediaUploadForm
from media_pipeline.selectors import assets_visible_to
from media_pipeline.services import asset_create, asset_retry


def visible_only(view):
    """Wrap an admin view that names an asset in its URL: the asset must be one the user's
    listing shows, or the answer is 404. Applied to every view a viewset builds, so views
    Wagtail adds later (inspect, usage, history, copy, chosen, …) cannot become side doors."""

    @functools.wraps(view)
    def guarded(request, *args, **kwargs):
        pk = kwargs.get("pk")
        if pk is not None:
            pk = unquote(str(pk))
            if not pk.isdigit() or not assets_visible_to(request.user).filter(pk=pk).exists():
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
    def save_instance(self):
        form: MediaUploadForm = self.form
        upload = form.cleaned_data["original"]
        asset = asset_create(
            file=upload,
            title=form.cleaned_data["title"],
            original_name=upload.name,
            uploaded_by=self.request.user,
        )
        if form.cleaned_data.get("captions"):
            asset.captions = form.cleaned_data["captions"]
            asset.save(update_fields=["captions"])
        return asset


class MediaEditView(VisibleAssetsMixin, snippet_views.EditView):
    pass


class MediaDeleteView(VisibleAssetsMixin, snippet_views.DeleteView):
    pass


class MediaInspectView(VisibleAssetsMixin, snippet_views.InspectView):
    pass


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
    asset = get_object_or_404(assets_visible_to(request.user), pk=pk)
    asset_retry(asset_id=asset.pk)
    messages.success(request, _("“%(title)s” will be processed again.") % {"title": asset.title})
    return redirect("wagtailsnippets_media_pipeline_mediaasset:edit", pk)
