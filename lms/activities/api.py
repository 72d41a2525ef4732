"""/api/v1/activities/<activity_id>/progress: an online activity's recording, with the same
contract as a lesson's or a talk's progress (docs/api.md), for a family the activity is for.
CSRF-exempt for the reason lms.learning.api gives (a JSON body a form cannot send)."""

from __future__ import annotations

from dataclasses import asdict

from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from lms.activities.talk_online import online_progress_record
from lms.activities.talk_selectors import online_activity_watchable, online_progress_get
from lms.core.errors import ServiceError
from lms.learning.api import error_response, json_body
from lms.learning.auth import api_user
from lms.learning.payloads import payload_parse


@csrf_exempt
@never_cache
def activity_progress(request, activity_id: int):
    if request.method not in ("GET", "POST"):
        return error_response(405, "method", "use GET or POST")
    user = api_user(request)
    if user is None:
        return error_response(401, "authentication", "sign in or send a bearer token")
    activity = online_activity_watchable(activity_id=activity_id, user=user)
    if activity is None:
        return error_response(404, "activity_id", "no such online activity")
    if request.method == "GET":
        return JsonResponse(asdict(online_progress_get(activity=activity, user=user)))
    try:
        intervals, position = payload_parse(json_body(request))
        state = online_progress_record(
            activity=activity, user=user, intervals=intervals, position=position
        )
    except ServiceError as error:
        return error_response(400, error.field or "body", str(error))
    return JsonResponse(asdict(state))


@csrf_exempt
def activity_not_found(request):
    return error_response(404, "activity_id", "no such online activity")
