"""Reads for activities: who may run or see one, what a family is invited to, and the counts
supervision needs (held, attendance, satisfaction) — never a list of who stayed away."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.accounts import roles
from lms.activities.models import Activity, Signup, Station, SurveyResponse, TalkRequest
from lms.schools import access as school_access
from lms.schools.models import Guardian, School, SchoolClass


def stations_staffed(*, user) -> QuerySet[Station]:
    if not user.is_authenticated:
        return Station.objects.none()
    return Station.objects.filter(staff=user)


def organisers_for(*, user) -> list[tuple[str, str, School | Station | None]]:
    """Whom the user may schedule activities for, as (key, label, organiser): the schools they
    work at, the stations they staff, and for the bureau the county lecturer team (None)."""
    options: list[tuple[str, str, School | Station | None]] = [
        (f"school:{school.pk}", school.name, school)
        for school in school_access.schools_of_staff(user=user)
    ]
    options += [
        (f"station:{station.pk}", station.name, station) for station in stations_staffed(user=user)
    ]
    if roles.is_bureau(user):
        options.append(("team", _("County lecturer team"), None))
    return options


def activities_managed(*, user) -> QuerySet[Activity]:
    """Activities the user may run (take attendance, see sign-ups): their school's as its
    administrator, ones they organised or whose classes they teach, their station's, talks
    they give as a lecturer, and the lecturer team's for the bureau."""
    if not user.is_authenticated:
        return Activity.objects.none()
    condition = (
        Q(organised_by=user)
        | Q(school__staff__user=user, school__staff__is_admin=True)
        | Q(classes__in=school_access.classes_managed(user=user))
        | Q(station__staff=user)
        | Q(lecturer__account=user)
    )
    if roles.is_bureau(user):
        condition |= Q(by_lecturer_team=True) | Q(lecturer__isnull=False)
    return Activity.objects.filter(condition).distinct()


def activity_managed(*, user, activity_id: int) -> Activity | None:
    return (
        activities_managed(user=user)
        .select_related("school", "station", "lecturer")
        .filter(pk=activity_id)
        .first()
    )


def _family_condition(*, user) -> Q:
    classes = [
        g.student.school_class
        for g in Guardian.objects.filter(user=user, status=Guardian.Status.ACTIVE).select_related(
            "student__school_class"
        )
    ]
    condition = Q(audience=Activity.Audience.PUBLIC)
    for school_class in classes:
        condition |= Q(school_id=school_class.school_id) & (
            Q(audience=Activity.Audience.SCHOOL)
            | Q(audience=Activity.Audience.GRADE, grade=school_class.grade)
            | Q(audience=Activity.Audience.CLASSES, classes=school_class)
        )
    return condition | Q(signups__user=user)


def activities_managed_listed(*, user, limit: int = 100) -> list[Activity]:
    """The organiser's list: the newest activities they may run, with organiser names."""
    return list(activities_managed(user=user).select_related("school", "station")[:limit])


def classes_for_organiser(*, user) -> QuerySet[SchoolClass]:
    """Classes an organiser may invite (with their school, for the labels)."""
    return school_access.classes_managed(user=user).select_related("school")


def schools_requesting_talks(*, user) -> list[School]:
    """Schools for which the user may ask the lecturer team for a talk: those they run."""
    return list(school_access.schools_administered(user=user))


def talk_requests_visible(*, user, limit: int = 200) -> list[TalkRequest]:
    """Every request for the bureau; a school administrator's own schools' otherwise."""
    found = TalkRequest.objects.select_related("school", "lecturer", "activity")
    if not roles.is_bureau(user):
        found = found.filter(school__in=school_access.schools_administered(user=user))
    return list(found[:limit])


def talk_request_get(*, request_id: int) -> TalkRequest | None:
    return TalkRequest.objects.filter(pk=request_id).first()


def signup_of(*, activity: Activity, user) -> Signup | None:
    """This family's sign-up (or check-in) for the activity, if any."""
    return Signup.objects.filter(activity=activity, user=user).first()


def activity_for_family(*, user, activity_id: int) -> Activity | None:
    """An activity this family is invited to (or already signed up for / checked in at)."""
    if not user.is_authenticated:
        return None
    return (
        Activity.objects.filter(_family_condition(user=user), pk=activity_id)
        .select_related("school", "station", "lecturer")
        .distinct()
        .first()
    )


def activity_by_check_in_code(*, code: str) -> Activity | None:
    return Activity.objects.filter(check_in_code=code).select_related("school", "station").first()


@dataclass(frozen=True)
class FamilyActivity:
    activity: Activity
    signup: Signup | None


def activities_for_family(*, user, now: datetime | None = None) -> list[FamilyActivity]:
    """Upcoming activities the family is invited to, and past ones they attended whose survey
    is still unanswered."""
    if not user.is_authenticated:
        return []
    now = now or timezone.now()
    found = (
        Activity.objects.filter(_family_condition(user=user))
        .filter(Q(ends_at__gte=now) | Q(signups__user=user, signups__attended=True))
        .select_related("school", "station")
        .distinct()
        .order_by("starts_at")
    )
    activities = list(found[:30])
    signups = {
        s.activity_id: s
        for s in Signup.objects.filter(
            user=user, activity__in=[a.pk for a in activities]
        ).select_related("survey")
    }
    result = []
    for activity in activities:
        signup = signups.get(activity.pk)
        if activity.ends_at < now and (signup is None or hasattr(signup, "survey")):
            continue  # past, and nothing left to do
        result.append(FamilyActivity(activity, signup))
    return result


def places_taken(*, activity: Activity) -> int:
    return Signup.objects.filter(
        activity=activity, signed_up_at__isnull=False, cancelled_at__isnull=True
    ).count()


def audience_guardians(*, activity: Activity) -> QuerySet[Guardian]:
    """Joined families a school activity is for (none for public and station activities)."""
    if activity.audience == Activity.Audience.PUBLIC or activity.school_id is None:
        return Guardian.objects.none()
    guardians = Guardian.objects.filter(
        status=Guardian.Status.ACTIVE,
        user__isnull=False,
        student__school_class__school_id=activity.school_id,
    )
    if activity.audience == Activity.Audience.GRADE:
        guardians = guardians.filter(student__school_class__grade=activity.grade)
    elif activity.audience == Activity.Audience.CLASSES:
        guardians = guardians.filter(student__school_class__in=activity.classes.all())
    return guardians


def check_list(*, activity: Activity) -> list[dict]:
    """The organiser's list for taking attendance: the invited families (by child and class)
    and everyone who signed up or checked in."""
    signups = {
        s.user_id: s
        for s in Signup.objects.filter(activity=activity)
        .filter(Q(cancelled_at__isnull=True) | Q(attended=True))
        .select_related("user")
    }
    rows: dict[int, dict] = {}
    for guardian in audience_guardians(activity=activity).select_related(
        "user", "student__school_class"
    ):
        row = rows.setdefault(guardian.user_id, _row(guardian.user, signups.get(guardian.user_id)))
        row["children"].append(f"{guardian.student.school_class} {guardian.student.nickname}")
    for user_id, signup in signups.items():
        rows.setdefault(user_id, _row(signup.user, signup))
    return sorted(rows.values(), key=lambda row: (row["children"][:1] or ["\uffff"], row["name"]))


def _row(user, signup: Signup | None) -> dict:
    return {
        "user": user,
        "name": user.display_name or user.username,
        "children": [],
        "signed_up": bool(signup and signup.holds_place),
        "attended": bool(signup and signup.attended),
        "walk_in": bool(signup and signup.walk_in),
        "method": signup.get_check_in_method_display() if signup and signup.check_in_method else "",
    }


def attendee_get(*, activity: Activity, user_id: int):
    """The active account the organiser's list may mark for this activity, or None."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or not family_may_attend(activity=activity, user_id=user.pk):
        return None
    return user


def family_may_attend(*, activity: Activity, user_id: int) -> bool:
    """Whether the organiser's list may mark this person: invited, or already signed up."""
    return (
        audience_guardians(activity=activity).filter(user_id=user_id).exists()
        or Signup.objects.filter(activity=activity, user_id=user_id).exists()
    )


@dataclass(frozen=True)
class ActivityStats:
    held: int
    signed_up: int
    attended: int
    walk_ins: int
    responses: int
    satisfied: int
    rating_total: int

    @property
    def attendance_rate(self) -> float | None:
        """Share of families who signed up and then came."""
        return (self.attended - self.walk_ins) / self.signed_up if self.signed_up else None

    @property
    def satisfaction_rate(self) -> float | None:
        """Share of survey answers of 4 or 5."""
        return self.satisfied / self.responses if self.responses else None

    @property
    def mean_rating(self) -> float | None:
        return self.rating_total / self.responses if self.responses else None


def activity_stats(*, activities: QuerySet[Activity]) -> ActivityStats:
    """Counts over a set of activities, in three queries."""
    ids = list(activities.values_list("pk", flat=True))
    signups = Signup.objects.filter(activity_id__in=ids).aggregate(
        n_signed=Count("pk", filter=Q(signed_up_at__isnull=False, cancelled_at__isnull=True)),
        n_attended=Count("pk", filter=Q(attended=True)),
        n_walk_ins=Count("pk", filter=Q(attended=True, walk_in=True)),
    )
    surveys = SurveyResponse.objects.filter(signup__activity_id__in=ids)
    responses = list(surveys.values_list("rating", flat=True))
    return ActivityStats(
        held=len(ids),
        signed_up=signups["n_signed"],
        attended=signups["n_attended"],
        walk_ins=signups["n_walk_ins"],
        responses=len(responses),
        satisfied=sum(1 for r in responses if r >= 4),
        rating_total=sum(responses),
    )


def activity_stats_of(*, activity: Activity) -> ActivityStats:
    return activity_stats(activities=Activity.objects.filter(pk=activity.pk))


def activities_held(
    *, start: datetime, end: datetime, school: School | None = None, station: Station | None = None
) -> QuerySet[Activity]:
    """Activities that took place in [start, end) for a school or a station."""
    found = Activity.objects.filter(
        starts_at__gte=start, starts_at__lt=end, ends_at__lte=timezone.now()
    )
    if school is not None:
        found = found.filter(school=school)
    if station is not None:
        found = found.filter(station=station)
    return found


def station_year_counts(*, user, year: int) -> list[tuple[Station, int]]:
    """Activities held this calendar year by each station the user staffs."""
    zone = timezone.get_current_timezone()
    start = timezone.make_aware(datetime(year, 1, 1), zone)
    end = timezone.make_aware(datetime(year + 1, 1, 1), zone)
    return [
        (station, activities_held(start=start, end=end, station=station).count())
        for station in stations_staffed(user=user)
    ]
