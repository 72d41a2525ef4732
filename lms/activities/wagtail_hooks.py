from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from courses.selectors import TALK_ORGANISER_HOOK
from lms.activities.models import Community, Station
from lms.activities.talk_selectors import talk_is_organiser, talk_places_taken


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


@hooks.register(TALK_ORGANISER_HOOK)
def talk_organiser_for_talk_page(*, user, talk):
    """The talk page shows its organiser the count and a link to the list; others nothing."""
    if not talk_is_organiser(talk=talk, user=user):
        return None
    return {
        "count": talk_places_taken(talk=talk),
        "url": reverse("activities:talk_signups", args=[talk.pk]),
    }
