"""SMS codes (验证码) and teachers' one-time reset codes: sending, limits and checking.

A code is 6 digits, valid 5 minutes, used once, tried at most 5 times, and kept only as a
keyed hash. Sends are limited per number and per address. Whether a number has an account
never changes the answer: for sign-in and reset a number without one gets no message, but the
send is recorded and counted exactly as if it had been sent.
"""

from __future__ import annotations

import hmac
import logging
import math
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lms.accounts.models import PhoneCode, RecoveryCode
from lms.accounts.phone import phone_normalize
from lms.core.errors import ServiceError
from lms.sms import SmsError, phone_mask, sms_send

log = logging.getLogger(__name__)

CODE_LENGTH = 6
CODE_MINUTES = 5
MAX_TRIES = 5
RECOVERY_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O or 1/I to misread
RECOVERY_LENGTH = 8

_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def _hash(kind: str, subject: str, code: str) -> str:
    return salted_hmac(
        f"lms.accounts.codes.{kind}", f"{subject}:{code}", algorithm="sha256"
    ).hexdigest()


def client_hash(ip_address: str | None) -> str:
    return salted_hmac(
        "lms.accounts.codes.client", ip_address or "-", algorithm="sha256"
    ).hexdigest()


def code_clean(raw: str) -> str:
    """What people type: spaces, dashes and full-width digits removed, letters upper-cased."""
    return "".join(ch for ch in raw.translate(_DIGITS) if ch.isalnum()).upper()


def _wait_message(seconds: int) -> str:
    if seconds < 60:
        return ngettext(
            "Too many codes requested. Try again in %(n)d second.",
            "Too many codes requested. Try again in %(n)d seconds.",
            seconds,
        ) % {"n": seconds}
    minutes = math.ceil(seconds / 60)
    return ngettext(
        "Too many codes requested. Try again in %(n)d minute.",
        "Too many codes requested. Try again in %(n)d minutes.",
        minutes,
    ) % {"n": minutes}


def _limit_wait(*, times: list[datetime], limits, now: datetime) -> int:
    """Seconds until one more send fits every (window seconds, count) limit; 0 when it fits."""
    wait = 0
    for window, count in limits:
        inside = sorted(t for t in times if t > now - timedelta(seconds=window))
        if len(inside) >= count:
            # The oldest send that must leave the window for one more to fit.
            leaves = inside[len(inside) - count] + timedelta(seconds=window)
            wait = max(wait, math.ceil((leaves - now).total_seconds()))
    return wait


def phone_code_send(
    *, phone: str, purpose: str, ip_address: str | None, now: datetime | None = None
) -> str:
    """Send a code for `purpose` to `phone`; return the normalised number.

    Raises ServiceError for a number that is not a mobile number, past a send limit (with
    retry_after), or when the provider fails.
    """
    now = now or timezone.now()
    number = phone_normalize(phone or "")
    if number is None:
        raise ServiceError(
            _("Enter an 11-digit mainland mobile number, such as 13800138000."), field="phone"
        )
    if purpose not in PhoneCode.Purpose.values:
        raise ServiceError(_("Choose what the code is for."))
    client = client_hash(ip_address)
    longest = max(w for w, _n in settings.SMS_LIMITS_PER_NUMBER + settings.SMS_LIMITS_PER_CLIENT)
    since = now - timedelta(seconds=longest)
    by_number = list(
        PhoneCode.objects.filter(phone=number, created_at__gt=since).values_list(
            "created_at", flat=True
        )
    )
    by_client = list(
        PhoneCode.objects.filter(client_hash=client, created_at__gt=since).values_list(
            "created_at", flat=True
        )
    )
    wait = max(
        _limit_wait(times=by_number, limits=settings.SMS_LIMITS_PER_NUMBER, now=now),
        _limit_wait(times=by_client, limits=settings.SMS_LIMITS_PER_CLIENT, now=now),
    )
    if wait:
        log.info("sms code refused for %s: send limit, %ss to wait", phone_mask(number), wait)
        raise ServiceError(_wait_message(wait), field="phone", retry_after=wait)
    if purpose == PhoneCode.Purpose.REGISTER:
        # Whoever holds the phone may learn it is registered; they are told after the code.
        deliver = True
    else:
        deliver = get_user_model().objects.filter(phone=number, is_active=True).exists()
    code = f"{secrets.randbelow(10**CODE_LENGTH):0{CODE_LENGTH}d}"
    # Only the newest code of a kind counts; older ones stop working.
    PhoneCode.objects.filter(phone=number, purpose=purpose, used_at__isnull=True).update(
        expires_at=now
    )
    PhoneCode.objects.create(
        phone=number,
        purpose=purpose,
        code_hash=_hash("sms", number, code),
        client_hash=client,
        delivered=deliver,
        created_at=now,
        expires_at=now + timedelta(minutes=CODE_MINUTES),
    )
    if deliver:
        try:
            sms_send(
                to=number,
                template="verify_code",
                params={"code": code, "minutes": str(CODE_MINUTES)},
            )
        except SmsError as error:
            raise ServiceError(
                _("The text message could not be sent just now. Try again in a minute."),
                field="phone",
            ) from error
    log.info("sms code for %s (%s) recorded", phone_mask(number), purpose)
    return number


def _refused(row, now: datetime) -> str | None:
    if row is None or row.expires_at <= now:
        return _("This code has expired or is not valid. Ask for a new one.")
    if row.tries >= MAX_TRIES:
        return _("This code was tried too many times. Ask for a new one.")
    return None


def _try(model, row, *, matches: bool, now: datetime) -> None:
    """Count one try atomically (so parallel guesses cannot exceed the limit), then use it."""
    counted = model.objects.filter(pk=row.pk, tries__lt=MAX_TRIES, used_at__isnull=True).update(
        tries=F("tries") + 1
    )
    if not counted:
        raise ServiceError(
            _("This code was tried too many times. Ask for a new one."), field="code"
        )
    if not matches:
        left = MAX_TRIES - row.tries - 1
        if left <= 0:
            raise ServiceError(
                _("That code is not right, and it was tried too many times. Ask for a new one."),
                field="code",
            )
        raise ServiceError(
            ngettext(
                "That code is not right. You can try %(n)d more time.",
                "That code is not right. You can try %(n)d more times.",
                left,
            )
            % {"n": left},
            field="code",
        )
    if not model.objects.filter(pk=row.pk, used_at__isnull=True).update(used_at=now):
        raise ServiceError(_("This code has already been used. Ask for a new one."), field="code")


def phone_code_check(*, phone: str, purpose: str, code: str, now: datetime | None = None) -> str:
    """Use the code sent to `phone` for `purpose`; return the normalised number or raise."""
    now = now or timezone.now()
    number = phone_normalize(phone or "")
    if number is None:
        raise ServiceError(
            _("Enter an 11-digit mainland mobile number, such as 13800138000."), field="phone"
        )
    row = (
        PhoneCode.objects.filter(phone=number, purpose=purpose, used_at__isnull=True)
        .order_by("-created_at")
        .first()
    )
    refused = _refused(row, now)
    if refused:
        # "Already used" only to whoever holds that very code: to anyone else it would say that
        # someone just signed in with this number.
        recently_used = PhoneCode.objects.filter(
            phone=number,
            purpose=purpose,
            used_at__gt=now - timedelta(minutes=CODE_MINUTES),
            code_hash=_hash("sms", number, code_clean(code or "")),
        )
        if row is None and recently_used.exists():
            refused = _("This code has already been used. Ask for a new one.")
        raise ServiceError(refused, field="code")
    cleaned = code_clean(code or "")
    matches = row.delivered and hmac.compare_digest(_hash("sms", number, cleaned), row.code_hash)
    _try(PhoneCode, row, matches=matches, now=now)
    return number


def recovery_code_issue(*, user, issued_by, now: datetime | None = None) -> str:
    """A one-time reset code for `user` (shown once to the teacher who asked); older ones end."""
    now = now or timezone.now()
    RecoveryCode.objects.filter(user=user, used_at__isnull=True).update(expires_at=now)
    code = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_LENGTH))
    RecoveryCode.objects.create(
        user=user,
        code_hash=_hash("recovery", str(user.pk), code),
        issued_by=issued_by,
        created_at=now,
        expires_at=now + timedelta(hours=settings.ACCOUNTS_RECOVERY_CODE_HOURS),
    )
    log.info(
        "reset code issued for user %s (%s) by user %s",
        user.pk,
        phone_mask(user.phone),
        getattr(issued_by, "pk", None),
    )
    return code


def recovery_code_check(*, user, code: str, now: datetime | None = None) -> None:
    """Use a teacher's reset code for `user`, or raise ServiceError."""
    now = now or timezone.now()
    row = None
    if user is not None:
        row = (
            RecoveryCode.objects.filter(user=user, used_at__isnull=True)
            .order_by("-created_at")
            .first()
        )
    refused = _refused(row, now)
    if refused:
        if user is not None:  # as above: only to whoever holds the used code
            used = RecoveryCode.objects.filter(
                user=user,
                used_at__isnull=False,
                code_hash=_hash("recovery", str(user.pk), code_clean(code or "")),
            )
        if user is not None and row is None and used.exists():
            refused = _("This code has already been used. Ask for a new one.")
        raise ServiceError(refused, field="code")
    matches = hmac.compare_digest(_hash("recovery", str(user.pk), code_clean(code)), row.code_hash)
    _try(RecoveryCode, row, matches=matches, now=now)
    log.info("reset code used for user %s", user.pk)


def codes_purge(*, now: datetime | None = None) -> int:
    """Forget sent codes once no limit counts them any more (a day), and teachers' reset codes
    a month after they ended: numbers and times are not kept for longer than they serve."""
    now = now or timezone.now()
    longest = max(w for w, _n in settings.SMS_LIMITS_PER_NUMBER + settings.SMS_LIMITS_PER_CLIENT)
    sent, _detail = PhoneCode.objects.filter(
        created_at__lt=now - timedelta(seconds=longest)
    ).delete()
    ended, _detail = RecoveryCode.objects.filter(expires_at__lt=now - timedelta(days=30)).delete()
    return sent + ended
