"""Writes for watching a talk's recording or replay: the same honest count as a lesson.

A beat's intervals are merged into the union of what was watched, at most what the
wall-clock time since the previous beat allows at the top speed (lms.learning.intervals);
reaching the talk's threshold completes it and writes its 学时 to the ledger once.
Talks are watched far less often than lessons, so every beat takes the locked path.
"""

from __future__ import annotations

from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from courses.models import TalkPage
from lms.learning.models import CreditEntry, TalkProgress
from lms.learning.progress import ProgressState, progress_merge
from lms.learning.selectors import talk_duration
from lms.learning.services import credit_record


def _locked(*, user, talk: TalkPage) -> TalkProgress:
    rows = TalkProgress.objects.select_for_update()
    found = rows.filter(user=user, talk=talk).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            return TalkProgress.objects.create(user=user, talk=talk)
    except IntegrityError:  # a first beat from another tab won the insert
        return rows.get(user=user, talk=talk)


@transaction.atomic
def talk_progress_record(
    *,
    user,
    talk: TalkPage,
    intervals: list[tuple[float, float]],
    position: float | None,
    now: datetime | None = None,
) -> ProgressState:
    """Credit a beat on the talk's recording; complete at the threshold, earning its 学时."""
    now = now or timezone.now()
    duration = talk_duration(talk=talk)
    progress = _locked(user=user, talk=talk)
    if duration and intervals:
        since = (now - progress.last_beat_at).total_seconds() if progress.last_beat_at else None
        progress.intervals, progress.watched_seconds = progress_merge(
            stored=progress.intervals, claimed=intervals, duration=duration, seconds_since=since
        )
    progress.duration = duration
    if position is not None:
        progress.position = min(position, duration) if duration else position
    progress.last_beat_at = now
    newly_complete = (
        progress.completed_at is None
        and duration > 0
        and progress.watched_seconds / duration >= float(talk.completion_threshold)
    )
    if newly_complete:
        progress.completed_at = now
    progress.save()
    if newly_complete and talk.credit_hours:
        credit_record(
            user=user,
            source=CreditEntry.Source.TALK,
            source_id=talk.pk,
            title=talk.title,
            hours=talk.credit_hours,
            earned_at=now,
        )
    return ProgressState.of(progress, duration)
