"""Notices test data: a school with two classes and their families, another school, and
small real files (a PDF, a PNG) to attach."""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PilImage

from lms.accounts.roles import Role
from lms.notices.models import Notice
from lms.notices.services import notice_create
from tests.courses.factories import UserFactory
from tests.lms.schools.factories import class_add, family_join, school_add, staff_add

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf_upload(name="班级名单.pdf", content=PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def png_upload(name="路线图.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    PilImage.new("RGB", (8, 6), "white").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@dataclass
class World:
    school: object
    admin: object
    head: object  # head teacher of class_a
    other_teacher: object  # head teacher of class_b
    class_a: object
    class_b: object
    parents_a: list  # one per child of class_a: 小明, 乐乐, 豆豆
    parent_b: object
    other_school: object
    other_admin: object
    other_parent: object
    bureau: object


def world_build() -> World:
    school = school_add()
    admin = staff_add(school, admin=True, username="admin-a")
    head = staff_add(school, username="head-a")
    other_teacher = staff_add(school, username="head-b")
    class_a = class_add(school, teacher=head)
    class_b = class_add(school, name="3班", teacher=other_teacher)
    parents_a = [family_join(class_a, nickname=n) for n in ("小明", "乐乐", "豆豆")]
    parent_b = family_join(class_b, nickname="冬冬")
    other_school = school_add(code="s2", name="河口小学")
    other_admin = staff_add(other_school, admin=True, username="admin-b")
    other_class = class_add(other_school, teacher=staff_add(other_school))
    other_parent = family_join(other_class, nickname="小红")
    bureau = UserFactory(role=Role.BUREAU_ADMIN, username="bureau")
    return World(
        school, admin, head, other_teacher, class_a, class_b, parents_a, parent_b,
        other_school, other_admin, other_parent, bureau,
    )  # fmt: skip


def class_notice(world: World, **kwargs) -> Notice:
    options = {
        "author": world.head,
        "school": world.school,
        "audience": Notice.Audience.CLASSES,
        "classes": [world.class_a],
        "title": "周五提前放学",
        "body": "各位家长：\n周五下午两点放学。",
        "asks_confirmation": True,
    }
    options.update(kwargs)
    return notice_create(**options)
