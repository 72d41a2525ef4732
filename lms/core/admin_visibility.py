"""One visibility rule for every admin view that names an object in its URL, so views
Wagtail adds later cannot become side doors (tests/lms/accounts/test_admin_walk.py walks
them all):

- a page the explorer does not show you is a 404, whichever view asks (edit, history,
  revisions, move, copy, the page chooser, workflow, the admin API…);
- a snippet's chooser answers only those who may see the snippet's listing, unless pages
  refer to that snippet (lecturers, media), whose choosers editors need and which apply
  their own rule (media: a lecturer's own uploads)."""

from __future__ import annotations

from functools import cache

from django.apps import apps
from django.http import Http404
from wagtail.models import get_page_models
from wagtail.permissions import policy_registry

from courses.permissions import pages_visible_in_admin

PAGE_ARGUMENTS = ("page_id", "parent_page_id", "page_to_move_id", "page_pk")
# Namespaces whose `pk` argument is a page.
PAGE_NAMESPACES = ("wagtailadmin_pages", "wagtailadmin_api:pages")
CHOOSER_PREFIX = "wagtailsnippetchoosers_"
LISTING_ACTIONS = ["add", "change", "delete", "view"]


@cache
def _models_by_key() -> dict:
    return {f"{m._meta.app_label}_{m._meta.model_name}": m for m in apps.get_models()}


@cache
def _chosen_in_page_editors(model) -> bool:
    return any(
        field.is_relation and field.related_model is model
        for page_model in get_page_models()
        for field in page_model._meta.get_fields()
    )


def _page_hidden(user, match, kwargs) -> bool:
    page_ids = [kwargs[name] for name in PAGE_ARGUMENTS if name in kwargs]
    if "pk" in kwargs and match.namespace in PAGE_NAMESPACES:
        page_ids.append(kwargs["pk"])
    visible = pages_visible_in_admin(user=user)
    return any(not visible.filter(pk=page_id).exists() for page_id in page_ids)


def _chooser_closed(user, match) -> bool:
    namespace = match.namespace.split(":")[0]
    if not namespace.startswith(CHOOSER_PREFIX):
        return False
    model = _models_by_key().get(namespace.removeprefix(CHOOSER_PREFIX))
    if model is None or _chosen_in_page_editors(model):
        return False
    return not policy_registry.get_by_type(model).user_has_any_permission(user, LISTING_ACTIONS)


class AdminVisibilityMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        user = getattr(request, "user", None)
        if match is None or user is None or not user.is_authenticated or user.is_superuser:
            return None
        # Without admin access Wagtail itself sends the user to the sign-in page.
        if not request.path_info.startswith("/admin/") or not user.has_perm(
            "wagtailadmin.access_admin"
        ):
            return None
        if _page_hidden(user, match, view_kwargs) or _chooser_closed(user, match):
            raise Http404
        return None
