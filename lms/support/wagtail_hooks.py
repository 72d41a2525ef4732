from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from lms.support.models import Designation


class DesignationViewSet(SnippetViewSet):
    """Who may open the support ledger. The records themselves are never in the admin."""

    model = Designation
    icon = "lock"
    menu_order = 256
    add_to_admin_menu = True
    list_display = ["user", "school", "granted_at"]
    list_filter = ["school"]


register_snippet(DesignationViewSet)
