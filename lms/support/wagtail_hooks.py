from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from lms.core.errors import ServiceError
from lms.support.admin_views import (
    DesignationCreateView,
    DesignationDeleteView,
    DesignationEditView,
    DesignationForm,
)
from lms.support.models import Designation
from lms.support.services import designation_end


class DesignationViewSet(SnippetViewSet):
    """Who may open the support ledger; only ledger officers see this. The records
    themselves are never in the admin."""

    model = Designation
    icon = "lock"
    menu_order = 256
    add_to_admin_menu = True
    list_display = ["user", "school", "granted_by", "granted_at"]
    list_filter = ["school"]
    add_view_class = DesignationCreateView
    edit_view_class = DesignationEditView
    delete_view_class = DesignationDeleteView
    # A copy would be a grant that skips the checks.
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return DesignationForm


register_snippet(DesignationViewSet)


@hooks.register("before_bulk_action")
def _designations_end_one_by_one_through_the_service(request, action_type, objects, action):
    """Bulk delete would bypass the audit: end each designation through the service."""
    if action_type != "delete" or not any(isinstance(obj, Designation) for obj in objects):
        return None
    try:
        for designation in objects:
            designation_end(by=request.user, designation=designation)
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Designations ended."))
    return redirect("wagtailsnippets_support_designation:list")
