from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from lms.schools.access import is_school_staff
from lms.schools.models import School, SchoolStaff


class SchoolViewSet(SnippetViewSet):
    model = School
    icon = "home"
    list_display = ["name", "code", "kind", "township"]
    list_filter = ["kind", "township"]
    search_fields = ["name", "code", "township"]


class SchoolStaffViewSet(SnippetViewSet):
    """Who teaches or administers where: the bureau appoints school administrators here."""

    model = SchoolStaff
    icon = "group"
    list_display = ["user", "school", "is_admin"]
    list_filter = ["school", "is_admin"]


class SchoolsGroup(SnippetViewSetGroup):
    menu_label = _("Schools")
    menu_icon = "home"
    menu_order = 250
    items = (SchoolViewSet, SchoolStaffViewSet)


register_snippet(SchoolsGroup)


class SchoolWorkMenuItem(MenuItem):
    def is_shown(self, request):
        return is_school_staff(request.user)


@hooks.register("register_admin_menu_item")
def _school_work_menu_item():
    return SchoolWorkMenuItem(
        _("School work"), reverse("schools:home"), icon_name="site", order=260
    )
