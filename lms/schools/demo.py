"""A demo school for trying the school pages: a class with families and one assignment."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from courses.models import CoursePage
from lms.schools.models import School, SchoolClass, SchoolStaff
from lms.schools.roster import roster_import
from lms.schools.services.assignments import assignment_create

DEMO_SCHOOL_CODE = "demo-school"
# Families as a head teacher's roster lists them; the first two are the demo parents.
DEMO_ROSTER = """年级,班级,学生,家长,手机号,关系
三年级,2班,小明,,13800000001,母亲
三年级,2班,小明,,13800000002,奶奶
三年级,2班,小红,,13800000011,母亲
三年级,2班,乐乐,,13800000012,父亲
三年级,2班,豆豆,,13800000013,外婆
三年级,1班,果果,,13800000014,母亲
"""


@transaction.atomic
def demo_school_load() -> bool:
    """Create the demo school once; False when it exists (site edits are kept)."""
    if School.objects.filter(code=DEMO_SCHOOL_CODE).exists():
        return False
    users = {u.username: u for u in get_user_model().objects.filter(username__startswith="demo-")}
    school = School.objects.create(
        code=DEMO_SCHOOL_CODE, name="城关第一小学", kind=School.Kind.PRIMARY, township="城关镇"
    )
    if "demo-schooladmin" in users:
        SchoolStaff.objects.create(school=school, user=users["demo-schooladmin"], is_admin=True)
    result = roster_import(DEMO_ROSTER.encode(), school=school)
    assert result.ok, result.errors
    school_class = SchoolClass.objects.get(school=school, grade="p3", name="2班")
    teacher = users.get("demo-teacher")
    if teacher is not None:
        SchoolStaff.objects.create(school=school, user=teacher)
        school_class.head_teacher = teacher
        school_class.save(update_fields=["head_teacher"])
    course = CoursePage.objects.live().public().filter(stages__code="primary_middle").first()
    course = course or CoursePage.objects.live().public().first()
    if course is not None:
        today = timezone.localdate()
        assignment_create(
            school=school,
            scope="class",
            school_class=school_class,
            course=course,
            starts_on=today,
            due_on=today + timedelta(days=14),
            note="本月班会前学完，有问题随时问李老师。",
            created_by=teacher,
        )
    return True
