"""Writes for watching a talk's recording or replay: the same honest count as a lesson.

A beat's intervals are merged into the union of what was watched, at most what the
wall-clock time since the previous beat allows at the top speed (lms.learning.intervals);
reaching the talk's threshold completes it and writes its 学时 to the ledger once.
Talks are watched far less often than lessons, so every beat takes the locked path.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from courses.models import TalkPage
from lms.learning.models import CreditEntry, TalkProgress
from lms.learning.progress import ProgressState, beat_apply
from lms.learning.selectors import talk_duration
from lms.learning.services import credit_record, progress_row_locked


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
    progress, _created = progress_row_locked(TalkProgress, user=user, talk=talk)
    newly_complete = beat_apply(
        progress,
        intervals=intervals,
        position=position,
        duration=duration,
        threshold=talk.completion_threshold,
        now=now,
    )
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
