"""The ledger officer's designation form lists only the chosen school's staff, or bureau
staff when no school is chosen."""

import pytest
from wagtail.users.models import UserProfile

from lms.accounts.roles import Role
from tests.courses.factories import UserFactory
from tests.lms.schools.factories import school_add, staff_add

pytestmark = [
    pytest.mark.services("chromium"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_choosing_a_school_narrows_the_staff_list(live_server, desktop):
    school, other = school_add(), school_add(code="s2", name="河口小学")
    teacher = staff_add(school, username="chengguan-teacher")
    staff_add(other, username="hekou-teacher")
    UserFactory(role=Role.BUREAU_ADMIN, username="county-staff")
    officer = UserFactory(role=Role.LEDGER_OFFICER, username="ledger-officer")
    UserProfile.get_for_user(officer).save()
    base = live_server.url
    desktop.goto(f"{base}/admin/login/")
    desktop.fill("#id_username", "ledger-officer")
    desktop.fill("#id_password", "pw-for-tests-1")
    desktop.click("button[type=submit]")
    desktop.wait_for_url(f"{base}/admin/")
    desktop.goto(f"{base}/admin/snippets/support/designation/add/")

    def offered():
        return desktop.eval_on_selector_all(
            "#id_user option", "os => os.filter(o => o.value && !o.hidden).map(o => o.text)"
        )

    assert [text for text in offered() if "county-staff" in text]
    assert not [text for text in offered() if "teacher" in text]
    desktop.select_option("#id_school", str(school.pk))
    assert [text.split(" · ")[1] for text in offered()] == [teacher.username]
    desktop.select_option("#id_user", str(teacher.pk))
    desktop.click("button.action-save")
    desktop.wait_for_url("**/admin/snippets/support/designation/")
    assert "chengguan-teacher" in desktop.content()
