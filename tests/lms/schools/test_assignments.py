from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lms.core.errors import ServiceError
from lms.schools.models import Assignment
from lms.schools.selectors.families import assignments_for_family
from lms.schools.services.assignments import assignment_create, assignment_exception_set
from tests.courses.factories import course_add, lesson_add
from tests.lms.schools.factories import (
    class_add,
    family_join,
    lesson_read,
    school_add,
    staff_add,
)

pytestmark = pytest.mark.django_db
T = timezone.localdate()
DAY = timedelta(days=1)


@pytest.fixture
def setup():
    school = school_add()
    teacher = staff_add(school)
    a = class_add(school, grade="p3", name="2班", teacher=teacher)
    b = class_add(school, grade="p3", name="1班")
    c = class_add(school, grade="p5", name="1班")
    course = course_add(title="亲子沟通")
    lessons = [lesson_add(course, title=f"第{n}课") for n in (1, 2)]
    habits = course_add(title="习惯养成")
    habit_lessons = [lesson_add(habits, title=f"习惯第{n}课") for n in (1, 2)]
    return {
        "school": school, "teacher": teacher, "a": a, "b": b, "c": c,
        "course": course, "lessons": lessons, "habits": habits, "habit_lessons": habit_lessons,
        "pa": family_join(a), "pb": family_join(b, nickname="豆豆"),
        "pc": family_join(c, nickname="果果"),
    }  # fmt: skip


def assign(setup, **kwargs):
    defaults = {
        "school": setup["school"], "course": setup["course"], "created_by": setup["teacher"],
        "starts_on": T - DAY, "due_on": T + 7 * DAY,
    }  # fmt: skip
    return assignment_create(**(defaults | kwargs))


def titles(user):
    return [item.assignment.pk for item in assignments_for_family(user=user)]


def test_scopes_reach_the_right_families(setup):
    one = assign(setup, scope="class", school_class=setup["a"])
    grade = assign(setup, scope="grade", grade="p3", course=setup["habits"])
    safety = course_add(title="安全教育")
    lesson_add(safety)
    whole = assign(setup, scope="school", course=safety)
    assert set(titles(setup["pa"])) == {one.pk, grade.pk, whole.pk}
    assert set(titles(setup["pb"])) == {grade.pk, whole.pk}
    assert set(titles(setup["pc"])) == {whole.pk}


def test_not_before_the_start_and_not_when_excused(setup):
    later = assign(setup, scope="school", starts_on=T + DAY, course=setup["habits"])
    excused = assign(setup, scope="school")
    assignment_exception_set(assignment=excused, user_id=setup["pa"].pk, excused=True, due_on=None)
    assert titles(setup["pa"]) == []
    assert excused.pk in titles(setup["pb"]) and later.pk not in titles(setup["pb"])


def test_a_later_date_for_one_family(setup):
    assignment = assign(setup, scope="school")
    assignment_exception_set(
        assignment=assignment, user_id=setup["pa"].pk, excused=False, due_on=T + 30 * DAY
    )
    [mine] = assignments_for_family(user=setup["pa"])
    assert mine.due_on == T + 30 * DAY
    [theirs] = assignments_for_family(user=setup["pb"])
    assert theirs.due_on == T + 7 * DAY
    # Clearing both removes the exception.
    assignment_exception_set(
        assignment=assignment, user_id=setup["pa"].pk, excused=False, due_on=None
    )
    assert assignments_for_family(user=setup["pa"])[0].due_on == T + 7 * DAY


def test_chosen_lessons_complete_the_assignment(setup):
    assignment = assign(
        setup, scope="class", school_class=setup["a"], lessons=[setup["lessons"][0]]
    )
    assert assignments_for_family(user=setup["pa"])[0].completed_on is None
    lesson_read(setup["pa"], setup["lessons"][0])
    [item] = assignments_for_family(user=setup["pa"])
    assert item.completed_on == T and item.lessons == 1 and item.assignment == assignment
    assert assignments_for_family(user=setup["pa"], include_done=False) == []


def test_my_learning_lists_open_assignments(client, setup):
    assign(setup, scope="class", school_class=setup["a"], note="本周班会前学完")
    client.force_login(setup["pa"])
    page = client.get(reverse("learning:home")).content.decode()
    assert "亲子沟通" in page and "本周班会前学完" in page and "data-family-assignments" in page


def test_assignment_cards_show_how_far_the_family_has_come(client, setup):
    whole = assign(setup, scope="class", school_class=setup["a"], note="整门课")
    chosen = assign(
        setup, scope="grade", grade="p3", course=setup["habits"], lessons=setup["habit_lessons"]
    )
    client.force_login(setup["pa"])
    page = client.get(reverse("learning:home")).content.decode()
    assert page.count("未开始") == 2 and 'value="0"' in page
    lesson_read(setup["pa"], setup["lessons"][0])
    lesson_read(setup["pa"], setup["habit_lessons"][0])
    items = {item.assignment.pk: item for item in assignments_for_family(user=setup["pa"])}
    assert (items[whole.pk].lessons_done, items[whole.pk].lessons_total) == (1, 2)
    assert (items[chosen.pk].lessons_done, items[chosen.pk].lessons_total) == (1, 2)
    assert items[whole.pk].percent == items[chosen.pk].percent == 50
    page = client.get(reverse("learning:home")).content.decode()
    assert page.count("已完成 1 / 2 课") >= 2 and '<progress max="100" value="50"' in page
    # The other family's cards are their own.
    assert assignments_for_family(user=setup["pb"])[0].lessons_done == 0


def test_my_learning_reads_assignment_progress_in_a_fixed_number_of_queries(
    client, setup, django_assert_max_num_queries
):
    for n in range(6):
        course = course_add(title=f"课程{n}")
        lessons = [lesson_add(course, title=f"课程{n}第{k}课") for k in range(n % 2 + 1)]
        assign(setup, scope="class", school_class=setup["a"], course=course, lessons=lessons)
    client.force_login(setup["pa"])

    def whole_courses_assigned(numbers):
        for n in numbers:
            course = course_add(title=f"课程{n}")
            lesson_add(course, title=f"课程{n}第1课")
            assign(setup, scope="class", school_class=setup["a"], course=course)

    whole_courses_assigned(range(6, 9))
    client.get(reverse("learning:home"))
    with CaptureQueriesContext(connection) as fewer:
        assert client.get(reverse("learning:home")).status_code == 200
    whole_courses_assigned(range(9, 15))
    with CaptureQueriesContext(connection) as more:
        assert client.get(reverse("learning:home")).status_code == 200
    # Every panel on the page (notices, messages, activities, talks, assignments, care,
    # 学时) reads in a fixed handful; more whole-course assignments cost no more queries.
    # (Each distinct set of chosen lessons is one aggregate in the database, which keeps the
    # county report fast: reading all completions into Python was 2-3x slower there.)
    assert len(more) == len(fewer) <= 40


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"scope": "class", "school_class": None}, "school_class"),
        ({"scope": "grade", "grade": "x9"}, "grade"),
        ({"scope": "nonsense"}, "scope"),
        ({"scope": "school", "due_on": T - 5 * DAY}, "due_on"),
    ],
)
def test_bad_assignments_are_refused(setup, kwargs, field):
    with pytest.raises(ServiceError) as raised:
        assign(setup, **kwargs)
    assert raised.value.field == field
    assert not Assignment.objects.exists()


def test_a_class_of_another_school_or_a_foreign_lesson_is_refused(setup):
    other = class_add(school_add(code="s9", name="九中"))
    with pytest.raises(ServiceError):
        assign(setup, scope="class", school_class=other)
    foreign = lesson_add(course_add(title="别的课"), title="别的课第一课")
    with pytest.raises(ServiceError):
        assign(setup, scope="school", lessons=[foreign])
    with pytest.raises(ServiceError):
        assign(setup, scope="school", course=course_add(title="草稿课", live=False))
    assert not Assignment.objects.exists()


def test_a_teacher_assigns_through_the_form(client, setup):
    client.force_login(setup["teacher"])
    url = reverse("schools:class_assign", args=[setup["a"].pk])
    form = client.get(url).content.decode()
    assert "whole grade" not in form and "全年级" not in form  # teachers assign to their class
    response = client.post(
        url,
        {
            "scope": "class", "school_class": str(setup["a"].pk),
            "course": str(setup["course"].pk), "lessons": [str(setup["lessons"][1].pk)],
            "starts_on": T.isoformat(), "due_on": (T + DAY).isoformat(),
        },
    )  # fmt: skip
    assert response.status_code == 302
    assignment = Assignment.objects.get()
    assert list(assignment.lessons.all()) == [setup["lessons"][1]]
    # A teacher cannot widen the scope by forging the form.
    client.post(
        url,
        {
            "scope": "school", "course": str(setup["course"].pk),
            "starts_on": T.isoformat(), "due_on": (T + DAY).isoformat(),
        },
    )  # fmt: skip
    assert Assignment.objects.count() == 1


def test_due_before_start_in_the_form_is_an_error_not_a_500(client, setup):
    client.force_login(setup["teacher"])
    response = client.post(
        reverse("schools:class_assign", args=[setup["a"].pk]),
        {
            "scope": "class", "school_class": str(setup["a"].pk),
            "course": str(setup["course"].pk),
            "starts_on": T.isoformat(), "due_on": (T - DAY).isoformat(),
        },
    )  # fmt: skip
    assert response.status_code == 200 and "field-error" in response.content.decode()


def test_excusing_a_family_from_the_report(client, setup):
    assignment = assign(setup, scope="class", school_class=setup["a"])
    client.force_login(setup["teacher"])
    url = reverse("schools:assignment_family", args=[assignment.pk, setup["pa"].pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"excused": "on"}).status_code == 302
    assert titles(setup["pa"]) == []
    # A family outside the teacher's classes is not found.
    other = reverse("schools:assignment_family", args=[assignment.pk, setup["pb"].pk])
    assert client.get(other).status_code == 404
