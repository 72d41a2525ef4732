"""Online activities (Activity.Kind.ONLINE_LECTURE) credited by watching (issue 19): the
organiser attaches the recording and a share (0.6 by default); a family the activity is for
who watches that share of it in the site's player is marked attended and earns the
activity's 学时, once, exactly as a check-in would.

Watching is counted as a lesson's is (lms.learning.progress): only intervals really played,
no faster than the wall clock allows, so skipping to the end or replaying one minute many
times earns nothing. A live stream on another platform (the live link) cannot be measured
here; its families check in with the code, or watch the recording afterwards.

Writes only; reads are in talk_selectors."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.activities.models import Activity, ActivityProgress
from lms.activities.selectors import activities_managed
from lms.activities.services import CHECK_IN_EARLY, attendance_online
from lms.activities.talk_selectors import replay_choices, replay_pick
from lms.core.errors import ServiceError
from lms.learning.progress import ProgressState, beat_apply
from lms.learning.services import progress_row_locked

SHARE_MIN, SHARE_MAX = Decimal("0.1"), Decimal("1.0")


def online_duration(*, activity: Activity) -> float:
    media = activity.replay
    return float(media.duration or 0.0) if media is not None and media.is_ready else 0.0


def online_progress_record(
    *,
    activity: Activity,
    user,
    intervals: list[tuple[float, float]],
    position: float | None,
    now: datetime | None = None,
) -> ProgressState:
    """Credit one beat on the activity's recording; at its share, attendance and 学时."""
    now = now or timezone.now()
    if activity.kind != Activity.Kind.ONLINE_LECTURE or activity.replay_id is None:
        raise ServiceError(_("This activity has no recording to watch."), field="activity")
    if now < activity.starts_at - CHECK_IN_EARLY:
        raise ServiceError(_("This activity has not started yet."), field="activity")
    duration = online_duration(activity=activity)
    with transaction.atomic():
        progress, _created = progress_row_locked(ActivityProgress, user=user, activity=activity)
        newly_complete = beat_apply(
            progress,
            intervals=intervals,
            position=position,
            duration=duration,
            threshold=activity.replay_share,
            now=now,
        )
        progress.save()
        if newly_complete:
            attendance_online(activity=activity, user=user, now=now)
    return ProgressState.of(progress, duration)


def online_replay_set(
    *,
    activity: Activity,
    user,
    share: str,
    asset_id: int | None = None,
    lesson_id: int | None = None,
) -> Activity:
    """The organiser attaches a recording they may choose (talk_selectors.replay_choices)
    and the share to watch. Families who already reached it keep their attendance."""
    if not activities_managed(user=user).filter(pk=activity.pk).exists():
        raise ServiceError(_("Only the activity's organiser can change this."), field="activity")
    if activity.kind != Activity.Kind.ONLINE_LECTURE:
        raise ServiceError(
            _("Only an online activity can be attended by watching its recording."),
            field="replay",
        )
    value = _share(share)
    media = replay_pick(choices=replay_choices(user=user), asset_id=asset_id, lesson_id=lesson_id)
    if media is None:
        raise ServiceError(
            _("Choose a recording that is ready to play (or a lesson whose video is ready)."),
            field="replay",
        )
    activity.replay, activity.replay_share = media, value
    activity.save(update_fields=["replay", "replay_share"])
    return activity


def _share(text: str) -> Decimal:
    """ "0.6", "60" or "60%" → Decimal("0.60"); anything else is refused."""
    try:
        value = Decimal(str(text).strip().rstrip("%") or "x")
    except InvalidOperation:
        value = None
    if value is not None and value.is_finite() and value > 1:
        value = value / 100
    if value is None or not value.is_finite() or not SHARE_MIN <= value <= SHARE_MAX:
        raise ServiceError(
            _("Give the share to watch as a number between 0.1 and 1 (for example 0.6)."),
            field="share",
        )
    return value.quantize(Decimal("0.01"))
