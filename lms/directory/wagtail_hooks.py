from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from lms.directory.models import Venue


class VenueViewSet(SnippetViewSet):
    """The bureau keeps the directory of venues and bases."""

    model = Venue
    icon = "site"
    list_display = ["name", "kind", "township", "published"]
    list_filter = ["kind", "township", "published"]
    search_fields = ["name", "address", "township"]


register_snippet(VenueViewSet)
