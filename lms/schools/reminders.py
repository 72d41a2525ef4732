"""The daily reminder: assignments due soon and not yet done, at most one notice a day.

Gentle by design: it goes only to the family concerned, never to a group, and anyone can
switch "Assigned courses" off on their notifications page (then it is not written at all).
It is an ASSIGNMENT notification; lms.notifications.delivery takes it off the site in the
person's daily digest.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lms.notifications.models import Notification
from lms.notifications.selectors import notification_muted_user_ids
from lms.notifications.services import notification_send
from lms.schools import audience
from lms.schools.models import Assignment, Guardian, ReminderDigest

logger = logging.getLogger(__name__)


@dataclass
class ReminderRun:
    families: int = 0
    skipped_already_sent: int = 0


def reminders_send(*, today: date | None = None, within_days: int | None = None) -> ReminderRun:
    today = today or timezone.localdate()
    within = within_days if within_days is not None else settings.LMS_REMINDER_DAYS
    horizon = today + timedelta(days=within)
    # Exceptions may push a due date later, so look a little wider and filter per family.
    assignments = list(
        Assignment.objects.filter(starts_on__lte=today, due_on__gte=today).select_related("course")
    )
    run = ReminderRun()
    if not assignments:
        return run
    chosen = audience.chosen_lessons(assignments)
    active = Guardian.objects.filter(status=Guardian.Status.ACTIVE, user__isnull=False)
    done = audience.completions(assignments, chosen, users=active.values("user_id"))
    excused = audience.excuses(assignments)
    opted_out = {
        row["user_id"] for row in notification_muted_user_ids(kind=Notification.Kind.ASSIGNMENT)
    }
    due: dict[int, dict[int, tuple[Assignment, date]]] = defaultdict(dict)
    for member in audience.members(guardians=active):
        if member.user_id in opted_out:
            continue
        for assignment in assignments:
            if (
                not audience.targets(
                    assignment,
                    class_id=member.class_id,
                    grade=member.grade,
                    school_id=member.school_id,
                )
                or member.user_id in done[assignment.pk]
            ):
                continue
            exception = excused.get((assignment.pk, member.user_id))
            if exception and exception.excused:
                continue
            due_on = (exception and exception.due_on) or assignment.due_on
            if today <= due_on <= horizon:
                due[member.user_id][assignment.pk] = (assignment, due_on)
    users = {
        guardian.user_id: guardian.user
        for guardian in active.filter(user_id__in=list(due)).select_related("user")
    }
    for user_id, items in due.items():
        user = users[user_id]
        try:
            with transaction.atomic():
                ReminderDigest.objects.create(user=user, sent_on=today, assignments=len(items))
                _notify(user, sorted(items.values(), key=lambda pair: pair[1]))
        except IntegrityError:
            run.skipped_already_sent += 1
            continue
        run.families += 1
    logger.info("reminders sent", extra={"families": run.families})
    return run


def _notify(user, items: list[tuple[Assignment, date]]) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        lines = [
            _("“%(course)s”, due %(date)s") % {"course": a.course.title, "date": due.isoformat()}
            for a, due in items
        ]
        title = _("Courses due soon (%(n)s)") % {"n": len(items)}
        body = (
            "\n".join(lines)
            + "\n\n"
            + _(
                "Study when it suits you. If something gets in the way, tell the teacher. "
                "You can switch these reminders off on your notifications page."
            )
        )
    notification_send(
        user=user, title=title, body=body, url="/learning/", kind=Notification.Kind.ASSIGNMENT
    )
