"""Who sees which pages in the admin. A lecturer may add pages (and so edit their own), but
another lecturer's unpublished page is not theirs to read: its title stays out of the
explorer, the page chooser, the admin search and the history report."""

from __future__ import annotations

from django.db.models import Q
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

# Holding any of these on a page means the draft is yours to work on, not just to look at.
WORKING_ACTIONS = {"change", "publish", "lock", "unlock", "bulk_delete"}


class OwnDraftsPagePermissionPolicy(PagePermissionPolicy):
    def explorable_instances(self, user):
        explorable = super().explorable_instances(user)
        if self._base_queryset_for_user(user) is not None:
            return explorable
        workable = self.instances_user_has_any_permission_for(user, WORKING_ACTIONS)
        # The pages permissions are set on stay, so the way down to your own pages is open.
        granted_on = {perm.page_id for perm in self.get_cached_permissions_for_user(user)}
        return explorable.filter(
            Q(live=True) | Q(pk__in=workable.values("pk")) | Q(pk__in=granted_on)
        )


def pages_visible_in_admin(*, user):
    """The pages a user may see listed or chosen in the admin."""
    from wagtail.permissions import policy_registry

    return policy_registry.get_by_type(Page).explorable_instances(user)
