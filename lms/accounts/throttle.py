"""django-axes, fitted to this site: numbers in any spelling count as one, a lockout per
number comes sooner than one per shared address, logs carry masked numbers, and the wait is
said in Chinese (with Retry-After for the API).

Bearer tokens carry no username, so their failures are counted per address only.
"""

from __future__ import annotations

import logging
import math
from datetime import timedelta

from axes.helpers import get_client_username
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db.models import Max, Sum
from django.dispatch import receiver
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import ngettext

from lms.accounts.phone import phone_normalize
from lms.sms import phone_mask

log = logging.getLogger(__name__)

BEARER = "bearer"  # credentials marker for API token failures


def client_ip(request) -> str | None:
    """The client's address: REMOTE_ADDR, or the entry the outermost trusted proxy added."""
    count = settings.LMS_PROXY_COUNT
    if count:
        forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [p for p in forwarded if p]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR")


def username(request, credentials) -> str | None:
    """One spelling per number (+86 138-0013-8000 is 13800138000); None for bearer tokens."""
    credentials = credentials or {}
    if credentials.get(BEARER):
        return None
    raw = credentials.get("username")
    if raw is None and request is not None and hasattr(request, "POST"):
        raw = request.POST.get("username") or request.POST.get("phone")
    if not raw:
        return None
    phone = phone_normalize(raw)
    if phone:
        return phone
    # A username and the number of the same account are one account: count them together.
    name = raw.strip()[:150]
    account_phone = (
        get_user_model()
        .objects.filter(username=name)
        .exclude(phone="")
        .values_list("phone", flat=True)
        .first()
    )
    return account_phone or name


def lockout_parameters(request_or_attempt, credentials=None):
    if (credentials or {}).get(BEARER):
        return ["ip_address"]
    return ["username", "ip_address"]


def cool_off(request=None) -> timedelta:
    return timedelta(minutes=settings.AXES_COOLOFF_MINUTES)


def _recent(**filters):
    return AccessAttempt.objects.filter(attempt_time__gte=timezone.now() - cool_off(), **filters)


def failure_limit(request, credentials) -> int:
    """Axes compares the larger of the two counts with one limit; pick the limit that applies.

    A number's own failures lock it after AXES_FAILURES_PER_NUMBER; an address (shared by a
    school or a carrier) only after AXES_FAILURES_PER_ADDRESS.
    """
    if (credentials or {}).get(BEARER):
        return settings.AXES_BEARER_FAILURES_PER_ADDRESS
    name = get_client_username(request, credentials)
    if name:
        failures = _recent(username=name).aggregate(n=Sum("failures_since_start"))["n"] or 0
        if failures >= settings.AXES_FAILURES_PER_NUMBER:
            return settings.AXES_FAILURES_PER_NUMBER
    return settings.AXES_FAILURES_PER_ADDRESS


def _shown(name: str | None) -> str:
    """Masked when it is, or nearly is, a phone number (a stray character or digit too many)."""
    if not name:
        return "-"
    if phone_normalize(name):
        return phone_mask(name)
    digits = [i for i, char in enumerate(name) if char.isdigit()]
    if len(digits) >= 7:
        hidden = set(digits[3:-4])
        return "".join("*" if i in hidden else char for i, char in enumerate(name))
    return name


def client_str(username, ip_address, user_agent, path_info, request) -> str:
    return (
        f"{{username: {_shown(username)!r}, ip_address: {ip_address!r}, path_info: {path_info!r}}}"
    )


def seconds_to_wait(request, credentials=None) -> int:
    """Until the newest failure that counts leaves the cool-off window."""
    name = get_client_username(request, credentials)
    ip = getattr(request, "axes_ip_address", None) or client_ip(request)
    latest = None
    for filters in ({"username": name} if name else None, {"ip_address": ip}):
        if filters:
            found = _recent(**filters).aggregate(t=Max("attempt_time"))["t"]
            latest = max(filter(None, (latest, found)), default=None)
    if latest is None:
        return math.ceil(cool_off().total_seconds())
    remaining = latest + cool_off() - timezone.now()
    return max(1, math.ceil(remaining.total_seconds()))


def wait_message(seconds: int) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    return ngettext(
        "Too many failed attempts. For your safety, try again in %(n)d minute.",
        "Too many failed attempts. For your safety, try again in %(n)d minutes.",
        minutes,
    ) % {"n": minutes}


def lockout_response(request, original_response=None, credentials=None):
    wait = seconds_to_wait(request, credentials)
    message = wait_message(wait)
    if request.path.startswith("/api/"):
        response = JsonResponse({"error": message, "retry_after": wait}, status=429)
    else:
        response = render(
            request,
            "accounts/locked_out.html",
            {"message": message, "minutes": max(1, math.ceil(wait / 60))},
            status=429,
        )
    response["Retry-After"] = str(wait)
    return response


@receiver(user_locked_out)
def _log_lockout(sender, request=None, username=None, ip_address=None, **kwargs):
    log.warning("sign-in locked out: %s from %s", _shown(username), ip_address)


@receiver(user_logged_in)
def _forget_own_failures(sender, request=None, user=None, **kwargs):
    """The person proved who they are: their number's earlier failures no longer count."""
    names = {name for name in (user.username, user.phone) if name}
    if names:
        AccessAttempt.objects.filter(username__in=names).delete()


def bearer_failed(request) -> None:
    """Count a wrong bearer token against the address."""
    user_login_failed.send(sender=__name__, credentials={BEARER: True}, request=request)
