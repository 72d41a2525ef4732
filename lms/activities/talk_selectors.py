"""Reads for the lecturer team's talks (courses.TalkPage): who organises one, its sign-ups.

The talk and its sign-up rows belong to courses (which may not import lms); what is done
with them — places, cancelling, reminders, the organiser's list — lives here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, Q, QuerySet

from courses.models import CoursePage, LessonPage, TalkPage, TalkSignup
from lms.accounts import roles
from lms.activities.models import Activity, ActivityProgress
from lms.activities.selectors import activity_for_family
from lms.learning.progress import ProgressState
from lms.notifications.models import Notification
from lms.notifications.selectors import notification_muted_user_ids
from lms.sms.gateway import phone_mask
from media_pipeline.models import MediaAsset
from media_pipeline.selectors import asset_playback

# How many recordings and lessons the replay picker offers (the newest first).
REPLAY_CHOICES_LIMIT = 60


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


@dataclass(frozen=True)
class TalkGiven:
    talk: TalkPage
    places_taken: int


def talks_given(*, user, limit: int = 100) -> list[TalkGiven]:
    """The talks this lecturer gives (through their admin account), newest first, with the
    number of places taken: where a lecturer finds each talk's sign-ups and replay picker."""
    talks = list(
        TalkPage.objects.live()
        .filter(lecturer__account_id=user.pk)
        .annotate(
            held=Count("signups", filter=Q(signups__cancelled_at__isnull=True), distinct=True)
        )
        .order_by("-date", "-pk")[:limit]
    )
    return [TalkGiven(talk=talk, places_taken=talk.held) for talk in talks]


def gives_talks(user) -> bool:
    """Whether the header offers "my talks": a lecturer whose account gives a talk."""
    if not getattr(user, "is_authenticated", False):
        return False
    return roles.role_held(user, roles.Role.LECTURER) and (
        TalkPage.objects.filter(lecturer__account_id=user.pk).exists()
    )


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


# How long after a talk My learning still lists it (with its replay, once attached).
TALKS_RECENT_DAYS = 30


@dataclass(frozen=True)
class TalkOfFamily:
    talk: TalkPage
    upcoming: bool
    replay: bool


def talks_signed_up(*, user, today: date) -> list[TalkOfFamily]:
    """For My learning: the live talks this user holds a place at, upcoming first (soonest
    first), then those of the last month, with whether their replay can be watched."""
    if not getattr(user, "is_authenticated", False):
        return []
    talks = (
        TalkPage.objects.live()
        .public()
        .filter(
            signups__user=user,
            signups__cancelled_at__isnull=True,
            date__gte=today - timedelta(days=TALKS_RECENT_DAYS),
        )
        .select_related("media")
        .order_by("date", "starts_at")
    )
    found = [
        TalkOfFamily(
            talk=talk,
            upcoming=talk.date >= today,
            replay=talk.media is not None and talk.media.is_ready,
        )
        for talk in talks
    ]
    return [t for t in found if t.upcoming] + [t for t in reversed(found) if not t.upcoming]


@dataclass(frozen=True)
class ReplayChoices:
    """What an organiser may attach as a talk's replay: ready recordings and lessons whose
    video or audio is ready."""

    assets: list[MediaAsset]
    lessons: list[LessonPage]


def replay_choices(*, user, exclude_id: int | None = None) -> ReplayChoices:
    """The bureau picks from every ready recording and live lesson; anyone else from the
    recordings they uploaded, the replays of live talks, and the lessons of their own
    courses."""
    assets = MediaAsset.objects.filter(status=MediaAsset.Status.READY, duration__gt=0)
    lessons = LessonPage.objects.live().filter(
        media__status=MediaAsset.Status.READY, media__duration__gt=0
    )
    if not roles.is_bureau(user):
        talks = TalkPage.objects.live().public().exclude(media=None).values("media_id")
        assets = assets.filter(Q(uploaded_by=user) | Q(pk__in=talks))
        own = Q(pk__in=[])
        for course in CoursePage.objects.filter(lecturers__account=user).only("path", "depth"):
            own |= Q(path__startswith=course.path, depth=course.depth + 1)
        lessons = lessons.filter(own)
    if exclude_id:
        assets = assets.exclude(pk=exclude_id)
    return ReplayChoices(
        assets=list(assets.order_by("-created_at", "-pk")[:REPLAY_CHOICES_LIMIT]),
        lessons=list(lessons.select_related("media").order_by("-pk")[:REPLAY_CHOICES_LIMIT]),
    )


def talk_replay_choices(*, talk: TalkPage, user) -> ReplayChoices:
    return replay_choices(user=user, exclude_id=talk.media_id)


def replay_pick(
    *, choices: ReplayChoices, asset_id: int | None = None, lesson_id: int | None = None
) -> MediaAsset | None:
    """The recording chosen among `choices` (a lesson stands for its video); None if it is
    not among them."""
    if asset_id is not None:
        return next((a for a in choices.assets if a.pk == asset_id), None)
    if lesson_id is not None:
        lesson = next((x for x in choices.lessons if x.pk == lesson_id), None)
        return lesson.media if lesson is not None else None
    return None


def online_activity_watchable(*, activity_id: int, user) -> Activity | None:
    """An online activity with a recording, for a family it is for (organisers watching it
    are not attending)."""
    activity = activity_for_family(user=user, activity_id=activity_id)
    if activity is None or activity.kind != Activity.Kind.ONLINE_LECTURE or not activity.replay_id:
        return None
    return activity


def online_progress_get(*, activity: Activity, user) -> ProgressState:
    media = activity.replay
    duration = float(media.duration or 0.0) if media is not None and media.is_ready else 0.0
    progress = ActivityProgress.objects.filter(user=user, activity=activity).first()
    return ProgressState.of(progress, duration)


def online_watch(*, activity: Activity, user) -> dict | None:
    """What the activity's page needs to play its recording and count it, or None."""
    if activity.kind != Activity.Kind.ONLINE_LECTURE or activity.replay is None:
        return None
    playback = asset_playback(activity.replay)
    state = online_progress_get(activity=activity, user=user) if playback else None
    return {
        "playback": playback,
        "pending": playback is None,
        "share_percent": round(100 * activity.replay_share),
        "fraction_percent": round(100 * state.fraction) if state else 0,
        "progress_url": f"/api/v1/activities/{activity.pk}/progress",
    }
