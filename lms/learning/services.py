"""Writes for parents' learning: beats, reading, course completion, certificates, children."""

from __future__ import annotations

import hashlib
import math
import secrets
from datetime import datetime, timedelta
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from courses.models import CoursePage, LessonPage
from lms.core.errors import ServiceError
from lms.learning.beats import beat_try_unlocked
from lms.learning.models import (
    ApiToken,
    Certificate,
    Child,
    CreditEntry,
    Enrolment,
    FamilyInvite,
    Guardianship,
    LessonProgress,
)
from lms.learning.progress import BEAT_FIELDS, ProgressState, beat_apply

CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O or 1/I to misread


def progress_row_locked(model, **keys) -> tuple:
    """The progress row of `keys` (user and lesson, or user and talk) locked for this
    transaction, and whether it was just created.

    One locked read in the usual case; the first beat inserts, and a concurrent first beat
    from another tab loses the insert and reads the winner's row.
    """
    rows = model.objects.select_for_update()
    found = rows.filter(**keys).first()
    if found is not None:
        return found, False
    try:
        with transaction.atomic():
            return model.objects.create(**keys), True
    except IntegrityError:
        return rows.get(**keys), False


def _locked_progress(*, user, lesson: LessonPage) -> tuple[LessonProgress, bool]:
    return progress_row_locked(LessonProgress, user=user, lesson=lesson)


def progress_record(
    *,
    user,
    lesson: LessonPage,
    intervals: list[tuple[float, float]],
    position: float | None,
    now: datetime | None = None,
) -> ProgressState:
    """Credit a beat: union of intervals, rate-limited by wall-clock time; complete at threshold.

    An ordinary beat is a compare-and-set without a transaction (beats.py); the first beat,
    a completion, and a beat that raced another tab take the locked path.
    """
    now = now or timezone.now()
    duration = lesson.duration or 0.0
    threshold = float(lesson.completion_threshold)
    fast = beat_try_unlocked(
        user_id=user.pk,
        lesson_id=lesson.pk,
        duration=duration,
        threshold=threshold,
        intervals=intervals,
        position=position,
        now=now,
    )
    if fast is not None:
        _enrolment_touch(
            user=user,
            lesson=lesson,
            lesson_completed=False,
            first_beat=False,
            previous_beat=fast.previous_beat,
            now=now,
        )
        return ProgressState(
            round(fast.watched_seconds, 3),
            duration,
            round(min(1.0, fast.watched_seconds / duration), 4),
            fast.completed,
            round(fast.position, 3),
        )
    return _progress_record_locked(
        user=user, lesson=lesson, intervals=intervals, position=position, now=now
    )


@transaction.atomic
def _progress_record_locked(
    *,
    user,
    lesson: LessonPage,
    intervals: list[tuple[float, float]],
    position: float | None,
    now: datetime,
) -> ProgressState:
    duration = lesson.duration or 0.0
    progress, first_beat = _locked_progress(user=user, lesson=lesson)
    previous_beat = progress.last_beat_at
    newly_complete = beat_apply(
        progress,
        intervals=intervals,
        position=position,
        duration=duration,
        threshold=lesson.completion_threshold,
        now=now,
    )
    progress.beats += 1
    progress.save(update_fields=None if first_beat else list(BEAT_FIELDS))
    _enrolment_touch(
        user=user,
        lesson=lesson,
        lesson_completed=newly_complete,
        first_beat=first_beat or previous_beat is None,
        previous_beat=previous_beat,
        now=now,
    )
    return ProgressState.of(progress, duration)


@transaction.atomic
def reading_mark_read(*, user, lesson: LessonPage, now: datetime | None = None) -> ProgressState:
    """A reading lesson completes on 'mark as read' once its minimum reading time has passed."""
    now = now or timezone.now()
    if not lesson.is_reading:
        raise ServiceError(
            _("Only reading lessons are marked as read; videos count what is watched."),
            field="lesson",
        )
    progress, _first = _locked_progress(user=user, lesson=lesson)
    waited = (now - progress.first_seen_at).total_seconds()
    if progress.completed_at is None and waited < lesson.min_reading_seconds:
        remaining = max(1, math.ceil(lesson.min_reading_seconds - max(0.0, waited)))
        raise ServiceError(
            ngettext(
                "Please read for %(seconds)d more second first.",
                "Please read for %(seconds)d more seconds first.",
                remaining,
            )
            % {"seconds": remaining},
            field="lesson",
            retry_after=remaining,
        )
    newly = progress.completed_at is None
    if newly:
        progress.completed_at = now
        progress.save(update_fields=["completed_at"])
    course = _course_of(lesson)
    if course is not None:
        _enrolment_update(user=user, course=course, lesson_completed=newly, now=now)
    return ProgressState(0.0, 0.0, 1.0, True, 0.0)


def _course_of(lesson: LessonPage) -> CoursePage | None:
    """The lesson's course in one query (a lesson's parent is always a course)."""
    return CoursePage.objects.filter(path=lesson.path[: -CoursePage.steplen]).first()


ACTIVITY_EVERY = timedelta(minutes=1)


def _enrolment_touch(
    *,
    user,
    lesson: LessonPage,
    lesson_completed: bool,
    first_beat: bool,
    previous_beat: datetime | None,
    now: datetime,
) -> None:
    """Keep the enrolment current at the least cost: an ordinary beat writes nothing, or one
    small UPDATE a minute; the first beat and a completion go through the full recount."""
    if first_beat or lesson_completed:
        course = _course_of(lesson)
        if course is not None:
            _enrolment_update(user=user, course=course, lesson_completed=lesson_completed, now=now)
        return
    if previous_beat is None or now - previous_beat >= ACTIVITY_EVERY:
        course_id = getattr(lesson, "course_pk", None)
        if course_id is None:
            course = _course_of(lesson)
            course_id = course.pk if course else None
        if course_id is not None:
            Enrolment.objects.filter(
                user=user, course_id=course_id, last_activity_at__lt=now - ACTIVITY_EVERY
            ).update(last_activity_at=now)


def _enrolment_update(
    *, user, course: CoursePage, lesson_completed: bool, now: datetime
) -> Enrolment | None:
    """Create the enrolment on first activity; recount only when a lesson completes.

    An ordinary beat only refreshes `last_activity_at`, at most once a minute and without a
    lock, so the hot path stays one small UPDATE (or none).
    """
    if not lesson_completed:
        mine = Enrolment.objects.filter(user=user, course=course)
        if mine.filter(last_activity_at__lt=now - timedelta(minutes=1)).update(
            last_activity_at=now
        ):
            return None
        if mine.exists():
            return None
    enrolment, created = Enrolment.objects.select_for_update().get_or_create(
        user=user, course=course
    )
    if not (created or lesson_completed) or enrolment.completed_at:
        return enrolment
    required = LessonPage.objects.child_of(course).live().filter(required=True)
    enrolment.lessons_required = required.count()
    enrolment.lessons_completed = LessonProgress.objects.filter(
        user=user, lesson__in=required, completed_at__isnull=False
    ).count()
    if enrolment.lessons_required and enrolment.lessons_completed >= enrolment.lessons_required:
        enrolment.completed_at = now
        enrolment.credit_hours = course.credit_hours
        enrolment.save()
        credit_record(
            user=user,
            source=CreditEntry.Source.COURSE,
            source_id=course.pk,
            title=course.title,
            hours=course.credit_hours,
            earned_at=now,
        )
        certificate_issue(enrolment=enrolment)
    else:
        enrolment.save()
    return enrolment


def credit_record(
    *,
    user,
    source: str,
    source_id: int,
    title: str,
    hours: Decimal,
    earned_at: datetime,
) -> CreditEntry:
    """Write one line of the parent's 学时 ledger; a second call for the same source is a no-op."""
    entry, _created = CreditEntry.objects.get_or_create(
        user=user,
        source=source,
        source_id=source_id,
        defaults={"title": title[:255], "hours": hours or Decimal("0"), "earned_at": earned_at},
    )
    return entry


def credit_withdraw(*, user, source: str, source_id: int) -> None:
    """Take back a line (attendance recorded by mistake and corrected)."""
    CreditEntry.objects.filter(user=user, source=source, source_id=source_id).delete()


def certificate_issue(*, enrolment: Enrolment) -> Certificate:
    existing = Certificate.objects.filter(enrolment=enrolment).first()
    if existing:
        return existing
    user = enrolment.user
    return Certificate.objects.create(
        enrolment=enrolment,
        code="".join(secrets.choice(CODE_ALPHABET) for _ in range(10)),
        holder_name=(user.display_name or user.get_full_name() or user.username)[:40],
        course_title=enrolment.course.title[:255],
        credit_hours=enrolment.credit_hours,
    )


def api_token_create(*, user) -> str:
    """A new bearer token; only its hash is kept, so it is shown once."""
    key = secrets.token_urlsafe(32)
    ApiToken.objects.create(user=user, key_hash=token_hash(key))
    return key


def token_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def child_add(
    *,
    guardian,
    nickname: str,
    relation: str,
    birth_year: int | None = None,
    birth_month: int | None = None,
    stage: str = "",
) -> Child:
    child = Child.objects.create(
        nickname=nickname.strip()[:20], birth_year=birth_year, birth_month=birth_month, stage=stage
    )
    Guardianship.objects.create(child=child, user=guardian, relation=relation)
    return child


def child_guardian_add(*, child: Child, guardian, relation: str) -> Guardianship:
    """Another guardian for a child (grandparents, the other parent); adding twice is harmless."""
    guardianship, _created = Guardianship.objects.get_or_create(
        child=child, user=guardian, defaults={"relation": relation}
    )
    return guardianship


FAMILY_CODE_LENGTH = 10
FAMILY_CODE_DAYS = 7


def family_code_clean(raw: str) -> str:
    return "".join(ch for ch in (raw or "").upper() if ch.isalnum())


def family_invite_create(*, child: Child, by, now: datetime | None = None) -> str:
    """A one-time code (shown once) that makes another family member a guardian of `child`."""
    if not Guardianship.objects.filter(child=child, user=by).exists():
        raise ServiceError(_("Only the child's own family can invite."), field="child")
    now = now or timezone.now()
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(FAMILY_CODE_LENGTH))
    FamilyInvite.objects.create(
        child=child,
        created_by=by,
        code_hash=token_hash(code),
        created_at=now,
        expires_at=now + timedelta(days=FAMILY_CODE_DAYS),
    )
    return code


@transaction.atomic
def family_invite_accept(
    *, code: str, user, relation: str, now: datetime | None = None
) -> Guardianship:
    """Become a guardian of the invited child; the code then stops working."""
    now = now or timezone.now()
    if relation not in Guardianship.Relation.values:
        raise ServiceError(_("Choose how you are related to the child."), field="relation")
    invite = (
        FamilyInvite.objects.select_related("child")
        .filter(code_hash=token_hash(family_code_clean(code)))
        .first()
    )
    if invite is None or invite.expires_at <= now:
        raise ServiceError(_("This family code is not valid or has expired."), field="code")
    if invite.used_at is not None:
        raise ServiceError(_("This family code has already been used."), field="code")
    if Guardianship.objects.filter(child=invite.child, user=user).exists():
        raise ServiceError(_("You are already in this child's family."), field="code")
    if not FamilyInvite.objects.filter(pk=invite.pk, used_at__isnull=True).update(
        used_at=now, used_by=user
    ):
        raise ServiceError(_("This family code has already been used."), field="code")
    return child_guardian_add(child=invite.child, guardian=user, relation=relation)
