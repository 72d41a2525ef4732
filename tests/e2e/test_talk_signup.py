"""Browser journey (issue 19): on a 390 px phone a parent signs up for a lecturer-team talk,
the talk's lecturer sees the count and the list, and the parent cancels."""

import datetime

import pytest
from django.utils import timezone

from courses.models import TalkSignup
from lms.accounts.roles import Role
from tests.courses.factories import LecturerFactory, UserFactory, talk_add
from tests.e2e.conftest import WECHAT_UA, sign_in

pytestmark = [
    pytest.mark.services("chromium"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _phone(browser):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, user_agent=WECHAT_UA, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.set_default_timeout(20000)
    return context, page


def test_sign_up_the_organiser_sees_the_count_and_the_parent_cancels(live_server, browser):
    account = UserFactory(username="zhang-yisheng", role=Role.LECTURER)
    UserFactory(username="xiaoyu-nainai", role=Role.PARENT, display_name="小雨奶奶")
    starts = timezone.now().replace(microsecond=0) + datetime.timedelta(days=3)
    talk = talk_add(
        title="隔代教养的烦恼",
        date=timezone.localdate(starts),
        lecturer=LecturerFactory(name="张医生", account=account),
        signup_open=True,
    )
    talk.starts_at, talk.capacity, talk.place = starts, 50, "县图书馆"
    talk.save()

    parent_context, parent = _phone(browser)
    sign_in(parent, live_server.url, "xiaoyu-nainai")
    parent.goto(live_server.url + talk.url)
    parent.click("main button:has-text('报名')")
    assert "您已报名" in parent.inner_text("main")
    assert TalkSignup.objects.filter(talk=talk, cancelled_at__isnull=True).count() == 1
    # Nothing on the phone is wider than the screen.
    assert parent.evaluate("document.documentElement.scrollWidth") <= 390

    lecturer_context, lecturer = _phone(browser)
    sign_in(lecturer, live_server.url, "zhang-yisheng")
    lecturer.goto(live_server.url + talk.url)
    assert "1 人报名 / 50" in lecturer.inner_text("main")
    lecturer.click("text=报名名单")
    assert lecturer.get_attribute("[data-signup-count]", "data-signup-count") == "1"
    assert "小雨奶奶" in lecturer.inner_text("main")
    assert lecturer.evaluate("document.documentElement.scrollWidth") <= 390

    parent.click("main button:has-text('取消报名')")
    assert "已取消报名" in parent.inner_text("main")
    lecturer.reload()
    assert lecturer.get_attribute("[data-signup-count]", "data-signup-count") == "0"
    assert "小雨奶奶" not in lecturer.inner_text("main")
    parent_context.close()
    lecturer_context.close()
