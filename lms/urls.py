from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from lms.learning.selectors import children_ages
from media_pipeline.serving import media_serve
from search.views import search_page

urlpatterns = [
    path("", include("lms.ops.urls")),
    # Ahead of Wagtail's own report at the same paths (which keep their names).
    path("admin/reports/", include("lms.core.urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("lms.accounts.urls")),
    path("catalogue/", include("courses.urls")),
    path("api/v1/", include("media_pipeline.api_urls")),
    path("api/v1/", include("lms.learning.api_urls")),
    path("api/v1/", include("lms.activities.api_urls")),
    path("api/v1/", include("search.urls")),
    path("search/", search_page, {"child_ages": children_ages}, name="search"),
    path("directory/", include("lms.directory.urls")),
    path("learning/", include("lms.learning.urls")),
    path("school/", include("lms.schools.urls")),
    path("activities/", include("lms.activities.urls")),
    path("visits/", include("lms.homevisits.urls")),
    path("support/", include("lms.support.urls")),
    path("supervision/", include("lms.supervision.urls")),
    path("join/", include("lms.schools.join_urls")),
    path("notifications/", include("lms.notifications.urls")),
    path("notices/", include("lms.notices.urls")),
    path("messages/", include("lms.messaging.urls")),
    path("care/", include("lms.care.urls")),
    path("verify/", include("lms.learning.verify_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
]


if settings.SERVE_MEDIA:
    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns.append(re_path(rf"^{media_prefix}(?P<path>.*)$", media_serve))

if settings.BENCHMARK_ENDPOINTS:
    from django.http import JsonResponse

    # The baseline of benchmarks/heartbeat_bench.py: the same stack, no work.
    urlpatterns.append(path("bench/bare", lambda request: JsonResponse({"ok": True})))

# Wagtail's page tree last: it answers every other path.
urlpatterns.append(path("", include(wagtail_urls)))
