"""Writes to the catalogue outside the page editor."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from courses.models import TalkPage, TalkSignup


class CatalogueError(ValueError):
    pass


def talk_signup(*, talk: TalkPage, user) -> bool:
    """Sign `user` up for a live talk; returns False if they already were."""
    if not talk.signup_open:
        raise CatalogueError(_("Sign-up for this talk is closed."))
    try:
        with transaction.atomic():
            TalkSignup.objects.create(talk=talk, user=user)
    except IntegrityError:
        return False
    return True
