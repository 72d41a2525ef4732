from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import Page
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from courses.models import CoursePage, Lecturer, LessonPage, Topic
from courses.permissions import OwnDraftsPagePermissionPolicy, pages_visible_in_admin
from courses.views import LecturerDeleteView

# Before anything asks for the page policy (Wagtail's advice): first thing in this module.
register_permission_policy(Page, OwnDraftsPagePermissionPolicy(Page))


class LecturerViewSet(SnippetViewSet):
    model = Lecturer
    icon = "user"
    delete_view_class = LecturerDeleteView
    list_display = ["name", "title", "category"]
    list_filter = ["category"]
    search_fields = ["name", "title"]


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    list_display = ["name", "curated", "sort_order"]
    list_filter = ["curated"]
    search_fields = ["name"]


class CatalogueGroup(SnippetViewSetGroup):
    menu_label = _("Catalogue")
    menu_icon = "folder-open-inverse"
    menu_order = 240
    items = (LecturerViewSet, TopicViewSet)


register_snippet(CatalogueGroup)


@hooks.register("before_create_page")
def _lessons_only_in_courses_you_may_edit(request, parent_page, page_class):
    """A lecturer may add lessons to their own courses, not to another lecturer's."""
    is_course = isinstance(parent_page.specific, CoursePage)
    if (
        page_class is LessonPage
        and is_course
        and not parent_page.permissions_for_user(request.user).can_edit()
    ):
        raise PermissionDenied


@hooks.register("construct_page_chooser_queryset")
def _chooser_shows_what_the_explorer_shows(pages, request):
    return pages.filter(pk__in=pages_visible_in_admin(user=request.user).values("pk"))
