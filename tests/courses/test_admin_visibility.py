"""Lecturers do not see other lecturers' drafts in the admin: not in the explorer, the
page chooser, the admin search or the site-history report."""

import pytest
from django.test import Client
from django.urls import reverse

from courses.models import CourseIndexPage
from lms.accounts.roles import Role
from tests.courses.factories import UserFactory, course_add

pytestmark = pytest.mark.django_db


@pytest.fixture
def drafts():
    author, reader = UserFactory(role=Role.LECTURER), UserFactory(role=Role.LECTURER)
    theirs = course_add(title="别人的草稿课", owner=author, live=False)
    theirs.save_revision(user=author, log_action=True)
    mine = course_add(title="我的草稿课", owner=reader, live=False)
    mine.save_revision(user=reader, log_action=True)
    course_add(title="已发布的课", owner=author)
    return {"author": author, "reader": reader, "theirs": theirs}


def _get(user, url):
    client = Client()
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def _pages(index):
    return [
        reverse("wagtailadmin_explore", args=[index.pk]),
        reverse("wagtailadmin_pages:search") + "?q=草稿课",
        reverse("wagtailadmin_choose_page_child", args=[index.pk]),
        reverse("wagtailadmin_reports:site_history"),
    ]


def test_a_lecturer_sees_their_own_drafts_and_published_pages_only(drafts):
    for url in _pages(CourseIndexPage.objects.get()):
        body = _get(drafts["reader"], url)
        assert "别人的草稿课" not in body, url
    explorer = _get(
        drafts["reader"], reverse("wagtailadmin_explore", args=[drafts["theirs"].get_parent().pk])
    )
    assert "我的草稿课" in explorer and "已发布的课" in explorer


def test_another_lecturers_draft_is_a_404_in_every_page_view(drafts):
    client = Client()
    client.force_login(drafts["reader"])
    for name in ("edit", "history", "revisions_index", "usage", "copy", "move", "delete"):
        response = client.get(reverse(f"wagtailadmin_pages:{name}", args=[drafts["theirs"].pk]))
        assert response.status_code == 404, name
    assert (
        client.get(reverse("wagtailadmin_explore", args=[drafts["theirs"].pk])).status_code == 404
    )


def test_reviewers_still_see_every_draft(drafts):
    reviewer = UserFactory(role=Role.REVIEWER)
    body = _get(reviewer, reverse("wagtailadmin_explore", args=[CourseIndexPage.objects.get().pk]))
    assert "别人的草稿课" in body and "我的草稿课" in body
    assert "别人的草稿课" in _get(reviewer, reverse("wagtailadmin_reports:site_history"))
