from django.http import JsonResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from lms.ops.selectors import DOWN, health_report


@never_cache
@require_GET
def healthz(request):
    """For load balancers and monitoring: 200 unless the database is down (503)."""
    report = health_report()
    return JsonResponse(report, status=503 if report["status"] == DOWN else 200)


@require_GET
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page links: send them to the static icon.

    Not permanent: the static name carries a hash that changes when the icon does."""
    return redirect(static("img/favicon.ico"))
