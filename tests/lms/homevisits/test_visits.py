"""Home visits: the to-do list, coverage, future dates refused, notes only for the class."""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from lms.core.errors import ServiceError
from lms.homevisits.models import HomeVisit
from lms.homevisits.selectors import class_visits, school_year_start
from lms.homevisits.services import visit_record
from tests.lms.schools.factories import class_add, family_join, school_add, staff_add

pytestmark = pytest.mark.django_db


@pytest.fixture
def klass():
    school = school_add()
    teacher = staff_add(school)
    school_class = class_add(school, teacher=teacher)
    for name in ("甲", "乙", "丙"):
        family_join(school_class, nickname=name)
    return school_class, teacher


def _visit(school_class, teacher, nickname, on, **extra):
    return visit_record(
        student=school_class.students.get(nickname=nickname),
        school_class=school_class,
        visited_on=on,
        form=extra.get("form", "home"),
        participants="班主任、奶奶",
        topics=extra.get("topics", ["safety"]),
        follow_up_needed=False,
        notes="孩子作息规律",
        recorded_by=teacher,
    )


def test_to_do_and_coverage_this_school_year(klass):
    school_class, teacher = klass
    today = timezone.localdate()
    _visit(school_class, teacher, "甲", today)
    _visit(school_class, teacher, "乙", school_year_start(today) - timedelta(days=1))  # last year
    visits = class_visits(school_class=school_class)
    assert sorted(s.nickname for s in visits.to_visit) == ["丙", "乙"]
    assert [s.nickname for s, _v in visits.visited] == ["甲"]
    assert visits.coverage == pytest.approx(1 / 3)


def test_school_year_starts_in_september():
    assert school_year_start(date(2026, 8, 31)) == date(2025, 9, 1)
    assert school_year_start(date(2026, 9, 1)) == date(2026, 9, 1)


def test_bad_visits_are_refused_and_nothing_saved(klass):
    school_class, teacher = klass
    other = class_add(school_class.school, name="9班", teacher=teacher)
    family_join(other, nickname="丁")
    today = timezone.localdate()
    with pytest.raises(ServiceError) as future:
        _visit(school_class, teacher, "甲", today + timedelta(days=1))
    assert future.value.field == "visited_on"
    with pytest.raises(ServiceError):
        _visit(school_class, teacher, "甲", today, form="telepathy")
    with pytest.raises(ServiceError):
        _visit(school_class, teacher, "甲", today, topics=["gossip"])
    with pytest.raises(ServiceError):
        visit_record(
            student=other.students.get(),
            school_class=school_class,
            visited_on=today,
            form="home",
            participants="x",
            topics=[],
            follow_up_needed=False,
            notes="",
            recorded_by=teacher,
        )
    assert not HomeVisit.objects.exists()


def test_notes_only_for_the_class_teachers_and_admins(klass):
    school_class, teacher = klass
    _visit(school_class, teacher, "甲", timezone.localdate())
    student = school_class.students.get(nickname="甲")
    url = f"/visits/classes/{school_class.pk}/students/{student.pk}/"
    own = Client()
    own.force_login(teacher)
    assert "孩子作息规律" in own.get(url).content.decode()
    admin = Client()
    admin.force_login(staff_add(school_class.school, admin=True))
    assert admin.get(url).status_code == 200
    for outsider in (staff_add(school_class.school), student.guardians.get().user):
        client = Client()
        client.force_login(outsider)
        assert client.get(url).status_code == 404
        assert client.get(f"/visits/classes/{school_class.pk}/").status_code == 404


def test_a_future_date_through_the_form_is_a_form_error(klass, client):
    school_class, teacher = klass
    client.force_login(teacher)
    student = school_class.students.get(nickname="甲")
    response = client.post(
        f"/visits/classes/{school_class.pk}/students/{student.pk}/",
        {
            "visited_on": (timezone.localdate() + timedelta(days=3)).isoformat(),
            "form": "home",
            "participants": "班主任",
            "topics": ["study"],
        },
    )
    assert response.status_code == 200
    assert "不能记录尚未发生的家访" in response.content.decode()
    assert not HomeVisit.objects.exists()
