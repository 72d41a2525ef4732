from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from lms.ops.selectors import DOWN, health_report


@never_cache
@require_GET
def healthz(request):
    """For load balancers and monitoring: 200 unless the database is down (503)."""
    report = health_report()
    return JsonResponse(report, status=503 if report["status"] == DOWN else 200)
