"""Every role × every school object × read/write. Anything outside one's scope is 404,
and a refused write changes nothing."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.urls import reverse
from django.utils import timezone

from lms.accounts.roles import Role
from lms.schools.models import Assignment, Guardian, SchoolClass
from lms.schools.services.assignments import assignment_create
from lms.schools.services.classes import class_settings_update
from tests.courses.factories import UserFactory, course_add, lesson_add
from tests.lms.schools.factories import class_add, family_join, school_add, staff_add

pytestmark = pytest.mark.django_db
T = timezone.localdate()
ROSTER = "年级,班级,学生,家长,手机号,关系\n三年级,9班,新同学,,13711112222,母亲\n".encode()


@pytest.fixture
def world():
    s1, s2 = school_add(), school_add(code="s2", name="实验小学")
    admin_s1, admin_s2 = staff_add(s1, admin=True), staff_add(s2, admin=True)
    teacher_a, teacher_b, teacher_other = staff_add(s1), staff_add(s1), staff_add(s2)
    a = class_add(s1, teacher=teacher_a)
    class_add(s1, name="1班", teacher=teacher_b)
    class_add(s2, teacher=teacher_other)
    course = course_add()
    lesson_add(course)
    parent_in_a = family_join(a)
    class_settings_update(school_class=a, requires_approval=True, expires_at=None)
    family_join(a, nickname="小红")
    assignment = assignment_create(
        school=s1, scope="class", school_class=a, course=course,
        starts_on=T, due_on=T + timedelta(days=7), created_by=teacher_a,
    )  # fmt: skip
    bureau = UserFactory(role=Role.BUREAU_ADMIN)
    return {
        "anonymous": AnonymousUser(),
        "parent_in_a": parent_in_a,
        "parent_outside": UserFactory(role=Role.PARENT, phone="13722223333"),
        "lecturer": UserFactory(role=Role.LECTURER),
        "reviewer": UserFactory(role=Role.REVIEWER),
        "teacher_a": teacher_a,
        "teacher_b": teacher_b,
        "teacher_other_school": teacher_other,
        "admin_s1": admin_s1,
        "admin_s2": admin_s2,
        "bureau": bureau,
        "_a": a,
        "_course": course,
        "_assignment": assignment,
        "_pending": Guardian.objects.get(status=Guardian.Status.PENDING),
    }


def endpoints(w):
    """(name, method, url, data, changed?) — destructive ones last."""
    a, assignment, pending = w["_a"], w["_assignment"], w["_pending"]
    code = a.invite_code
    parent_id = w["parent_in_a"].pk
    return [
        ("staff home", "get", reverse("schools:home"), None, None),
        ("class page", "get", reverse("schools:class", args=[a.pk]), None, None),
        ("class report", "get", reverse("schools:class_report", args=[a.pk]), None, None),
        ("class export", "get", reverse("schools:class_report_export", args=[a.pk, "xlsx"]), None, None),  # noqa: E501
        ("class QR", "get", reverse("schools:class_qr", args=[a.pk, "png"]), None, None),
        ("assign form", "get", reverse("schools:class_assign", args=[a.pk]), None, None),
        ("school report", "get", reverse("schools:school", args=["s1"]), None, None),
        ("school export", "get", reverse("schools:school_export", args=["s1", "csv"]), None, None),
        ("roster form", "get", reverse("schools:roster", args=["s1"]), None, None),
        ("roster template", "get", reverse("schools:roster_template", args=["s1"]), None, None),
        ("school assign form", "get", reverse("schools:school_assign", args=["s1"]), None, None),
        ("county", "get", reverse("schools:county"), None, None),
        ("county export", "get", reverse("schools:county_export", args=["xlsx"]), None, None),
        ("family exception form", "get",
         reverse("schools:assignment_family", args=[assignment.pk, parent_id]), None, None),
        ("staff page", "get", reverse("schools:staff", args=["s1"]), None, None),
        ("withdraw confirmation", "get",
         reverse("schools:assignment_remove", args=[assignment.pk]), None, None),
        ("appoint", "post", reverse("schools:staff", args=["s1"]), {"who": "13722223333"},
         lambda: w["parent_outside"].school_posts.exists()),
        ("class teachers", "post", reverse("schools:class_teachers", args=[a.pk]),
         {"head_teacher": str(w["teacher_b"].pk)},
         lambda: SchoolClass.objects.get(pk=a.pk).head_teacher_id == w["teacher_b"].pk),
        ("class new", "post", reverse("schools:class_new"),
         {"school": str(a.school_id), "grade": "p4", "name": "7班"},
         lambda: SchoolClass.objects.filter(grade="p4", name="7班").exists()),
        ("settings", "post", reverse("schools:class_settings", args=[a.pk]), {},
         lambda: not SchoolClass.objects.get(pk=a.pk).join_requires_approval),
        ("approve", "post",
         reverse("schools:guardian_decide", args=[a.pk, pending.pk, "approve"]), {},
         lambda: Guardian.objects.get(pk=pending.pk).status == Guardian.Status.ACTIVE),
        ("assign", "post", reverse("schools:class_assign", args=[a.pk]),
         {"scope": "class", "school_class": str(a.pk), "course": str(w["_course"].pk),
          "starts_on": (T + timedelta(days=8)).isoformat(),
          "due_on": (T + timedelta(days=9)).isoformat()},
         lambda: Assignment.objects.count() == 2),
        ("excuse", "post",
         reverse("schools:assignment_family", args=[assignment.pk, parent_id]), {"excused": "on"},
         lambda: assignment.exceptions.filter(excused=True).exists()),
        ("roster import", "post", reverse("schools:roster", args=["s1"]), "roster",
         lambda: SchoolClass.objects.filter(name="9班").exists()),
        ("rotate", "post", reverse("schools:class_rotate", args=[a.pk]), {},
         lambda: SchoolClass.objects.get(pk=a.pk).invite_code != code),
        ("withdraw", "post", reverse("schools:assignment_remove", args=[assignment.pk]), {},
         lambda: not Assignment.objects.filter(pk=assignment.pk).exists()),
    ]  # fmt: skip


CLASS_A = {
    "class page", "class report", "class export", "class QR", "assign form",
    "family exception form", "settings", "approve", "assign", "excuse", "rotate", "withdraw",
    "withdraw confirmation",
}  # fmt: skip
SCHOOL_S1 = {"school report", "school export", "roster form", "roster template",
             "school assign form", "roster import", "staff page", "appoint",
             "class teachers"}  # fmt: skip
ALLOWED = {
    "anonymous": set(),
    "parent_in_a": set(),
    "parent_outside": set(),
    "lecturer": set(),
    "reviewer": set(),
    "teacher_a": {"staff home", "class new"} | CLASS_A,
    "teacher_b": {"staff home", "class new"},
    "teacher_other_school": {"staff home"},  # their school is s2, the form offers only s2
    "admin_s1": {"staff home", "class new"} | CLASS_A | SCHOOL_S1,
    "admin_s2": {"staff home"},
    "bureau": {"staff home", "school report", "school export", "county", "county export"},
}


@pytest.mark.parametrize("actor", list(ALLOWED))
def test_permission_matrix(client, world, actor):
    user = world[actor]
    if user.is_authenticated:
        client.force_login(user)
    wrong = []
    for name, method, url, data, changed in endpoints(world):
        if data == "roster":
            from django.core.files.uploadedfile import SimpleUploadedFile

            data = {"file": SimpleUploadedFile("r.csv", ROSTER), "dry_run": ""}
        response = getattr(client, method)(url, data or {})
        allowed = name in ALLOWED[actor]
        if actor == "anonymous":
            ok = response.status_code == 302 and "/accounts/login/" in response["Location"]
        elif allowed:
            ok = response.status_code in (200, 302)
        elif name == "class new" and response.status_code == 200:
            ok = True  # a form re-shown with "choose a valid school" is a refusal too
        else:
            ok = response.status_code == 404
        if changed is not None and changed() != allowed:
            ok = False
        if not ok:
            wrong.append((name, response.status_code))
    assert wrong == []


def test_forged_ids_are_not_found(client, world):
    client.force_login(world["teacher_a"])
    for url in (
        reverse("schools:class", args=[999999]),
        reverse("schools:class_report", args=[999999]),
        reverse("schools:assignment_family", args=[999999, world["parent_in_a"].pk]),
        reverse("schools:school", args=["nope"]),
    ):
        assert client.get(url).status_code == 404


def test_the_bureau_sees_counts_not_families(client, world):
    client.force_login(world["bureau"])
    page = client.get(reverse("schools:school", args=["s1"])).content.decode()
    assert "小明" not in page and "小红" not in page and "Withdraw" not in page


def test_bureau_may_register_schools_in_the_admin(world):
    group = Group.objects.get(name=Role.BUREAU_ADMIN.value)
    codes = set(group.permissions.values_list("codename", flat=True))
    assert {"add_school", "change_school", "add_schoolstaff"} <= codes
    assert "delete_school" not in codes
