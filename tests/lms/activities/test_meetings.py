"""Parent meetings (家长会) per class and open days (家长开放日) per school: who may schedule
which, who is invited, and attendance taken per class (check-in or the teacher's ticks)."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from lms.activities.meeting_services import activity_schedule
from lms.activities.models import Activity, Signup
from lms.activities.selectors import check_list
from lms.activities.services import (
    activity_invite_audience,
    attendance_set,
    check_in_by_qr,
    signup_create,
)
from lms.core.errors import ServiceError
from lms.notifications.models import Notification
from tests.lms.schools.factories import class_add, family_join, school_add, staff_add

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


@pytest.fixture
def school():
    school = school_add()
    head_a, head_b = staff_add(school), staff_add(school)
    class_a = class_add(school, teacher=head_a)
    class_b = class_add(school, name="3班", teacher=head_b)
    return {
        "school": school,
        "admin": staff_add(school, admin=True),
        "head_a": head_a,
        "head_b": head_b,
        "class_a": class_a,
        "class_b": class_b,
        "a1": family_join(class_a, nickname="甲"),
        "a2": family_join(class_a, nickname="乙"),
        "b1": family_join(class_b, nickname="丙"),
    }


def _schedule(by, *, school, kind=Activity.Kind.PARENT_MEETING, audience, classes=(), grade=""):
    start = timezone.now() + timedelta(days=3)
    return activity_schedule(
        organised_by=by,
        kind=kind,
        audience=audience,
        school=school,
        title="家长会",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        classes=list(classes),
        grade=grade,
        place="教室",
    )


def test_a_head_teacher_holds_the_meeting_of_their_own_class_only(school):
    s = school
    meeting = _schedule(
        s["head_a"], school=s["school"], audience=Activity.Audience.CLASSES, classes=[s["class_a"]]
    )
    assert list(meeting.classes.all()) == [s["class_a"]]
    for audience, classes, grade in (
        (Activity.Audience.CLASSES, [s["class_b"]], ""),
        (Activity.Audience.CLASSES, [s["class_a"], s["class_b"]], ""),
        (Activity.Audience.GRADE, [], "p3"),
        (Activity.Audience.SCHOOL, [], ""),
    ):
        with pytest.raises(ServiceError):
            _schedule(
                s["head_a"], school=s["school"], audience=audience, classes=classes, grade=grade
            )
    assert Activity.objects.count() == 1


def test_the_school_admin_holds_a_meeting_for_any_class_or_grade(school):
    s = school
    for audience, classes, grade in (
        (Activity.Audience.CLASSES, [s["class_b"]], ""),
        (Activity.Audience.GRADE, [], "p3"),
        (Activity.Audience.SCHOOL, [], ""),
    ):
        _schedule(s["admin"], school=s["school"], audience=audience, classes=classes, grade=grade)
    with pytest.raises(ServiceError):
        _schedule(s["admin"], school=s["school"], audience=Activity.Audience.PUBLIC)
    assert Activity.objects.count() == 3


def test_an_open_day_is_the_admins_for_the_whole_school(school):
    s = school
    with pytest.raises(ServiceError) as teacher:
        _schedule(
            s["head_a"], school=s["school"], kind=Activity.Kind.OPEN_DAY,
            audience=Activity.Audience.SCHOOL,
        )  # fmt: skip
    assert teacher.value.field == "kind"
    with pytest.raises(ServiceError) as narrow:
        _schedule(
            s["admin"], school=s["school"], kind=Activity.Kind.OPEN_DAY,
            audience=Activity.Audience.CLASSES, classes=[s["class_a"]],
        )  # fmt: skip
    assert narrow.value.field == "audience"
    open_day = _schedule(
        s["admin"], school=s["school"], kind=Activity.Kind.OPEN_DAY,
        audience=Activity.Audience.SCHOOL,
    )  # fmt: skip
    # Every joined family of the school is told.
    assert activity_invite_audience(activity=open_day) == 3
    assert Notification.objects.filter(kind=Notification.Kind.ACTIVITY).count() == 3


def test_a_reception_day_is_not_scheduled_as_a_plain_activity(school):
    with pytest.raises(ServiceError) as refused:
        _schedule(
            school["admin"], school=school["school"], kind=Activity.Kind.RECEPTION_DAY,
            audience=Activity.Audience.SCHOOL,
        )  # fmt: skip
    assert refused.value.field == "kind"


def test_a_meeting_per_class_invites_that_class_and_takes_its_attendance(school):
    s = school
    meeting_a = _schedule(
        s["head_a"], school=s["school"], audience=Activity.Audience.CLASSES, classes=[s["class_a"]]
    )
    meeting_b = _schedule(
        s["head_b"], school=s["school"], audience=Activity.Audience.CLASSES, classes=[s["class_b"]]
    )
    assert activity_invite_audience(activity=meeting_a) == 2
    assert activity_invite_audience(activity=meeting_b) == 1
    # Class A's families sign up; one checks in with the code, the teacher ticks the other.
    for parent in (s["a1"], s["a2"]):
        signup_create(activity=meeting_a, user=parent)
    check_in_by_qr(
        activity=meeting_a, user=s["a1"], code=meeting_a.check_in_code, now=meeting_a.starts_at
    )
    attendance_set(activity=meeting_a, user=s["a2"], attended=True, now=meeting_a.starts_at)
    rows = check_list(activity=meeting_a)
    assert sorted(r["children"][0] for r in rows) == ["三年级2班 乙", "三年级2班 甲"]
    assert all(r["attended"] for r in rows)
    # Class B's list holds class B only, and nobody came yet.
    rows_b = check_list(activity=meeting_b)
    assert [r["children"] for r in rows_b] == [["三年级3班 丙"]]
    assert not rows_b[0]["attended"]
    assert Signup.objects.filter(activity=meeting_b).count() == 0


def test_a_family_of_another_class_does_not_see_the_class_meeting(school):
    s = school
    meeting = _schedule(
        s["head_a"], school=s["school"], audience=Activity.Audience.CLASSES, classes=[s["class_a"]]
    )
    assert _client(s["a1"]).get(f"/activities/{meeting.pk}/").status_code == 200
    assert _client(s["b1"]).get(f"/activities/{meeting.pk}/").status_code == 404
    assert _client(s["b1"]).post(f"/activities/{meeting.pk}/signup/").status_code == 404
    # The other class's head teacher does not run it either.
    assert _client(s["head_b"]).get(f"/activities/{meeting.pk}/manage/").status_code == 404
    assert _client(s["admin"]).get(f"/activities/{meeting.pk}/manage/").status_code == 200


def test_the_form_refuses_a_head_teacher_scheduling_beyond_their_class(school):
    s = school
    day = (timezone.localdate() + timedelta(days=5)).isoformat()
    form = {
        "organiser": f"school:{s['school'].pk}",
        "title": "家长会",
        "kind": Activity.Kind.PARENT_MEETING,
        "day": day,
        "starts": "19:00",
        "ends": "20:00",
        "place": "教室",
        "audience": Activity.Audience.CLASSES,
        "classes": [str(s["class_a"].pk)],
        "credit_hours": "1",
    }
    # Another class is not even among the choices; a whole grade is refused with the reason.
    response = _client(s["head_a"]).post("/activities/new/", {**form, "classes": [s["class_b"].pk]})
    assert response.status_code == 200
    response = _client(s["head_a"]).post(
        "/activities/new/",
        {**form, "audience": Activity.Audience.GRADE, "grade": "p3", "classes": []},
    )
    assert "班主任召开本班的家长会" in response.content.decode()
    response = _client(s["head_a"]).post(
        "/activities/new/", {**form, "kind": Activity.Kind.OPEN_DAY, "audience": "school"}
    )
    assert "家长开放日由学校管理员安排" in response.content.decode()
    assert not Activity.objects.exists()
    response = _client(s["head_a"]).post("/activities/new/", form)
    assert response.status_code == 302
    assert Activity.objects.get().classes.get() == s["class_a"]
