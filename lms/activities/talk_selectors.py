"""Reads for the lecturer team's talks (courses.TalkPage): who organises one, its sign-ups.

The talk and its sign-up rows belong to courses (which may not import lms); what is done
with them — places, cancelling, reminders, the organiser's list — lives here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import QuerySet

from courses.models import TalkPage, TalkSignup
from lms.accounts import roles
from lms.notifications.models import Notification
from lms.notifications.selectors import notification_muted_user_ids
from lms.sms.gateway import phone_mask


def talk_live_get(*, talk_id: int) -> TalkPage | None:
    """A published, public talk."""
    return TalkPage.objects.live().public().filter(pk=talk_id).select_related("lecturer").first()


def talk_is_organiser(*, talk: TalkPage, user) -> bool:
    """The talk's lecturer (through their admin account) and the bureau organise it."""
    if not getattr(user, "is_authenticated", False):
        return False
    if talk.lecturer_id and talk.lecturer.account_id == user.pk:
        return True
    return roles.is_bureau(user)


def talk_organised_get(*, talk_id: int, user) -> TalkPage | None:
    """The talk, live or draft, when this user organises it; None for anyone else."""
    talk = TalkPage.objects.filter(pk=talk_id).select_related("lecturer").first()
    if talk is None or not talk_is_organiser(talk=talk, user=user):
        return None
    return talk


def talk_replay_editable(*, talk: TalkPage, user) -> bool:
    """Whether this organiser may attach the replay in the page editor (choosing the
    recording there and submitting or publishing is the one action; review still applies)."""
    return talk.permissions_for_user(user).can_edit()


def talk_signups_held(*, talk: TalkPage) -> QuerySet[TalkSignup]:
    """Sign-ups that hold a place (a cancelled one frees its place)."""
    return TalkSignup.objects.filter(talk=talk, cancelled_at__isnull=True)


def talk_places_taken(*, talk: TalkPage) -> int:
    return talk_signups_held(talk=talk).count()


def talk_signup_of(*, talk: TalkPage, user) -> TalkSignup | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return TalkSignup.objects.filter(talk=talk, user=user).first()


@dataclass(frozen=True)
class TalkSignupRow:
    """What the organiser needs to know of one family, and no more."""

    name: str
    phone: str
    signed_up_at: datetime


def talk_signups_listed(*, talk: TalkPage, limit: int = 2000) -> list[TalkSignupRow]:
    """The organiser's list: display name and masked number, in the order they signed up."""
    found = talk_signups_held(talk=talk).select_related("user").order_by("created_at", "pk")
    return [
        TalkSignupRow(
            name=signup.user.display_name or "-",
            phone=phone_mask(signup.user.phone),
            signed_up_at=signup.created_at,
        )
        for signup in found[:limit]
    ]


def talk_signups_to_remind(*, on: date) -> QuerySet[TalkSignup]:
    """Sign-ups still holding a place for a live talk on that day, not yet reminded; not
    for anyone who switched talks off on their notifications page."""
    return (
        TalkSignup.objects.filter(
            talk__date=on,
            talk__live=True,
            cancelled_at__isnull=True,
            reminded_at__isnull=True,
            user__is_active=True,
        )
        .exclude(user__in=notification_muted_user_ids(kind=Notification.Kind.TALK))
        .select_related("talk", "user")
        .order_by("pk")
    )
