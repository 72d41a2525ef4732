"""Activities: capacity, QR check-in window and walk-ins, the teacher's list, the survey, and
credit hours in the same ledger as courses."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from lms.accounts.roles import Role
from lms.activities.models import Activity, Community, Signup, Station, SurveyResponse
from lms.activities.services import (
    activity_create,
    attendance_set,
    check_in_by_qr,
    signup_create,
    survey_submit,
)
from lms.core.errors import ServiceError
from lms.learning.models import CreditEntry
from lms.learning.selectors import my_learning
from tests.courses.factories import UserFactory
from tests.lms.schools.factories import class_add, family_join, parent_add, school_add, staff_add

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    school = school_add()
    teacher = staff_add(school)
    school_class = class_add(school, teacher=teacher)
    start = timezone.now() + timedelta(days=2)
    activity = activity_create(
        title="三年级家长会",
        kind=Activity.Kind.PARENT_MEETING,
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        audience=Activity.Audience.CLASSES,
        classes=[school_class],
        organised_by=teacher,
        school=school,
        place="三楼会议室",
        capacity=2,
        credit_hours=Decimal("1.5"),
    )
    return activity, school_class, teacher


def test_sign_up_beyond_capacity_is_refused_and_nothing_recorded(meeting):
    activity, school_class, _teacher = meeting
    first, second, third = (family_join(school_class, nickname=n) for n in ("甲", "乙", "丙"))
    signup_create(activity=activity, user=first)
    signup_create(activity=activity, user=first)  # twice is harmless
    signup_create(activity=activity, user=second)
    with pytest.raises(ServiceError) as refused:
        signup_create(activity=activity, user=third)
    assert refused.value.field == "capacity"
    assert not Signup.objects.filter(activity=activity, user=third).exists()


def test_qr_check_in_window_walk_ins_and_credit(meeting):
    activity, school_class, _teacher = meeting
    signed, walker = family_join(school_class, nickname="甲"), parent_add()
    signup_create(activity=activity, user=signed)
    too_early = activity.starts_at - timedelta(hours=3)
    with pytest.raises(ServiceError) as early:
        check_in_by_qr(activity=activity, user=signed, code=activity.check_in_code, now=too_early)
    assert early.value.field == "time"
    with pytest.raises(ServiceError):
        check_in_by_qr(
            activity=activity,
            user=signed,
            code=activity.check_in_code,
            now=activity.ends_at + timedelta(hours=2),
        )
    with pytest.raises(ServiceError) as wrong:
        check_in_by_qr(activity=activity, user=signed, code="forged", now=activity.starts_at)
    assert wrong.value.field == "code"
    assert not Signup.objects.filter(activity=activity, attended=True).exists()
    assert not CreditEntry.objects.exists()

    during = activity.starts_at + timedelta(minutes=10)
    _s, walk_in = check_in_by_qr(
        activity=activity, user=signed, code=activity.check_in_code, now=during
    )
    assert walk_in is False
    signup, walk_in = check_in_by_qr(
        activity=activity, user=walker, code=activity.check_in_code, now=during
    )
    assert walk_in is True and signup.walk_in and signup.attended
    # Scanning again changes nothing and credits once.
    check_in_by_qr(activity=activity, user=walker, code=activity.check_in_code, now=during)
    assert CreditEntry.objects.filter(user=walker).count() == 1
    entry = CreditEntry.objects.get(user=signed)
    assert (entry.source, entry.source_id, entry.hours) == ("activity", activity.pk, Decimal("1.5"))


def test_teacher_list_marks_and_corrects_attendance(meeting):
    activity, school_class, _teacher = meeting
    parent = family_join(school_class)
    signup_create(activity=activity, user=parent)
    with pytest.raises(ServiceError):
        attendance_set(
            activity=activity,
            user=parent,
            attended=True,
            now=activity.starts_at - timedelta(days=1),
        )
    attendance_set(activity=activity, user=parent, attended=True, now=activity.starts_at)
    assert CreditEntry.objects.filter(user=parent, source="activity").count() == 1
    attendance_set(activity=activity, user=parent, attended=False, now=activity.starts_at)
    assert not CreditEntry.objects.filter(user=parent).exists()
    assert not Signup.objects.get(activity=activity, user=parent).attended


def test_survey_only_for_attendees_once_and_in_range(meeting):
    activity, school_class, _teacher = meeting
    parent = family_join(school_class)
    signup = signup_create(activity=activity, user=parent)
    with pytest.raises(ServiceError):
        survey_submit(signup=signup, rating=5, now=activity.ends_at)
    attendance_set(activity=activity, user=parent, attended=True, now=activity.starts_at)
    signup.refresh_from_db()
    with pytest.raises(ServiceError):
        survey_submit(signup=signup, rating=6, now=activity.ends_at)
    survey_submit(signup=signup, rating=4, comment="很实用", now=activity.ends_at)
    signup.refresh_from_db()
    with pytest.raises(ServiceError):
        survey_submit(signup=signup, rating=5, now=activity.ends_at)
    assert SurveyResponse.objects.get().rating == 4


def test_bad_schedules_are_refused(meeting):
    activity, school_class, teacher = meeting
    base = {
        "title": "x",
        "kind": Activity.Kind.LECTURE,
        "audience": Activity.Audience.SCHOOL,
        "organised_by": teacher,
        "school": activity.school,
        "place": "礼堂",
        "starts_at": activity.starts_at,
        "ends_at": activity.ends_at,
    }
    for change in (
        {"ends_at": activity.starts_at},
        {"place": ""},
        {"school": None},
        {"audience": Activity.Audience.CLASSES, "classes": []},
        {"capacity": 0},
    ):
        with pytest.raises(ServiceError):
            activity_create(**{**base, **change})
    assert Activity.objects.count() == 1


def test_pages_for_families_and_outsiders(meeting, client):
    activity, school_class, teacher = meeting
    parent = family_join(school_class)
    client.force_login(parent)
    assert client.get(f"/activities/{activity.pk}/").status_code == 200
    assert client.post(f"/activities/{activity.pk}/signup/").status_code == 302
    assert Signup.objects.get(user=parent).holds_place
    assert client.get(f"/activities/{activity.pk}/manage/").status_code == 404
    outsider = Client()
    outsider.force_login(parent_add())
    assert outsider.get(f"/activities/{activity.pk}/").status_code == 404
    # On site, with the code, an outsider is welcomed as a walk-in (once the window opens).
    response = outsider.post(f"/activities/check-in/{activity.check_in_code}/")
    assert response.status_code == 400  # the window opens an hour before the start
    assert not Signup.objects.filter(activity=activity, attended=True).exists()
    assert outsider.get("/activities/check-in/nope/").status_code == 404
    staff = Client()
    staff.force_login(teacher)
    page = staff.get(f"/activities/{activity.pk}/manage/")
    assert page.status_code == 200
    assert (parent.display_name or parent.username) in page.content.decode()
    assert staff.get(f"/activities/{activity.pk}/qr.png").status_code == 200


def test_attendance_counts_in_my_learning_hours(meeting):
    activity, school_class, _teacher = meeting
    parent = family_join(school_class)
    now = timezone.now()
    Activity.objects.filter(pk=activity.pk).update(starts_at=now - timedelta(hours=1), ends_at=now)
    activity.refresh_from_db()
    attendance_set(activity=activity, user=parent, attended=True, now=now)
    learning = my_learning(user=parent)
    assert learning["hours_this_year"] == Decimal("1.5")
    assert [c.source for c in learning["credits"]] == ["activity"]


def test_the_list_holds_the_invited_class_and_marks_them_present(meeting):
    activity, school_class, teacher = meeting
    invited = family_join(school_class, nickname="小雨")
    stranger = parent_add()
    now = timezone.now()
    Activity.objects.filter(pk=activity.pk).update(starts_at=now, ends_at=now + timedelta(hours=1))
    staff = Client()
    staff.force_login(teacher)
    page = staff.get(f"/activities/{activity.pk}/manage/").content.decode()
    assert "小雨" in page  # listed by child and class without having signed up
    marked = staff.post(f"/activities/{activity.pk}/attendance/{invited.pk}/", {"attended": "1"})
    assert marked.status_code == 302
    signup = Signup.objects.get(activity=activity, user=invited)
    assert signup.attended and signup.check_in_method == Signup.Method.LIST
    refused = staff.post(f"/activities/{activity.pk}/attendance/{stranger.pk}/", {"attended": "1"})
    assert refused.status_code == 404
    assert not Signup.objects.filter(user=stranger).exists()


def test_station_staff_see_their_count_against_the_yearly_requirement(client):
    staff = UserFactory(role=Role.STATION_STAFF)
    station = Station.objects.create(
        name="东街社区家长学校",
        community=Community.objects.create(name="东街社区", township="城关镇"),
        host=Station.Host.YOUTH_HOME,
    )
    station.staff.add(staff)
    now = timezone.now()
    activity_create(
        title="亲子阅读",
        kind=Activity.Kind.PARENT_CHILD,
        starts_at=now - timedelta(minutes=2),
        ends_at=now - timedelta(minutes=1),
        audience=Activity.Audience.PUBLIC,
        organised_by=staff,
        station=station,
        place="社区图书室",
    )
    client.force_login(staff)
    page = client.get("/activities/").content.decode()
    assert "东街社区家长学校：今年已开展 1 次活动（每年要求 4 次）。" in page
    assert client.get("/activities/new/").status_code == 200
