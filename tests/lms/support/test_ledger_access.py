"""The support ledger's permission matrix: only designated staff, zero leaks, and an audit
entry for every access — granted or refused."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from lms.accounts.roles import Role
from lms.core.errors import ServiceError
from lms.notifications.models import Notification
from lms.support.models import AuditEntry, Designation, SupportRecord
from lms.support.services import record_close, record_create, records_purge
from tests.courses.factories import UserFactory, course_add
from tests.lms.schools.factories import class_add, family_join, school_add, staff_add

pytestmark = pytest.mark.django_db

SECRET = "父母在广东打工"


@pytest.fixture
def world():
    school, other_school = school_add(), school_add(code="s2", name="河口小学")
    admin = staff_add(school, admin=True)
    teacher = staff_add(school)
    other_teacher = staff_add(school)
    designated = staff_add(school)
    Designation.objects.create(user=designated, school=school)
    own_class = class_add(school, teacher=teacher)
    other_class = class_add(school, name="3班", teacher=other_teacher)
    other_school_admin = staff_add(other_school, admin=True)
    family_join(own_class, nickname="小花")
    family_join(other_class, nickname="小草")
    bureau_designated = UserFactory(role=Role.BUREAU_ADMIN)
    Designation.objects.create(user=bureau_designated, school=None)
    bureau_undesignated = UserFactory(role=Role.BUREAU_ADMIN)
    student = own_class.students.get()
    record = record_create(
        user=designated,
        student=student,
        categories=["left_behind"],
        caregiver="祖母",
        needs="作业辅导",
        parents_work_location=SECRET,
        responsible=teacher,
        next_review_on=timezone.localdate() + timedelta(days=10),
    )
    return {
        "record": record,
        "student": student,
        "other_school_student": _student_of(class_add(other_school, name="1班")),
        "users": {
            "designated": designated,
            "bureau_designated": bureau_designated,
            "bureau_undesignated": bureau_undesignated,
            "school_admin": admin,
            "head_teacher_of_the_class": teacher,
            "teacher_of_another_class": other_teacher,
            "admin_of_another_school": other_school_admin,
            "lecturer": UserFactory(role=Role.LECTURER),
            "parent": own_class.students.get().guardians.get().user,
            "anonymous": None,
        },
    }


def _student_of(school_class):
    family_join(school_class, nickname="小树")
    return school_class.students.get()


ALLOWED = {"designated", "bureau_designated"}


def _pages(record):
    return [
        ("get", "/support/"),
        ("get", f"/support/{record.pk}/"),
        ("get", "/support/ledger.csv"),
        ("get", "/support/new/"),
        ("post", f"/support/{record.pk}/action/"),
        ("post", f"/support/{record.pk}/close/"),
    ]


@pytest.mark.parametrize(
    "actor",
    [
        "designated",
        "bureau_designated",
        "bureau_undesignated",
        "school_admin",
        "head_teacher_of_the_class",
        "teacher_of_another_class",
        "admin_of_another_school",
        "lecturer",
        "parent",
        "anonymous",
    ],
)
def test_permission_matrix(world, actor):
    user = world["users"][actor]
    record = world["record"]
    client = Client()
    if user is not None:
        client.force_login(user)
    for method, url in _pages(record):
        before = AuditEntry.objects.count()
        data = {"reason": "x"} if url.endswith("close/") else {}
        response = getattr(client, method)(url, data)
        body = response.content.decode()
        if user is None:
            assert response.status_code == 302 and "/login" in response["Location"], url
            continue
        if actor in ALLOWED:
            assert response.status_code in (200, 302), (actor, url, response.status_code)
        else:
            assert response.status_code == 404, (actor, url, response.status_code)
            assert SECRET not in body and "祖母" not in body
        # Every access, granted or refused, leaves a trace naming the user.
        assert AuditEntry.objects.count() > before, (actor, url)
        latest = AuditEntry.objects.order_by("-pk").first()
        assert latest.user == user
        if actor not in ALLOWED:
            assert latest.action == AuditEntry.Action.DENIED
    record.refresh_from_db()
    if actor not in ALLOWED:
        assert record.status == SupportRecord.Status.OPEN


def test_nothing_from_the_ledger_in_class_and_school_pages(world, client):
    users = world["users"]
    client.force_login(users["school_admin"])
    school_class = world["student"].school_class
    for url in [
        f"/school/classes/{school_class.pk}/",
        f"/school/classes/{school_class.pk}/report/",
        f"/school/classes/{school_class.pk}/report.csv",
        f"/school/s/{school_class.school.code}/",
        f"/school/s/{school_class.school.code}/report.csv",
        f"/visits/classes/{school_class.pk}/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode("utf-8-sig")
        assert SECRET not in body and "留守" not in body, url


def test_a_record_for_a_student_of_another_school_is_refused_and_audited(world):
    designated = world["users"]["designated"]
    before = SupportRecord.objects.count()
    with pytest.raises(ServiceError):
        record_create(
            user=designated,
            student=world["other_school_student"],
            categories=["orphaned"],
            caregiver="叔叔",
            needs="x",
            responsible=designated,
            next_review_on=timezone.localdate(),
        )
    assert SupportRecord.objects.count() == before
    assert AuditEntry.objects.filter(user=designated, action=AuditEntry.Action.DENIED).exists()


def test_the_audit_log_is_for_designated_bureau_staff(world):
    client = Client()
    client.force_login(world["users"]["bureau_designated"])
    response = client.get("/support/audit/")
    assert response.status_code == 200
    assert response.context["entries"]
    for other in ("bureau_undesignated", "designated", "school_admin"):
        client.force_login(world["users"][other])
        assert client.get("/support/audit/").status_code == 404


def test_closed_records_are_purged_after_the_retention_period_keeping_the_trail(world):
    record = world["record"]
    record_close(record=record, user=world["users"]["designated"], reason="家长返乡")
    today = timezone.localdate()
    assert records_purge(retention_days=30, today=today + timedelta(days=30)) == 0
    assert records_purge(retention_days=30, today=today + timedelta(days=31)) == 1
    assert not SupportRecord.objects.filter(pk=record.pk).exists()
    bureau = Client()
    bureau.force_login(world["users"]["bureau_designated"])
    log = bureau.get("/support/audit/").content.decode()
    assert "到期删除" in log  # the purge, done by the system, is in the log
    assert AuditEntry.objects.filter(record_id=record.pk, action=AuditEntry.Action.PURGE).exists()
    assert AuditEntry.objects.filter(record_id=record.pk, action=AuditEntry.Action.CREATE).exists()


def test_a_designated_teacher_opens_a_record_through_the_page(world):
    client = Client()
    client.force_login(world["users"]["designated"])
    teacher = world["users"]["head_teacher_of_the_class"]
    form = {
        "student": world["student"].pk,
        "categories": ["disabled"],
        "caregiver": "母亲",
        "needs": "听力辅助",
        "responsible": teacher.pk,
        "next_review_on": (timezone.localdate() + timedelta(days=7)).isoformat(),
    }
    response = client.post("/support/new/", form)
    assert response.status_code == 302
    record = SupportRecord.objects.latest("pk")
    assert record.responsible == teacher and record.categories == ["disabled"]
    # A student or a teacher of another school is not among the choices: nothing is saved.
    outsider = world["users"]["admin_of_another_school"]
    for forged in ({"responsible": outsider.pk}, {"student": world["other_school_student"].pk}):
        before = SupportRecord.objects.count()
        response = client.post("/support/new/", {**form, **forged})
        assert response.status_code == 200 and SupportRecord.objects.count() == before
    past = {**form, "next_review_on": "2020-01-01"}
    response = client.post("/support/new/", past)
    assert "下次回访日期不能早于今天" in response.content.decode()


def test_a_designation_lapses_when_the_post_ends(world):
    designated = world["users"]["designated"]
    designated.school_posts.all().delete()
    client = Client()
    client.force_login(designated)
    assert client.get(f"/support/{world['record'].pk}/").status_code == 404
    assert AuditEntry.objects.filter(user=designated, action=AuditEntry.Action.DENIED).exists()


def test_recommending_a_course_lists_care_courses_first_and_says_nothing_of_why(world):
    course_add(title="阅读习惯", topics=("阅读",))
    care = course_add(title="留守儿童的情感陪伴", topics=("留守儿童关爱",))
    client = Client()
    client.force_login(world["users"]["designated"])
    page = client.get(f"/support/{world['record'].pk}/").content.decode()
    assert page.index("留守儿童的情感陪伴") < page.index("阅读习惯")
    client.post(f"/support/{world['record'].pk}/course/", {"course": care.pk})
    parent = world["users"]["parent"]
    note = Notification.objects.get(user=parent)
    # The same words as any recommendation: the record, its categories and notes stay out.
    assert note.title == "为您推荐课程：留守儿童的情感陪伴" and note.body == ""
    assert note.url == care.relative_url(care.get_site()) and note.url.startswith("/")
    assert not Notification.objects.filter(
        user=world["users"]["head_teacher_of_the_class"]
    ).exists()


def test_removing_a_departed_teachers_account_keeps_the_record(world):
    teacher = world["users"]["head_teacher_of_the_class"]
    teacher.delete()
    record = SupportRecord.objects.get(pk=world["record"].pk)
    assert record.responsible is None
    client = Client()
    client.force_login(world["users"]["designated"])
    assert client.get(f"/support/{record.pk}/").status_code == 200
    assert client.get("/support/ledger.csv").status_code == 200
