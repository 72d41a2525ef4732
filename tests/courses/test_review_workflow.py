"""Lecturer submits → reviewer approves → live. Lecturers never publish or touch others' pages."""

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, rich_text

from courses.models import CourseIndexPage, CoursePage, Stage
from lms.accounts.roles import Role
from tests.courses.factories import UserFactory, course_add

pytestmark = pytest.mark.django_db


@pytest.fixture
def lecturer():
    return UserFactory(role=Role.LECTURER)


@pytest.fixture
def reviewer():
    return UserFactory(role=Role.REVIEWER)


def _course_form(title, **extra):
    data = nested_form_data(
        {
            "title": title,
            "slug": f"course-{abs(hash(title)) % 10**8}",
            "summary": "青春期孩子的情绪",
            "topics": "青春期教育",
            "credit_hours": "1.5",
            "body": rich_text(""),
            "cover": "",
            **extra,
        }
    )
    data["stages"] = [Stage.objects.get(code="junior").pk]
    return data


def _add(client, data):
    index = CourseIndexPage.objects.get()
    return client.post(
        reverse("wagtailadmin_pages:add", args=("courses", "coursepage", index.pk)), data
    )


def test_a_lecturer_cannot_publish(client, lecturer):
    client.force_login(lecturer)
    response = _add(client, _course_form("试图直接发布", **{"action-publish": "publish"}))
    course = CoursePage.objects.get(title="试图直接发布")
    assert response.status_code in (200, 302)
    assert not course.live
    assert course.owner == lecturer


def test_lecturer_submits_and_a_reviewer_approves(client, lecturer, reviewer):
    client.force_login(lecturer)
    response = _add(client, _course_form("青春期的情绪", **{"action-submit": "submit"}))
    assert response.status_code == 302
    course = CoursePage.objects.get(title="青春期的情绪")
    assert not course.live
    state = course.current_workflow_state
    assert state is not None and state.status == "in_progress"
    assert state.workflow.name == "县级审核流程"

    # The reviewer sees it in their dashboard and approves with a comment.
    client.force_login(reviewer)
    assert "青春期的情绪" in client.get(reverse("wagtailadmin_home")).content.decode()
    task_state = state.current_task_state
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=(course.pk, "approve", task_state.pk)),
        {"comment": "内容准确，可以上线。"},
    )
    assert response.status_code in (200, 302)
    course.refresh_from_db()
    assert course.live
    assert client.get(course.url).status_code == 200


def test_a_reviewer_can_reject_with_a_comment(client, lecturer, reviewer):
    client.force_login(lecturer)
    _add(client, _course_form("待修改的课程", **{"action-submit": "submit"}))
    course = CoursePage.objects.get(title="待修改的课程")
    task_state = course.current_workflow_state.current_task_state
    client.force_login(reviewer)
    client.post(
        reverse("wagtailadmin_pages:workflow_action", args=(course.pk, "reject", task_state.pk)),
        {"comment": "请补充案例。"},
    )
    course.refresh_from_db()
    task_state.refresh_from_db()
    assert not course.live
    assert task_state.status == "rejected"
    assert task_state.get_comment() == "请补充案例。"


def test_a_lecturer_cannot_edit_or_extend_another_lecturers_course(client, lecturer):
    other = UserFactory(role=Role.LECTURER)
    theirs = course_add(title="别人的课程", owner=other, live=False)
    client.force_login(lecturer)
    # Another lecturer's draft is not even shown: 404, like their media.
    edit = client.get(reverse("wagtailadmin_pages:edit", args=(theirs.pk,)))
    assert edit.status_code in (302, 403, 404)
    add_lesson = client.get(
        reverse("wagtailadmin_pages:add", args=("courses", "lessonpage", theirs.pk))
    )
    assert add_lesson.status_code in (302, 403, 404)
    mine = course_add(title="我的课程", owner=lecturer, live=False)
    assert client.get(reverse("wagtailadmin_pages:edit", args=(mine.pk,))).status_code == 200
    assert (
        client.get(
            reverse("wagtailadmin_pages:add", args=("courses", "lessonpage", mine.pk))
        ).status_code
        == 200
    )


def test_preview_works_for_the_author(client, lecturer):
    client.force_login(lecturer)
    index = CourseIndexPage.objects.get()
    url = reverse("wagtailadmin_pages:preview_on_add", args=("courses", "coursepage", index.pk))
    assert client.post(url, _course_form("预览课程")).json()["is_valid"] is True
    response = client.get(url)
    assert response.status_code == 200
    assert "预览课程" in response.content.decode()


def test_parents_have_no_admin_at_all(client):
    parent = UserFactory(role=Role.PARENT)
    client.force_login(parent)
    assert (
        client.get(
            reverse("wagtailadmin_pages:edit", args=(Page.objects.get(depth=2).pk,))
        ).status_code
        == 302
    )
