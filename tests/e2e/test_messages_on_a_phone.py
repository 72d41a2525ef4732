"""On a 390-pixel phone: a parent finds "联系老师" on My learning, writes to the head teacher,
the teacher finds the message in the class inbox (waiting, unread) and answers, and the parent
reads the answer. Everything a finger touches is at least 44 px high and nothing scrolls
sideways."""

import pytest

from lms.messaging.models import Thread
from tests.e2e.conftest import ARTIFACTS, WECHAT_UA, sign_in
from tests.e2e.test_reports_on_a_phone import INLINE_IN_TEXT, TAP_TARGETS
from tests.lms.schools.factories import class_add, family_join, school_add, staff_add

pytestmark = [
    pytest.mark.services("chromium"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
WIDTH = 390
SCROLL_WIDTH = "() => document.documentElement.scrollWidth"


def _phone(browser, request, name):
    context = browser.new_context(
        viewport={"width": WIDTH, "height": 844},
        user_agent=WECHAT_UA,
        is_mobile=True,
        has_touch=True,
    )
    page = context.new_page()
    page.set_default_timeout(20000)
    yield page
    if getattr(request.node, "rep_call", None) is None or request.node.rep_call.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}-{name}.png"), full_page=True)
    context.close()


@pytest.fixture
def parent_phone(browser, request):
    yield from _phone(browser, request, "parent")


@pytest.fixture
def teacher_phone(browser, request):
    yield from _phone(browser, request, "teacher")


@pytest.fixture
def world(db, settings):
    settings.LMS_QUIET_HOURS = ""  # daytime, whatever the clock says
    school = school_add()
    teacher = staff_add(school, username="li-laoshi")
    teacher.display_name = "李老师"
    teacher.save()
    school_class = class_add(school, teacher=teacher)
    parent = family_join(school_class, nickname="小明")
    family_join(school_class, nickname="乐乐")
    return {"class": school_class, "parent": parent}


def _fits(page) -> None:
    assert page.evaluate(SCROLL_WIDTH) <= WIDTH
    targets = page.evaluate(TAP_TARGETS, list(INLINE_IN_TEXT))
    assert targets, "the page has tap targets to measure"
    assert [t for t in targets if t["height"] < 44] == []


def test_a_parent_messages_the_teacher_on_a_phone_and_gets_an_answer(
    live_server, parent_phone, teacher_phone, world
):
    parent, teacher = parent_phone, teacher_phone
    base = live_server.url
    sign_in(parent, base, world["parent"].username)
    parent.goto(f"{base}/learning/")
    parent.click("[data-contact-teacher] a:has-text('联系老师')")
    parent.wait_for_url(f"{base}/messages/")
    _fits(parent)
    parent.click("main a.button:has-text('给老师写信')")
    parent.wait_for_selector("[data-message-form]")
    assert "小明 · 李老师（班主任）" in parent.inner_text("select[name=to]")
    assert not parent.is_visible("[data-quiet]")
    _fits(parent)
    parent.fill("textarea[name=body]", "李老师好，小明这几天晚上睡不好，白天上课会犯困吗？")
    parent.click("[data-message-form] button[type=submit]")
    parent.wait_for_selector("[data-thread]")
    assert "已发送" in parent.inner_text("main")
    thread = Thread.objects.get()
    assert thread.awaiting_teacher

    sign_in(teacher, base, "li-laoshi")
    teacher.click("header a:has-text('家长留言')")
    teacher.wait_for_url(f"{base}/messages/")
    assert "1 条等您回复" in teacher.inner_text("main")
    teacher.click(f"a[href='/messages/class/{world['class'].pk}/']")
    teacher.wait_for_selector("[data-waiting]")
    waiting = teacher.locator("[data-waiting] [data-unread]")
    assert waiting.count() == 1 and "小明家长" in waiting.inner_text()
    _fits(teacher)
    ARTIFACTS.mkdir(exist_ok=True)
    teacher.screenshot(path=str(ARTIFACTS / "teacher-messages-inbox-phone.png"), full_page=True)
    waiting.locator("a").click()
    teacher.wait_for_selector("[data-thread]")
    assert "晚上睡不好" in teacher.inner_text("[data-thread]")
    _fits(teacher)
    teacher.fill("textarea[name=body]", "小明妈妈好，上课确实有点困，我们一起帮他早点睡。")
    teacher.click("[data-message-form] button[type=submit]")
    teacher.wait_for_selector("text=已发送")
    thread.refresh_from_db()
    assert not thread.awaiting_teacher

    parent.goto(f"{base}/messages/")
    assert parent.locator("[data-family-threads] [data-unread]").count() == 1
    parent.click("[data-family-threads] a")
    parent.wait_for_selector("[data-thread]")
    assert "我们一起帮他早点睡" in parent.inner_text("[data-thread]")
    _fits(parent)
    parent.screenshot(path=str(ARTIFACTS / "parent-message-thread-phone.png"), full_page=True)
