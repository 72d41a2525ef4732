from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import DateColumn
from wagtail.admin.widgets.button import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from media_pipeline.columns import StatusColumn
from media_pipeline.forms import MediaEditForm, MediaUploadForm
from media_pipeline.models import MediaAsset
from media_pipeline.selectors import assets_visible_to, media_permissions
from media_pipeline.views import (
    MediaChooserViewSet,
    MediaCreateView,
    MediaDeleteView,
    MediaEditView,
    MediaInspectView,
    VisibleViewsMixin,
    media_retry_view,
)


class ProcessAgainButton(ListingButton):
    """A form button: retrying changes state, so it is a POST, not a link."""

    template_name = "media_pipeline/process_again_button.html"
    allow_in_dropdown = False

    def __init__(self, asset):
        super().__init__(
            _("Process again"),
            reverse("wagtailsnippets_media_pipeline_mediaasset:retry", args=[asset.pk]),
            priority=5,
        )

    def get_context_data(self, parent_context):
        return {
            **super().get_context_data(parent_context),
            "csrf_token": parent_context.get("csrf_token"),
        }


class MediaViewSet(VisibleViewsMixin, SnippetViewSet):
    model = MediaAsset
    icon = "media"
    menu_label = _("Media")
    menu_order = 250
    add_to_admin_menu = True
    add_view_class = MediaCreateView
    create_template_name = "media_pipeline/admin/create.html"
    edit_view_class = MediaEditView
    delete_view_class = MediaDeleteView
    inspect_view_class = MediaInspectView
    chooser_viewset_class = MediaChooserViewSet
    inspect_view_enabled = True
    list_filter = ["status", "kind"]
    search_fields = ["title"]
    list_display = [
        "title",
        "kind",
        StatusColumn("status", label=_("Status")),
        "duration",
        "uploaded_by",
        DateColumn("created_at", label=_("Uploaded")),
    ]
    inspect_view_fields = [
        "title",
        "kind",
        "status",
        "progress",
        "duration",
        "width",
        "height",
        "rotation",
        "frame_rate",
        "variable_frame_rate",
        "video_codec",
        "audio_codec",
        "original_name",
        "original_size",
        "uploaded_by",
        "created_at",
        "processed_at",
    ]

    def get_queryset(self, request):
        return assets_visible_to(request.user)

    def get_form_class(self, for_update=False):
        return MediaEditForm if for_update else MediaUploadForm

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("retry/<int:pk>/", media_retry_view, name="retry"),
        ]


register_snippet(MediaViewSet)


@hooks.register("register_snippet_listing_buttons")
def _process_again_button(snippet, user, next_url=None):
    if isinstance(snippet, MediaAsset) and snippet.status == MediaAsset.Status.FAILED:
        yield ProcessAgainButton(snippet)


@hooks.register("register_permissions")
def _media_permissions():
    return media_permissions()


@hooks.register("register_object_visibility")
def _media_visibility():
    """Reports listing media (the site history) show what the media listing shows."""
    return MediaAsset, assets_visible_to


@hooks.register("insert_global_admin_css")
def _media_admin_css():
    # Styles of the media pages and the listing's button, from a file (no inline styles).
    return format_html('<link rel="stylesheet" href="{}">', static("css/media_admin.css"))
