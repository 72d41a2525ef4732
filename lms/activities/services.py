"""Writes for guidance activities: scheduling, sign-up, check-in, attendance, surveys, talks."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.activities.models import Activity, Signup, Station, SurveyResponse, TalkRequest
from lms.activities.selectors import audience_guardians, schools_requesting_talks
from lms.core.errors import ServiceError
from lms.learning.models import CreditEntry
from lms.learning.services import credit_record, credit_withdraw
from lms.notifications.models import Notification
from lms.notifications.services import notification_send
from lms.schools.models import School, SchoolClass

# QR check-in is open from shortly before the start until shortly after the end.
CHECK_IN_EARLY = timedelta(minutes=60)
CHECK_IN_LATE = timedelta(minutes=60)


def activity_create(
    *,
    title: str,
    kind: str,
    starts_at: datetime,
    ends_at: datetime,
    audience: str,
    organised_by,
    school: School | None = None,
    station: Station | None = None,
    by_lecturer_team: bool = False,
    lecturer=None,
    classes: list[SchoolClass] | None = None,
    grade: str = "",
    place: str = "",
    live_link: str = "",
    capacity: int | None = None,
    credit_hours: Decimal = Decimal("1"),
    description: str = "",
) -> Activity:
    organisers = [school is not None, station is not None, by_lecturer_team]
    if sum(organisers) != 1:
        raise ServiceError(_("An activity has exactly one organiser."), field="organiser")
    if ends_at <= starts_at:
        raise ServiceError(_("The activity must end after it starts."), field="ends_at")
    if not place and not live_link:
        raise ServiceError(_("Give a place or a live link."), field="place")
    if kind not in Activity.Kind.values:
        raise ServiceError(_("Unknown kind of activity."), field="kind")
    classes = list(classes or [])
    if audience == Activity.Audience.CLASSES:
        if not classes:
            raise ServiceError(_("Choose at least one class."), field="classes")
        if school is None or any(c.school_id != school.pk for c in classes):
            raise ServiceError(
                _("The classes must belong to the organising school."), field="classes"
            )
    elif audience == Activity.Audience.GRADE:
        if school is None or not grade:
            raise ServiceError(_("Choose the grade."), field="grade")
    elif audience == Activity.Audience.SCHOOL:
        if school is None:
            raise ServiceError(_("Only a school can invite its whole school."), field="audience")
    elif audience != Activity.Audience.PUBLIC:
        raise ServiceError(_("Unknown audience."), field="audience")
    if capacity is not None and capacity < 1:
        raise ServiceError(_("Places must be at least 1, or empty for no limit."), field="capacity")
    with transaction.atomic():
        activity = Activity.objects.create(
            title=title.strip()[:120],
            kind=kind,
            school=school,
            station=station,
            by_lecturer_team=by_lecturer_team,
            lecturer=lecturer,
            starts_at=starts_at,
            ends_at=ends_at,
            place=place,
            live_link=live_link,
            audience=audience,
            grade=grade if audience == Activity.Audience.GRADE else "",
            capacity=capacity,
            credit_hours=credit_hours,
            description=description,
            organised_by=organised_by,
        )
        if audience == Activity.Audience.CLASSES:
            activity.classes.set(classes)
    return activity


def activity_invite(*, activity: Activity, user_ids: list[int]) -> int:
    """Tell the invited families about the activity (a notification with the sign-up link)."""
    url = reverse("activities:detail", args=[activity.pk])
    when = timezone.localtime(activity.starts_at).strftime("%m-%d %H:%M")
    for user in get_user_model().objects.filter(pk__in=set(user_ids)):
        notification_send(
            user=user,
            title=_("Invitation: %(title)s") % {"title": activity.title},
            body=f"{when} · {activity.place or activity.live_link}",
            url=url,
            kind=Notification.Kind.ACTIVITY,
        )
    return len(set(user_ids))


def activity_invite_audience(*, activity: Activity) -> int:
    """Tell the families the activity is for (a school's joined families; none otherwise)."""
    guardians = audience_guardians(activity=activity)
    return activity_invite(
        activity=activity, user_ids=list(guardians.values_list("user_id", flat=True))
    )


def signup_create(*, activity: Activity, user, now: datetime | None = None) -> Signup:
    """Take a place; refused when the activity is full or over. Signing up twice is harmless."""
    now = now or timezone.now()
    if now >= activity.ends_at:
        raise ServiceError(_("This activity is over."), field="activity")
    with transaction.atomic():
        # Lock the activity row so two last-place sign-ups cannot both succeed.
        Activity.objects.select_for_update().filter(pk=activity.pk).first()
        signup = Signup.objects.filter(activity=activity, user=user).first()
        if signup is not None and signup.holds_place:
            return signup
        if activity.capacity is not None:
            taken = Signup.objects.filter(
                activity=activity, signed_up_at__isnull=False, cancelled_at__isnull=True
            ).count()
            if taken >= activity.capacity:
                raise ServiceError(
                    _("All places are taken. Ask the organiser about a waiting list."),
                    field="capacity",
                )
        if signup is None:
            return Signup.objects.create(activity=activity, user=user, signed_up_at=now)
        signup.signed_up_at, signup.cancelled_at = now, None
        signup.save(update_fields=["signed_up_at", "cancelled_at"])
        return signup


def signup_cancel(*, signup: Signup, now: datetime | None = None) -> Signup:
    if signup.attended:
        raise ServiceError(_("You already attended; there is nothing to cancel."), field="signup")
    signup.cancelled_at = now or timezone.now()
    signup.save(update_fields=["cancelled_at"])
    return signup


def check_in_window(activity: Activity) -> tuple[datetime, datetime]:
    return activity.starts_at - CHECK_IN_EARLY, activity.ends_at + CHECK_IN_LATE


def check_in_by_qr(
    *, activity: Activity, user, code: str, now: datetime | None = None
) -> tuple[Signup, bool]:
    """A parent scans the activity's code on site. Returns (signup, was_walk_in).

    Someone who did not sign up is recorded as a walk-in, not turned away; a scan outside
    the window or with a wrong code is refused and records nothing.
    """
    now = now or timezone.now()
    if code != activity.check_in_code:
        raise ServiceError(_("This check-in code is not valid for this activity."), field="code")
    opens, closes = check_in_window(activity)
    if now < opens:
        raise ServiceError(
            _("Check-in opens at %(time)s.")
            % {"time": timezone.localtime(opens).strftime("%Y-%m-%d %H:%M")},
            field="time",
        )
    if now > closes:
        raise ServiceError(_("Check-in for this activity has closed."), field="time")
    signup, walk_in = _attend(activity=activity, user=user, method=Signup.Method.QR, now=now)
    return signup, walk_in


def attendance_set(*, activity: Activity, user, attended: bool, now: datetime | None = None):
    """The organiser's check list: mark a family present or, correcting a mistake, absent."""
    now = now or timezone.now()
    if attended:
        if now < activity.starts_at - CHECK_IN_EARLY:
            raise ServiceError(_("Attendance can be taken once the activity starts."), field="time")
        return _attend(activity=activity, user=user, method=Signup.Method.LIST, now=now)[0]
    signup = Signup.objects.filter(activity=activity, user=user).first()
    if signup is None:
        return None
    with transaction.atomic():
        signup.attended, signup.checked_in_at, signup.check_in_method = False, None, ""
        signup.save(update_fields=["attended", "checked_in_at", "check_in_method"])
        credit_withdraw(user=user, source=CreditEntry.Source.ACTIVITY, source_id=activity.pk)
    return signup


def attendance_online(*, activity: Activity, user, now: datetime) -> Signup:
    """Watching an online activity to its share counts as attending (lms.activities.talk_online
    decides when); the same sign-up row and 学时 as a check-in, once."""
    return _attend(activity=activity, user=user, method=Signup.Method.ONLINE, now=now)[0]


def _attend(*, activity: Activity, user, method: str, now: datetime) -> tuple[Signup, bool]:
    with transaction.atomic():
        signup = Signup.objects.select_for_update().filter(activity=activity, user=user).first()
        if signup is None:
            try:
                with transaction.atomic():
                    signup = Signup.objects.create(activity=activity, user=user, walk_in=True)
            except IntegrityError:
                signup = Signup.objects.select_for_update().get(activity=activity, user=user)
        walk_in = signup.walk_in or not signup.holds_place
        if not signup.attended:
            signup.attended, signup.checked_in_at, signup.check_in_method = True, now, method
            signup.walk_in = walk_in
            signup.save(update_fields=["attended", "checked_in_at", "check_in_method", "walk_in"])
        credit_record(
            user=user,
            source=CreditEntry.Source.ACTIVITY,
            source_id=activity.pk,
            title=activity.title,
            hours=activity.credit_hours,
            earned_at=now,
        )
    return signup, walk_in


def survey_submit(
    *, signup: Signup, rating: int, comment: str = "", now: datetime | None = None
) -> SurveyResponse:
    """Only attendees, once, after the activity has started."""
    now = now or timezone.now()
    if not signup.attended:
        raise ServiceError(_("The survey is for families who attended."), field="survey")
    if now < signup.activity.starts_at:
        raise ServiceError(_("The survey opens when the activity starts."), field="survey")
    if not isinstance(rating, int) or not 1 <= rating <= 5:
        raise ServiceError(_("Choose from 1 to 5."), field="rating")
    if hasattr(signup, "survey"):
        raise ServiceError(_("You have already answered. Thank you!"), field="survey")
    try:
        with transaction.atomic():
            return SurveyResponse.objects.create(
                signup=signup, rating=rating, comment=comment.strip()[:500]
            )
    except IntegrityError:
        raise ServiceError(_("You have already answered. Thank you!"), field="survey") from None


def talk_request(
    *,
    requested_by,
    topic: str,
    preferred_dates: str,
    audience_note: str,
    school_id: str | None = None,
) -> TalkRequest:
    """A school administrator asks for a talk. It is for the school they chose among those
    they run; without a choice, or with one that is not theirs, for the first of them."""
    schools = schools_requesting_talks(user=requested_by)
    if not schools:
        raise ServiceError(_("Only a school's administrator can request a talk."), field="school")
    school = next((s for s in schools if str(s.pk) == str(school_id)), schools[0])
    if not topic.strip() or not preferred_dates.strip():
        raise ServiceError(_("Give the topic and the dates that suit the school."), field="topic")
    return TalkRequest.objects.create(
        school=school,
        topic=topic.strip()[:120],
        preferred_dates=preferred_dates.strip()[:120],
        audience_note=audience_note.strip()[:120],
        requested_by=requested_by,
    )


def talk_assign(
    *,
    request: TalkRequest,
    lecturer,
    starts_at: datetime,
    ends_at: datetime,
    place: str,
    assigned_by,
    kind: str = Activity.Kind.LECTURE,
) -> Activity:
    """The bureau assigns a lecturer; the talk becomes the school's activity, given by the
    lecturer team's member (it counts for the school and appears on the lecturer's side)."""
    if request.status != TalkRequest.Status.REQUESTED:
        raise ServiceError(_("This request has already been answered."), field="request")
    with transaction.atomic():
        activity = activity_create(
            title=request.topic,
            kind=kind,
            starts_at=starts_at,
            ends_at=ends_at,
            audience=Activity.Audience.SCHOOL,
            organised_by=assigned_by,
            school=request.school,
            lecturer=lecturer,
            place=place,
        )
        request.status, request.lecturer, request.activity = (
            TalkRequest.Status.ASSIGNED,
            lecturer,
            activity,
        )
        request.save(update_fields=["status", "lecturer", "activity"])
    url = reverse("activities:detail", args=[activity.pk])
    if request.requested_by_id:
        notification_send(
            user=request.requested_by,
            title=_("A lecturer will give your talk: %(topic)s") % {"topic": request.topic},
            url=url,
            kind=Notification.Kind.TALK,
        )
    if lecturer.account_id:
        when = timezone.localtime(starts_at).strftime("%Y-%m-%d %H:%M")
        notification_send(
            user=lecturer.account,
            title=_("Talk at %(school)s: %(topic)s")
            % {"school": request.school.name, "topic": request.topic},
            body=f"{when} · {place}",
            url=url,
            kind=Notification.Kind.TALK,
        )
    return activity


def talk_decline(*, request: TalkRequest, reply: str) -> TalkRequest:
    if request.status != TalkRequest.Status.REQUESTED:
        raise ServiceError(_("This request has already been answered."), field="request")
    request.status, request.reply = TalkRequest.Status.DECLINED, reply.strip()[:200]
    request.save(update_fields=["status", "reply"])
    return request
