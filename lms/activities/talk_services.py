"""Writes for the lecturer team's talks: signing up within the places, cancelling, and the
reminder the day before (once per sign-up, however often the task runs)."""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from courses.models import TalkPage, TalkSignup
from lms.activities.talk_selectors import (
    replay_pick,
    talk_is_organiser,
    talk_replay_choices,
    talk_signups_to_remind,
)
from lms.core.errors import ServiceError
from lms.notifications.models import Notification
from lms.notifications.services import notification_send

logger = logging.getLogger(__name__)


def _talk_over(*, talk: TalkPage, now: datetime) -> bool:
    if talk.starts_at is not None:
        return now >= talk.starts_at
    return talk.date < timezone.localdate(now)


def talk_signup_create(*, talk: TalkPage, user, now: datetime | None = None) -> bool:
    """Take a place; returns False if the parent already held one. Refused, with nothing
    recorded, when sign-up is closed, the talk has begun, or every place is taken."""
    now = now or timezone.now()
    if not talk.signup_open:
        # Never opened and closed again read the same: there is no sign-up "until" date.
        raise ServiceError(
            _("Sign-up for this talk is not open. Please look again later on the talk's page."),
            field="talk",
        )
    if _talk_over(talk=talk, now=now):
        raise ServiceError(_("This talk has already begun."), field="talk")
    with transaction.atomic():
        # Lock the talk's row so two last-place sign-ups cannot both succeed.
        talk = TalkPage.objects.select_for_update().get(pk=talk.pk)
        signup = TalkSignup.objects.filter(talk=talk, user=user).first()
        if signup is not None and signup.holds_place:
            return False
        if talk.capacity is not None:
            taken = TalkSignup.objects.filter(talk=talk, cancelled_at__isnull=True).count()
            if taken >= talk.capacity:
                raise ServiceError(
                    _("All places are taken. Ask the organiser about a waiting list."),
                    field="capacity",
                )
        if signup is None:
            try:
                with transaction.atomic():
                    TalkSignup.objects.create(talk=talk, user=user)
            except IntegrityError:  # a double tap from two tabs
                return False
            return True
        # Signing up again after cancelling: a fresh reminder is due.
        signup.cancelled_at = signup.reminded_at = None
        signup.save(update_fields=["cancelled_at", "reminded_at"])
        return True


def talk_signup_cancel(*, talk: TalkPage, user, now: datetime | None = None) -> bool:
    """Give the place back. Returns False when there was none to give (never signed up, or
    already cancelled): cancelling twice is harmless, and says so."""
    now = now or timezone.now()
    if _talk_over(talk=talk, now=now):
        raise ServiceError(_("This talk has already begun."), field="talk")
    cancelled = TalkSignup.objects.filter(talk=talk, user=user, cancelled_at__isnull=True).update(
        cancelled_at=now
    )
    return bool(cancelled)


def talk_reminders_send(*, today: date | None = None, now: datetime | None = None) -> int:
    """Remind each family signed up for tomorrow's talks, through their notices. Each
    sign-up is claimed by a conditional update before its notice is written, in one
    transaction, so two runs of the task (or two workers) never send it twice."""
    now = now or timezone.now()
    tomorrow = (today or timezone.localdate(now)) + timedelta(days=1)
    sent = 0
    for signup in talk_signups_to_remind(on=tomorrow):
        with transaction.atomic():
            claimed = TalkSignup.objects.filter(pk=signup.pk, reminded_at__isnull=True).update(
                reminded_at=now
            )
            if not claimed:
                continue
            _remind(signup=signup)
        sent += 1
    logger.info("talk reminders sent", extra={"sent": sent})
    return sent


def _remind(*, signup: TalkSignup) -> None:
    talk = signup.talk
    when = (
        timezone.localtime(talk.starts_at).strftime("%Y-%m-%d %H:%M")
        if talk.starts_at
        else talk.date.isoformat()
    )
    with translation.override(settings.LANGUAGE_CODE):
        title = _("Tomorrow: “%(talk)s”") % {"talk": talk.title}
        body = _("The talk you signed up for is at %(when)s.") % {"when": when}
        if talk.place:
            body += " " + _("Place: %(place)s") % {"place": talk.place}
        body += "\n" + _("If you cannot come, please cancel on the talk's page.")
    notification_send(
        user=signup.user, title=title, body=body, url=talk.url or "", kind=Notification.Kind.TALK
    )


def talk_replay_attach(
    *, talk: TalkPage, user, asset_id: int | None = None, lesson_id: int | None = None
) -> tuple[TalkPage, bool]:
    """Make a ready recording (or a lesson's) the talk's replay in one action: a new revision
    of the talk with that recording. Returns the talk and whether it went live.

    Someone who may publish the talk (a reviewer, the bureau) publishes it at once. Anyone
    else (the lecturer) submits it to the talk's review workflow, as every other change to a
    page: nothing reaches families before a reviewer approves. Only what
    `talk_replay_choices` offers this organiser can be attached; a talk with unpublished
    edits is left to the page editor, so the replay never carries someone's draft along."""
    if not talk_is_organiser(talk=talk, user=user):
        raise ServiceError(_("Only the talk's organiser can attach its replay."), field="talk")
    media = replay_pick(
        choices=talk_replay_choices(talk=talk, user=user), asset_id=asset_id, lesson_id=lesson_id
    )
    if media is None:
        raise ServiceError(
            _("Choose a recording that is ready to play (or a lesson whose video is ready)."),
            field="replay",
        )
    with transaction.atomic():
        talk = TalkPage.objects.select_for_update().get(pk=talk.pk)
        if talk.has_unpublished_changes:
            raise ServiceError(
                _(
                    "This talk has unpublished edits. Attach the replay in the page editor, "
                    "together with those edits."
                ),
                field="replay",
            )
        talk.media = media
        revision = talk.save_revision(user=user, log_action=True)
        published = talk.permissions_for_user(user).can_publish()
        if published:
            revision.publish(user=user)
        else:
            workflow = talk.get_workflow()
            if workflow is None:  # no review configured: it stays a draft for an editor
                logger.warning("talk replay left as a draft: no workflow", extra={"talk": talk.pk})
            else:
                workflow.start(talk, user)
    logger.info(
        "talk replay attached",
        extra={"talk": talk.pk, "media": media.pk, "published": published},
    )
    return TalkPage.objects.get(pk=talk.pk), published
