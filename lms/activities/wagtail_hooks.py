from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from lms.activities.models import Community, Station


class CommunityViewSet(SnippetViewSet):
    """The county's communities and villages: station coverage is counted over these."""

    model = Community
    icon = "site"
    list_display = ["name", "township", "is_village"]
    list_filter = ["township", "is_village"]
    search_fields = ["name", "township"]


class StationViewSet(SnippetViewSet):
    """The bureau registers community stations and their staff."""

    model = Station
    icon = "group"
    list_display = ["name", "community", "host"]
    list_filter = ["host"]
    search_fields = ["name", "community__name"]


class StationsGroup(SnippetViewSetGroup):
    menu_label = _("Community stations")
    menu_icon = "group"
    menu_order = 255
    items = (CommunityViewSet, StationViewSet)


register_snippet(StationsGroup)
