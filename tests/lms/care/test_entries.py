"""Where people reach care notices: the entry on My learning for families with a child at a
school, the panel on the head teacher's class page, the station staff's header link, the
staff home link; each shown only to whom it concerns."""

import pytest
from django.test import Client

from lms.accounts.roles import Role
from tests.courses.factories import UserFactory
from tests.lms.care.factories import community_add, notice_add
from tests.lms.schools.factories import class_add, family_join, parent_add, school_add, staff_add

pytestmark = pytest.mark.django_db

ENTRY = "外出务工？告诉学校谁在照顾孩子"


@pytest.fixture
def world():
    school = school_add()
    head_teacher, other_teacher = staff_add(school), staff_add(school)
    school_class = class_add(school, teacher=head_teacher)
    other_class = class_add(school, name="3班", teacher=other_teacher)
    parent = family_join(school_class, nickname="小花")
    station_staff = UserFactory(role=Role.STATION_STAFF)
    community = community_add(staff=[station_staff])
    notice = notice_add(parent, school_class.students.get(), community)
    return locals()


def _page(user, url):
    client = Client()
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_my_learning_offers_the_entry_to_a_family_with_a_child_at_school(world):
    page = _page(world["parent"], "/learning/")
    assert ENTRY in page
    assert f"/care/{world['notice'].pk}/" in page
    assert ENTRY not in _page(parent_add(), "/learning/")


def test_the_class_page_shows_the_head_teacher_the_count_and_the_link(world):
    school_class = world["school_class"]
    page = _page(world["head_teacher"], f"/school/classes/{school_class.pk}/")
    assert f"/care/received/?class={school_class.pk}" in page
    assert "1 户" in page or "有 1" in page
    other = _page(world["other_teacher"], f"/school/classes/{world['other_class'].pk}/")
    assert f"?class={school_class.pk}" not in other
    assert "有 0 户" in other  # their own class: nothing filed


def test_station_staff_find_the_notices_in_the_header(world):
    assert 'href="/care/received/"' in _page(world["station_staff"], "/learning/")
    assert 'href="/care/received/"' not in _page(world["parent"], "/learning/")


def test_the_staff_home_links_the_notices_for_whom_they_go_to(world):
    assert "/care/received/" in _page(world["head_teacher"], "/school/")
