from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from search.models import SynonymGroup


class SynonymViewSet(SnippetViewSet):
    """Reviewers extend the everyday words parents search with."""

    model = SynonymGroup
    icon = "search"
    list_display = ["terms", "note", "updated_at"]
    search_fields = ["terms"]
    add_to_admin_menu = False


register_snippet(SynonymViewSet)
