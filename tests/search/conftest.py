import datetime

import pytest

from courses.models import LecturerIndexPage
from search.selectors import fallback_reset
from tests.courses.factories import LecturerFactory, course_add, lesson_add, talk_add


@pytest.fixture(autouse=True)
def _forget_failures():
    fallback_reset()
    yield
    fallback_reset()


@pytest.fixture
def catalogue(db):
    """Three courses, their lessons, a talk and a lecturer with live work."""
    lecturer = LecturerFactory(name="张敏", title="心理咨询师")
    comm = course_add(
        title="好好说话：亲子沟通的艺术",
        stages=("primary_lower", "primary_middle"),
        topics=("亲子沟通", "情绪管理"),
        lecturer=lecturer,
    )
    lesson_add(comm, title="孩子发脾气怎么办")
    lesson_add(comm, title="孩子不想上学时")
    teen = course_add(
        title="青春期的孩子：理解与陪伴", stages=("junior", "senior"), topics=("青春期教育",)
    )
    lesson_add(teen, title="孩子早恋了怎么办")
    food = course_add(
        title="幼儿园阶段的好习惯养成", stages=("kindergarten",), topics=("习惯养成",)
    )
    lesson_add(food, title="让孩子自己吃饭")
    course_add(title="草稿课程", live=False, topics=("亲子沟通",))
    talk_add(title="考前焦虑怎么办", date=datetime.date(2026, 6, 1), lecturer=lecturer)
    assert LecturerIndexPage.objects.exists()
    return {"comm": comm, "teen": teen, "food": food, "lecturer": lecturer}
