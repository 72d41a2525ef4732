"""One rule for every admin view that names a page in its URL: a page the explorer does not
show you is a 404, whichever view asks (edit, history, revisions, move, copy, chooser,
workflow, the admin API…). Views Wagtail adds later are covered without listing them."""

from __future__ import annotations

from django.http import Http404

from courses.permissions import pages_visible_in_admin

PAGE_ARGUMENTS = ("page_id", "parent_page_id", "page_to_move_id", "page_pk")
# Namespaces whose `pk` argument is a page.
PAGE_NAMESPACES = ("wagtailadmin_pages", "wagtailadmin_api:pages")


class AdminPageVisibilityMiddleware:
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
        page_ids = [view_kwargs[name] for name in PAGE_ARGUMENTS if name in view_kwargs]
        if "pk" in view_kwargs and match.namespace in PAGE_NAMESPACES:
            page_ids.append(view_kwargs["pk"])
        for page_id in page_ids:
            if not pages_visible_in_admin(user=user).filter(pk=page_id).exists():
                raise Http404
        return None
