"""Messaging test data: a school with two classes, families and a thread, built through the
services (the thread and its messages too)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from lms.accounts.roles import Role
from lms.messaging.selectors import thread_for
from lms.messaging.services import message_post, thread_start
from lms.schools.models import Guardian, Student
from tests.courses.factories import UserFactory
from tests.lms.schools.factories import class_add, family_join, parent_add, school_add, staff_add


@dataclass
class World:
    school: object
    admin: object
    head: object  # head teacher of class A, the thread's teacher
    subject: object  # a subject teacher of class A
    other_teacher: object  # head teacher of class B
    class_a: object
    class_b: object
    mother: object
    grandmother: object
    pending: object  # a guardian of the same child still waiting for the teacher
    other_parent: object  # another family of class A
    other_admin: object  # administrator of another school
    bureau: object
    student: Student
    thread: object
    family_message: object
    teacher_message: object


def reply(thread, user, body):
    return message_post(seen=thread_for(user=user, thread_id=thread.pk), user=user, body=body)


def world_build() -> World:
    school = school_add()
    admin = staff_add(school, admin=True, username="xiaozhang")
    head = staff_add(school, username="li-laoshi")
    head.first_name = "李老师"
    head.save()
    subject = staff_add(school, username="zhao-laoshi")
    other_teacher = staff_add(school, username="sun-laoshi")
    class_a = class_add(school, teacher=head)
    class_a.teachers.add(subject)
    class_b = class_add(school, name="3班", teacher=other_teacher)
    mother = family_join(class_a, nickname="小明", relation="mother")
    grandmother = family_join(class_a, nickname="小明", relation="grandmother")
    student = Student.objects.get(school_class=class_a, nickname="小明")
    pending = parent_add()
    Guardian.objects.create(
        student=student, user=pending, relation="father", status=Guardian.Status.PENDING
    )
    other_parent = family_join(class_a, nickname="乐乐")
    family_join(class_b, nickname="豆豆")
    other_admin = staff_add(school_add(code="s2", name="河口小学"), admin=True)
    bureau = UserFactory(role=Role.BUREAU_ADMIN)
    with transaction.atomic():
        thread = thread_start(
            user=mother, student=student, teacher=head, subject="孩子最近睡得晚", body="老师好"
        )
    family_message = thread.messages.get()
    teacher_message = reply(thread, head, "谢谢告诉我，我会留意。")
    return World(
        school=school,
        admin=admin,
        head=head,
        subject=subject,
        other_teacher=other_teacher,
        class_a=class_a,
        class_b=class_b,
        mother=mother,
        grandmother=grandmother,
        pending=pending,
        other_parent=other_parent,
        other_admin=other_admin,
        bureau=bureau,
        student=student,
        thread=thread,
        family_message=family_message,
        teacher_message=teacher_message,
    )
