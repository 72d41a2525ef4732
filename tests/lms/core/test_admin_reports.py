"""The page-types report keeps its counts, and names a last-edited page only to those whose
explorer shows it."""

import pytest
from django.test import Client

from lms.accounts.roles import Role
from tests.courses.factories import UserFactory, course_add

pytestmark = pytest.mark.django_db
REPORT = "/admin/reports/page-types-usage/"


def _report(user) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(REPORT)
    assert response.status_code == 200
    return response.content.decode()


def test_another_lecturers_last_edited_draft_is_not_named_in_the_page_types_report():
    author, reader = UserFactory(role=Role.LECTURER), UserFactory(role=Role.LECTURER)
    draft = course_add(title="别人的草稿课", owner=author, live=False)
    draft.save_revision(user=author, log_action=True)
    reviewer = UserFactory(role=Role.REVIEWER)
    assert "别人的草稿课" in _report(reviewer)
    assert "别人的草稿课" not in _report(reader)
