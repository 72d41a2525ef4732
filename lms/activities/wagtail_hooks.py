from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from lms.activities.models import Station


class StationViewSet(SnippetViewSet):
    """The bureau registers community stations and their staff."""

    model = Station
    icon = "group"
    menu_order = 255
    add_to_admin_menu = True
    list_display = ["name", "community", "township", "host"]
    list_filter = ["township", "host", "is_village"]
    search_fields = ["name", "community", "township"]


register_snippet(StationViewSet)
