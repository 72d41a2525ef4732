"""Writes to accounts."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from lms.accounts.phone import phone_normalize
from lms.accounts.roles import Role


class AccountError(ValueError):
    pass


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str,
    phone: str | None = None,
    display_name: str = "",
    roles: Iterable[Role] = (),
    is_superuser: bool = False,
):
    """Create a user with the given roles. A phone is normalised and must be unique."""
    user_model = get_user_model()
    normalised = None
    if phone:
        normalised = phone_normalize(phone)
        if normalised is None:
            raise AccountError(f"not a mainland mobile number: {phone!r}")
        if user_model.objects.filter(phone=normalised).exists():
            raise AccountError(f"mobile number already registered: {normalised}")
    if user_model.objects.filter(username=username).exists():
        raise AccountError(f"username already taken: {username}")
    user = user_model(
        username=username,
        phone=normalised,
        display_name=display_name,
        is_superuser=is_superuser,
        is_staff=is_superuser,
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


def parent_register(*, phone: str, password: str, display_name: str = ""):
    """A parent's own account; the phone number doubles as the username."""
    return user_create(
        username=phone,
        password=password,
        phone=phone,
        display_name=display_name,
        roles=[Role.PARENT],
    )
