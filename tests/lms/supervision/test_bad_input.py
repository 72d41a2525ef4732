"""Bad input across the co-education pages: a clear answer, never a 500, nothing recorded."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from lms.accounts.roles import Role
from lms.activities.models import Activity, Signup, SurveyResponse
from lms.activities.services import activity_create, attendance_set
from lms.homevisits.models import HomeVisit
from lms.support.models import Designation, SupportAction, SupportRecord
from lms.support.services import record_create
from tests.courses.factories import UserFactory
from tests.lms.schools.factories import class_add, family_join, school_add, staff_add

pytestmark = pytest.mark.django_db

GARBAGE = ["", "abc", "-1", "9" * 30, "<script>", "2025-13-45", "１２"]


@pytest.fixture
def world():
    school = school_add()
    teacher = staff_add(school, admin=True)
    Designation.objects.create(user=teacher, school=school)
    school_class = class_add(school, teacher=teacher)
    parent = family_join(school_class, nickname="小雨")
    now = timezone.now()
    activity = activity_create(
        title="家长会",
        kind=Activity.Kind.PARENT_MEETING,
        starts_at=now - timedelta(hours=3),
        ends_at=now - timedelta(hours=2),
        audience=Activity.Audience.SCHOOL,
        organised_by=teacher,
        school=school,
        place="礼堂",
    )
    attendance_set(activity=activity, user=parent, attended=True, now=activity.starts_at)
    record = record_create(
        user=teacher,
        student=school_class.students.get(),
        categories=["left_behind"],
        caregiver="奶奶",
        needs="x",
        responsible=teacher,
        next_review_on=timezone.localdate(),
    )
    return {"teacher": teacher, "parent": parent, "activity": activity, "record": record,
            "class": school_class}  # fmt: skip


def _as(user):
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def test_staff_forms_with_garbage(world):
    staff = _as(world["teacher"])
    activity, record, school_class = world["activity"], world["record"], world["class"]
    student = school_class.students.get()
    for value in GARBAGE:
        posts = [
            ("/activities/new/", {"organiser": value, "title": value, "kind": value, "day": value,
                                  "starts": value, "ends": value, "audience": value,
                                  "capacity": value, "credit_hours": value, "classes": [value]}),
            (f"/activities/{activity.pk}/attendance/{world['parent'].pk}/", {"attended": value}),
            (f"/support/{record.pk}/action/", {"done_on": value, "kind": value, "note": value,
                                               "next_review_on": value}),
            (f"/support/{record.pk}/course/", {"course": value}),
            ("/support/new/", {"student": value, "categories": [value], "responsible": value,
                               "next_review_on": value, "caregiver": value, "needs": value}),
            (f"/visits/classes/{school_class.pk}/students/{student.pk}/",
             {"visited_on": value, "form": value, "participants": value, "topics": [value]}),
            ("/activities/talks/", {"topic": value, "preferred_dates": value}),
        ]  # fmt: skip
        for url, data in posts:
            response = staff.post(url, data)
            assert response.status_code < 500, (url, value, response.status_code)
        for url in (
            f"/supervision/s/{school_class.school.code}/teachers/?semester={value}",
            f"/activities/{value}/",
            f"/support/{value}/",
        ):
            assert staff.get(url).status_code < 500, (url, value)
    assert Activity.objects.count() == 1
    assert SupportRecord.objects.count() == 1 and not SupportAction.objects.exists()
    assert not HomeVisit.objects.exists()


def test_family_posts_with_garbage(world):
    family = _as(world["parent"])
    activity = world["activity"]
    for value in GARBAGE:
        for url, data in (
            (f"/activities/{activity.pk}/survey/", {"rating": value, "comment": value * 100}),
            (f"/activities/{activity.pk}/signup/", {}),
            (f"/activities/{activity.pk}/cancel/", {}),
            (f"/activities/check-in/{value or 'x'}/", {}),
        ):
            response = family.post(url, data)
            assert response.status_code < 500, (url, value, response.status_code)
    assert not SurveyResponse.objects.exists()
    signup = Signup.objects.get(user=world["parent"])
    assert signup.attended  # cancelling after attending changes nothing
    bureau = _as(UserFactory(role=Role.BUREAU_ADMIN))
    for value in GARBAGE:
        # An unknown semester is a clear 400 (the empty one is the current semester).
        expected = 200 if value == "" else 400
        assert bureau.get(f"/supervision/?semester={value}").status_code == expected
        assert (
            bureau.get(f"/supervision/compliance.csv?semester={value}&part={value}").status_code
            == expected
        )


@pytest.mark.parametrize(
    "url",
    [
        "/activities/{n}/",
        "/activities/{n}/manage/",
        "/activities/{n}/qr.png",
        "/support/{n}/",
        "/visits/classes/{n}/",
        "/school/classes/{n}/",
        "/school/classes/{n}/report.csv",
        "/api/v1/lessons/{n}/progress",
    ],
)
def test_ids_too_long_for_the_database_are_not_found(world, url):
    staff = _as(world["teacher"])
    for number in ("9" * 19, "9" * 40):
        response = staff.get(url.format(n=number))
        assert response.status_code == 404, url
        if url.startswith("/api/"):
            assert response.json()["error"]["field"] == "lesson_id"
            posted = staff.post(url.format(n=number), "{}", content_type="application/json")
            assert posted.status_code == 404


def test_a_huge_assignment_choice_on_the_class_report(world):
    staff = _as(world["teacher"])
    url = f"/school/classes/{world['class'].pk}/report/"
    for value in ("9" * 30, "１２", "-3", "abc"):
        assert staff.get(url, {"assignment": value}).status_code == 200
