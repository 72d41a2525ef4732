"""JSON API for progress: /api/v1/lessons/<lesson_id>/progress and /read, and
/api/v1/talks/<talk_id>/progress for a talk's recording or replay (the same contract).

Plain Django views (not DRF) on purpose: the heartbeat is the hottest path, and
its whole contract is small. Every POST needs `Content-Type: application/json`
and a JSON object body, which a cross-site form cannot send without a CORS
preflight (and session cookies are SameSite=Lax), so these views are
CSRF-exempt and still safe.
"""

from __future__ import annotations

import json
from dataclasses import asdict

from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from lms.core.errors import ServiceError
from lms.learning.auth import api_user
from lms.learning.payloads import payload_parse
from lms.learning.replays import talk_progress_record
from lms.learning.selectors import (
    lesson_for_progress,
    progress_get,
    talk_for_progress,
    talk_progress_get,
)
from lms.learning.services import progress_record, reading_mark_read

MAX_BODY = 64 * 1024


def _error(status: int, field: str, message: str, **extra) -> JsonResponse:
    return JsonResponse({"error": {"field": field, "message": message, **extra}}, status=status)


def _json_body(request):
    if request.content_type != "application/json":
        raise ServiceError("Content-Type must be application/json", field="body")
    length = request.headers.get("Content-Length")
    if length and length.isdigit() and int(length) > MAX_BODY:
        raise ServiceError(f"larger than {MAX_BODY} bytes", field="body")
    raw = request.read(MAX_BODY + 1)
    if len(raw) > MAX_BODY:
        raise ServiceError(f"larger than {MAX_BODY} bytes", field="body")
    try:
        return json.loads(raw.decode("utf-8"), parse_constant=_reject_constant)
    except (UnicodeDecodeError, json.JSONDecodeError, ValueError) as error:
        raise ServiceError(f"not valid JSON: {error}", field="body") from None
    except RecursionError:
        # json raises it cleanly for deep nesting ([[[[…); the contract needs three levels.
        raise ServiceError("nested too deeply", field="body") from None


# The progress endpoints of other apps (an online activity's recording) read bodies alike.
json_body = _json_body
error_response = _error


def _reject_constant(name: str):
    raise ValueError(f"{name} is not allowed")


def _caller_and_lesson(request, lesson_id: int, methods: tuple[str, ...]):
    """(user, lesson, None) for a good request, else (None, None, error response)."""
    if request.method not in methods:
        return None, None, _error(405, "method", "use " + " or ".join(methods))
    user = api_user(request)
    if user is None:
        return None, None, _error(401, "authentication", "sign in or send a bearer token")
    lesson = lesson_for_progress(lesson_id=lesson_id)
    if lesson is None:
        return None, None, _error(404, "lesson_id", "no such lesson")
    return user, lesson, None


@csrf_exempt
@never_cache
def lesson_progress(request, lesson_id: int):
    user, lesson, error = _caller_and_lesson(request, lesson_id, ("GET", "POST"))
    if error:
        return error
    if request.method == "GET":
        return JsonResponse(asdict(progress_get(user=user, lesson=lesson)))
    try:
        intervals, position = payload_parse(_json_body(request))
    except ServiceError as error:
        return _error(400, error.field, str(error))
    state = progress_record(user=user, lesson=lesson, intervals=intervals, position=position)
    return JsonResponse(asdict(state))


@csrf_exempt
def lesson_not_found(request):
    return _error(404, "lesson_id", "no such lesson")


@csrf_exempt
@never_cache
def lesson_read(request, lesson_id: int):
    user, lesson, error = _caller_and_lesson(request, lesson_id, ("POST",))
    if error:
        return error
    try:
        if not isinstance(_json_body(request), dict):
            raise ServiceError("must be a JSON object", field="body")
    except ServiceError as error:
        return _error(400, error.field, str(error))
    try:
        state = reading_mark_read(user=user, lesson=lesson)
    except ServiceError as error:
        extra = {"remaining": error.retry_after} if error.retry_after is not None else {}
        return _error(400, error.field, str(error), **extra)
    return JsonResponse(asdict(state))


@csrf_exempt
@never_cache
def talk_progress(request, talk_id: int):
    if request.method not in ("GET", "POST"):
        return _error(405, "method", "use GET or POST")
    user = api_user(request)
    if user is None:
        return _error(401, "authentication", "sign in or send a bearer token")
    talk = talk_for_progress(talk_id=talk_id)
    if talk is None:
        return _error(404, "talk_id", "no such talk")
    if request.method == "GET":
        return JsonResponse(asdict(talk_progress_get(user=user, talk=talk)))
    try:
        intervals, position = payload_parse(_json_body(request))
    except ServiceError as error:
        return _error(400, error.field, str(error))
    state = talk_progress_record(user=user, talk=talk, intervals=intervals, position=position)
    return JsonResponse(asdict(state))


@csrf_exempt
def talk_not_found(request):
    return _error(404, "talk_id", "no such talk")
