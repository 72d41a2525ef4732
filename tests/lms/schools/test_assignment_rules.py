"""Assigning on a phone: the same course twice for the same families and days is refused with
the existing assignment named, the form lists a course's own lessons, bad ids and dates are
form errors, and withdrawing asks once."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.models import LessonPage
from lms.core.errors import ServiceError
from lms.schools.models import Assignment
from lms.schools.selectors.assignments import assignable_courses
from lms.schools.services.assignments import assignment_create
from tests.courses.factories import course_add, lesson_add
from tests.lms.schools.factories import class_add, school_add, staff_add

pytestmark = pytest.mark.django_db
T = timezone.localdate()
DAY = timedelta(days=1)


@pytest.fixture
def w():
    school = school_add()
    teacher = staff_add(school)
    admin = staff_add(school, admin=True)
    a = class_add(school, grade="p3", name="2班", teacher=teacher)
    b = class_add(school, grade="p3", name="1班")
    c = class_add(school, grade="p5", name="1班")
    course = course_add(title="亲子沟通")
    lessons = [lesson_add(course, title=f"沟通第{n}课") for n in (1, 2)]
    other = course_add(title="习惯养成")
    other_lessons = [lesson_add(other, title=f"习惯第{n}课") for n in (1, 2, 3)]
    return {
        "school": school, "teacher": teacher, "admin": admin, "a": a, "b": b, "c": c,
        "course": course, "lessons": lessons, "other": other, "other_lessons": other_lessons,
    }  # fmt: skip


def assign(w, audience: str, *, starts=T, due=T + 7 * DAY, **kwargs):
    """`audience` is "class:a", "grade:p3" or "school"."""
    scope, _, target = audience.partition(":")
    where = {"class": {"school_class": w.get(target)}, "grade": {"grade": target}}.get(scope, {})
    defaults = {
        "school": w["school"], "scope": scope, "course": w["course"], "created_by": w["teacher"],
        "starts_on": starts, "due_on": due,
    }  # fmt: skip
    return assignment_create(**(defaults | where | kwargs))


# Every pair of audiences: does the second reach any family of the first?
OVERLAPS = [
    ("class:a", "class:a", True),
    ("class:a", "class:b", False),
    ("class:a", "grade:p3", True),
    ("class:a", "grade:p5", False),
    ("class:a", "school", True),
    ("grade:p3", "class:a", True),
    ("grade:p3", "class:c", False),
    ("grade:p3", "grade:p3", True),
    ("grade:p3", "grade:p5", False),
    ("grade:p3", "school", True),
    ("school", "class:a", True),
    ("school", "grade:p5", True),
    ("school", "school", True),
]


@pytest.mark.parametrize(("first", "second", "refused"), OVERLAPS)
def test_the_same_course_for_overlapping_families_and_days_is_refused(w, first, second, refused):
    existing = assign(w, first)
    if not refused:
        assert assign(w, second).pk != existing.pk
        return
    with pytest.raises(ServiceError) as raised:
        assign(w, second)
    assert raised.value.field == "course"
    assert Assignment.objects.count() == 1


def test_the_refusal_names_the_existing_assignment_its_families_and_days(w):
    assign(w, "class:a", starts=T, due=T + 7 * DAY)
    with pytest.raises(ServiceError) as raised:
        assign(w, "school", starts=T + 3 * DAY, due=T + 30 * DAY, created_by=w["admin"])
    message = str(raised.value)
    assert "亲子沟通" in message and "三年级2班" in message
    assert T.isoformat() in message and (T + 7 * DAY).isoformat() in message
    assign(w, "grade:p5", starts=T, due=T + DAY, course=w["other"])
    with pytest.raises(ServiceError) as raised:
        assign(w, "class:c", course=w["other"])
    assert "五年级全年级" in str(raised.value)
    assign(w, "school", course=w["other"], starts=T + 40 * DAY, due=T + 50 * DAY)
    with pytest.raises(ServiceError) as raised:
        assign(w, "class:b", course=w["other"], starts=T + 50 * DAY, due=T + 60 * DAY)
    assert "全校" in str(raised.value)


@pytest.mark.parametrize(
    ("starts", "due", "refused"),
    [
        (T + 7 * DAY, T + 10 * DAY, True),  # shares the last day
        (T - 5 * DAY, T, True),  # shares the first day
        (T + 2 * DAY, T + 3 * DAY, True),  # inside
        (T - 5 * DAY, T + 20 * DAY, True),  # around
        (T + 8 * DAY, T + 20 * DAY, False),  # the day after: adjacent
        (T - 5 * DAY, T - DAY, False),  # the days before
    ],
)
def test_only_overlapping_days_count_as_a_duplicate(w, starts, due, refused):
    assign(w, "class:a", starts=T, due=T + 7 * DAY)
    if refused:
        with pytest.raises(ServiceError):
            assign(w, "class:a", starts=starts, due=due)
    else:
        assign(w, "class:a", starts=starts, due=due)
    assert Assignment.objects.count() == (1 if refused else 2)


def test_another_course_or_another_school_is_not_a_duplicate(w):
    assign(w, "school")
    assign(w, "school", course=w["other"])
    other_school = school_add(code="s2", name="实验小学")
    assign(w, "class:x", school=other_school, school_class=class_add(other_school))
    assert Assignment.objects.count() == 3


def test_a_course_without_published_lessons_cannot_be_assigned(w):
    empty = course_add(title="空课程")
    drafts_only = course_add(title="只有草稿")
    lesson_add(drafts_only, title="草稿课", live=False)
    for course in (empty, drafts_only):
        with pytest.raises(ServiceError) as raised:
            assign(w, "class:a", course=course)
        assert raised.value.field == "course" and course.title in str(raised.value)
    assert not Assignment.objects.exists()
    assert {item.course.title for item in assignable_courses()} == {"亲子沟通", "习惯养成"}


def test_a_lesson_of_another_course_is_refused_by_name(w):
    with pytest.raises(ServiceError) as raised:
        assign(w, "class:a", lessons=[w["lessons"][0], w["other_lessons"][1]])
    assert raised.value.field == "lessons" and "习惯第2课" in str(raised.value)
    assert not Assignment.objects.exists()


# ---------------------------------------------------------------- the form


def form_url(w):
    return reverse("schools:class_assign", args=[w["a"].pk])


def post(client, url, w, **fields):
    data = {
        "scope": "class", "school_class": str(w["a"].pk), "course": str(w["course"].pk),
        "starts_on": T.isoformat(), "due_on": (T + 7 * DAY).isoformat(),
    } | fields  # fmt: skip
    return client.post(url, {k: v for k, v in data.items() if v is not None})


def test_the_form_asks_for_the_course_first_and_folds_each_courses_lessons(client, w):
    course_add(title="空课程")  # nothing to learn: not offered
    client.force_login(w["teacher"])
    page = client.get(form_url(w)).content.decode()
    assert page.index('name="course"') < page.index('name="lessons"') < page.index("starts_on")
    assert "空课程" not in page and "请选择课程" in page
    # Lessons sit in one folded group per course, each saying whose lessons they are.
    assert page.count("<details data-lessons-of=") == 2
    assert f'data-lessons-of="{w["course"].pk}"' in page and "《亲子沟通》的课（共 2 节）" in page
    group = page.split(f'data-lessons-of="{w["other"].pk}"')[1].split("</details>")[0]
    assert "习惯第1课" in group and "沟通第1课" not in group and " open" not in group[:5]
    # The one class is not a choice: scope and class travel as hidden fields.
    assert 'type="hidden" name="scope" value="class"' in page
    assert f'type="hidden" name="school_class" value="{w["a"].pk}"' in page
    assert "三年级2班" in page and "js/assignment_form.js" in page


def test_course_then_submit_assigns_the_whole_course(client, w):
    client.force_login(w["teacher"])
    response = post(client, form_url(w), w)
    assert response.status_code == 302 and response["Location"] == reverse(
        "schools:class", args=[w["a"].pk]
    )
    assignment = Assignment.objects.get()
    assert (assignment.course_id, assignment.school_class) == (w["course"].pk, w["a"])
    assert not assignment.lessons.exists()


@pytest.mark.parametrize(
    "course_id",
    ["999999", "123456789012345678901234567890", "abc", "lesson", "draft", "empty"],
)
def test_a_course_that_cannot_be_assigned_is_a_form_error(client, w, course_id):
    if course_id == "lesson":
        course_id = str(w["lessons"][0].pk)  # a page, but not a course
    elif course_id == "draft":
        draft = course_add(title="草稿课程", live=False)
        course_id = str(draft.pk)
    elif course_id == "empty":
        course_id = str(course_add(title="空课程").pk)
    client.force_login(w["teacher"])
    response = post(client, form_url(w), w, course=course_id)
    assert response.status_code == 200
    assert "请从列表中选择课程" in response.content.decode()
    assert not Assignment.objects.exists()


def test_a_lesson_of_another_course_in_the_form_is_refused_and_the_form_kept(client, w):
    client.force_login(w["teacher"])
    response = post(client, form_url(w), w, lessons=[str(w["other_lessons"][0].pk)], note="周五前")
    page = response.content.decode()
    assert response.status_code == 200 and not Assignment.objects.exists()
    assert "《习惯第1课》不是《亲子沟通》的课" in page
    assert 'value="周五前"' in page  # nothing typed is lost


def test_chosen_lessons_keep_their_ticks_and_their_group_unfolded_on_an_error(client, w):
    client.force_login(w["teacher"])
    response = post(
        client, form_url(w), w, lessons=[str(w["lessons"][1].pk)], due_on=(T - DAY).isoformat()
    )
    page = response.content.decode()
    assert response.status_code == 200 and "field-error" in page
    assert f'data-lessons-of="{w["course"].pk}" open' in page
    box = page.split(f'value="{w["lessons"][1].pk}"')[1].split(">")[0]
    assert "checked" in box


def test_reversed_dates_are_a_form_error(client, w):
    client.force_login(w["teacher"])
    response = post(
        client, form_url(w), w, starts_on=(T + 5 * DAY).isoformat(), due_on=T.isoformat()
    )
    assert response.status_code == 200 and "截止日期不能早于开始日期" in response.content.decode()
    assert not Assignment.objects.exists()


def test_a_duplicate_in_the_form_names_the_existing_assignment(client, w):
    client.force_login(w["teacher"])
    assert post(client, form_url(w), w).status_code == 302
    response = post(client, form_url(w), w, starts_on=(T + 3 * DAY).isoformat())
    page = response.content.decode()
    assert response.status_code == 200 and Assignment.objects.count() == 1
    assert "《亲子沟通》已布置给三年级2班" in page and (T + 7 * DAY).isoformat() in page


def test_a_school_wide_assignment_over_a_class_one_is_refused_in_the_school_form(client, w):
    assign(w, "class:a")
    client.force_login(w["admin"])
    url = reverse("schools:school_assign", args=[w["school"].code])
    page = client.get(url).content.decode()
    assert '<select name="scope"' in page  # the administrator chooses the audience
    response = post(client, url, w, scope="school", school_class=None)
    assert response.status_code == 200 and Assignment.objects.count() == 1
    assert "已布置给三年级2班" in response.content.decode()
    response = post(client, url, w, scope="grade", grade="p3", school_class=None)
    assert "已布置给三年级2班" in response.content.decode()
    assert post(client, url, w, scope="grade", grade="p5", school_class=None).status_code == 302


# ---------------------------------------------------------------- withdrawing


def test_withdraw_is_on_the_class_page_and_asks_once(client, w):
    mine = assign(w, "class:a")
    wide = assign(w, "school", course=w["other"], created_by=w["admin"])
    client.force_login(w["teacher"])
    page = client.get(reverse("schools:class", args=[w["a"].pk])).content.decode()
    remove = reverse("schools:assignment_remove", args=[mine.pk])
    assert f'href="{remove}" data-withdraw>撤回</a>' in page
    # The school-wide one is the administrators' to withdraw.
    assert reverse("schools:assignment_remove", args=[wide.pk]) not in page
    confirm = client.get(remove).content.decode()
    assert "撤回这项学习任务？" in confirm and "亲子沟通" in confirm and "三年级2班" in confirm
    assert Assignment.objects.filter(pk=mine.pk).exists()  # looking is not withdrawing
    response = client.post(remove)
    assert response.status_code == 302 and not Assignment.objects.filter(pk=mine.pk).exists()
    # Once withdrawn, the course may be assigned again for the same days.
    assert assign(w, "class:a").pk != mine.pk


def test_an_administrator_withdraws_a_school_wide_assignment_from_the_class_page(client, w):
    wide = assign(w, "school", created_by=w["admin"])
    client.force_login(w["admin"])
    page = client.get(reverse("schools:class", args=[w["a"].pk])).content.decode()
    remove = reverse("schools:assignment_remove", args=[wide.pk])
    assert remove in page and "全校" in page
    assert "全校" in client.get(remove).content.decode()
    response = client.post(remove)
    assert response["Location"] == reverse("schools:school", args=[w["school"].code])
    assert not Assignment.objects.exists()


def test_assignable_courses_take_the_same_queries_however_many_courses(
    w, django_assert_num_queries
):
    # Two for the pages, two for their view restrictions (Wagtail's public()).
    with django_assert_num_queries(4):
        assignable_courses()
    for n in range(5):
        lesson_add(course_add(title=f"课程{n}"))
    with django_assert_num_queries(4):
        found = assignable_courses()
    by_title = {item.course.title: [lesson.title for lesson in item.lessons] for item in found}
    assert len(by_title) == 7 and by_title["课程4"] == ["第一课"]
    assert by_title["习惯养成"] == ["习惯第1课", "习惯第2课", "习惯第3课"]
    assert [item.course.title for item in found] == sorted(by_title)
    assert all(isinstance(lesson, LessonPage) for item in found for lesson in item.lessons)
