"""Writes to accounts."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime

from axes.utils import reset as axes_reset
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.accounts.codes import code_clean, phone_code_check, recovery_code_check
from lms.accounts.models import PhoneCode
from lms.accounts.phone import phone_normalize
from lms.accounts.roles import Role
from lms.accounts.signals import phone_verified
from lms.core.errors import ServiceError
from lms.sms import phone_mask

__all__ = ["ServiceError"]

log = logging.getLogger(__name__)


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str,
    phone: str | None = None,
    display_name: str = "",
    roles: Iterable[Role] = (),
    is_superuser: bool = False,
    phone_verified_at: datetime | None = None,
):
    """Create a user with the given roles. A phone is normalised and must be unique."""
    user_model = get_user_model()
    normalised = None
    if phone:
        normalised = phone_normalize(phone)
        if normalised is None:
            raise ServiceError(f"not a mainland mobile number: {phone!r}")
        if user_model.objects.filter(phone=normalised).exists():
            raise ServiceError(f"mobile number already registered: {normalised}")
    if user_model.objects.filter(username=username).exists():
        raise ServiceError(f"username already taken: {username}")
    user = user_model(
        username=username,
        phone=normalised,
        display_name=display_name,
        is_superuser=is_superuser,
        is_staff=is_superuser,
        phone_verified_at=phone_verified_at,
    )
    user.set_password(password)
    user.full_clean()
    user.save()
    user_roles_add(user=user, roles=roles)
    return user


def user_roles_add(*, user, roles: Iterable[Role]) -> None:
    for role in roles:
        group, _ = Group.objects.get_or_create(name=Role(role).value)
        user.groups.add(group)


def phone_verified_mark(*, user, now: datetime | None = None) -> None:
    """The person proved they hold the phone: remember it and tell the floors above."""
    if user.phone_verified_at is None:
        user.phone_verified_at = now or timezone.now()
        user.save(update_fields=["phone_verified_at"])
    phone_verified.send(sender=type(user), user=user)


def parent_register_with_code(
    *, phone: str, code: str, password: str, display_name: str = "", now: datetime | None = None
):
    """Register a parent whose number was proved by an SMS code."""
    now = now or timezone.now()
    number = phone_code_check(phone=phone, purpose=PhoneCode.Purpose.REGISTER, code=code, now=now)
    if get_user_model().objects.filter(phone=number).exists():
        # Only the holder of the phone gets this far, so saying so tells a stranger nothing.
        raise ServiceError(
            _("This number is already registered. Sign in, or reset the password."),
            field="phone",
        )
    user = user_create(
        username=number,
        password=password,
        phone=number,
        display_name=display_name,
        roles=[Role.PARENT],
        phone_verified_at=now,
    )
    phone_verified_mark(user=user, now=now)
    log.info("parent registered with a verified number %s", phone_mask(number))
    return user


def user_by_code(*, phone: str, code: str, now: datetime | None = None):
    """The active account a sign-in code proves, or ServiceError (the same for no account)."""
    number = phone_code_check(phone=phone, purpose=PhoneCode.Purpose.LOGIN, code=code, now=now)
    user = get_user_model().objects.filter(phone=number, is_active=True).first()
    if user is None:  # no code is ever delivered for such a number, so this is unreachable
        raise ServiceError(_("This code has expired or is not valid. Ask for a new one."))
    phone_verified_mark(user=user, now=now)
    return user


def password_reset(*, phone: str, code: str, password: str, now: datetime | None = None):
    """Set a new password with an SMS code or a teacher's one-time reset code; return the user.

    Six digits are an SMS code; anything else is taken as a teacher's reset code.
    """
    now = now or timezone.now()
    number = phone_normalize(phone or "")
    if number is None:
        raise ServiceError(
            _("Enter an 11-digit mainland mobile number, such as 13800138000."), field="phone"
        )
    user = get_user_model().objects.filter(phone=number, is_active=True).first()
    cleaned = code_clean(code or "")
    by_sms = cleaned.isdigit() and len(cleaned) == 6
    if by_sms:
        phone_code_check(phone=number, purpose=PhoneCode.Purpose.RESET, code=cleaned, now=now)
    else:
        recovery_code_check(user=user, code=cleaned, now=now)
    if user is None:  # unreachable: neither kind of code exists for a number with no account
        raise ServiceError(_("This code has expired or is not valid. Ask for a new one."))
    user.set_password(password)
    user.save(update_fields=["password"])
    if by_sms:
        phone_verified_mark(user=user, now=now)
    # The person proved who they are: any sign-in lockout on the number ends too.
    axes_reset(username=user.phone)
    log.info("password reset for user %s (%s)", user.pk, "sms" if by_sms else "reset code")
    return user


def lockout_clear(*, username: str, by) -> int:
    """Let a locked-out number or username sign in again at once (a school or the bureau)."""
    cleared = axes_reset(username=username)
    shown = phone_mask(username) if phone_normalize(username) else username
    log.warning("sign-in lockout of %s cleared by user %s", shown, getattr(by, "pk", None))
    return cleared
