"""The ledger's door for a copied care notice: designated staff only, every try audited."""

from datetime import timedelta

import pytest
from django.utils import timezone

from lms.core.errors import ServiceError
from lms.support.models import AuditEntry, Designation, SupportRecord
from lms.support.services import record_left_behind_copy
from tests.lms.schools.factories import class_add, family_join, school_add, staff_add

pytestmark = pytest.mark.django_db


@pytest.fixture
def student():
    school = school_add()
    school_class = class_add(school, teacher=staff_add(school))
    family_join(school_class, nickname="小花")
    return school_class.students.get()


def _copy(user, student):
    return record_left_behind_copy(
        user=user,
        student=student,
        caregiver="奶奶（祖母）",
        contact_rhythm="每周几次",
        needs="委托照护",
        review_on=timezone.localdate() + timedelta(days=30),
    )


def test_an_undesignated_teacher_is_refused_and_the_refusal_is_audited(student):
    teacher = student.school_class.head_teacher
    with pytest.raises(ServiceError):
        _copy(teacher, student)
    assert not SupportRecord.objects.exists()
    assert AuditEntry.objects.filter(user=teacher, action=AuditEntry.Action.DENIED).exists()


def test_designated_staff_open_one_record_and_copying_again_updates_it(student):
    designated = staff_add(student.school_class.school)
    Designation.objects.create(user=designated, school=student.school_class.school)
    record, created = _copy(designated, student)
    again, created_again = _copy(designated, student)
    assert (created, created_again) == (True, False)
    assert again.pk == record.pk and SupportRecord.objects.count() == 1
    assert record.responsible == student.school_class.head_teacher
    assert record.categories == ["left_behind"] and record.contact_rhythm == "每周几次"
