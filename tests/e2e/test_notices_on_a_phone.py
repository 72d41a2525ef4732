"""On a 390-pixel phone: a head teacher posts a notice asking for confirmation, two of the
three families confirm with one tap, and the teacher sees 已确认 2/3 and, privately, which
family still has to confirm. Every tap target is a finger high; nothing scrolls sideways."""

import pytest

from lms.notices.models import Confirmation, Notice
from tests.e2e.conftest import ARTIFACTS, WECHAT_UA, sign_in
from tests.e2e.test_reports_on_a_phone import INLINE_IN_TEXT, TAP_TARGETS
from tests.lms.schools.factories import class_add, family_join, school_add, staff_add

pytestmark = [
    pytest.mark.services("chromium"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
WIDTH = 390
SCROLL_WIDTH = "() => document.documentElement.scrollWidth"


@pytest.fixture
def narrow(browser, request):
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
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


@pytest.fixture
def world(db):
    school = school_add()
    teacher = staff_add(school, username="wang-laoshi")
    school_class = class_add(school, teacher=teacher)
    parents = [family_join(school_class, nickname=name) for name in ("小明", "乐乐", "豆豆")]
    return {"class": school_class, "parents": parents}


def _small_targets(page) -> list[dict]:
    targets = page.evaluate(TAP_TARGETS, list(INLINE_IN_TEXT))
    assert targets, "the page has tap targets to measure"
    return [t for t in targets if t["height"] < 44]


def _as(page, base: str, username: str) -> None:
    page.context.clear_cookies()
    sign_in(page, base, username)


def test_a_teacher_posts_two_of_three_confirm_and_the_teacher_sees_who_is_missing(
    live_server, narrow, world
):
    page, base = narrow, live_server.url
    parents = world["parents"]
    sign_in(page, base, "wang-laoshi")
    page.goto(f"{base}/school/")
    page.click("main a.button:text-is('学校通知')")
    page.click("main a[data-notice-new]")
    page.wait_for_selector("[data-notice-form]")
    assert page.evaluate(SCROLL_WIDTH) <= WIDTH
    assert _small_targets(page) == []
    page.fill("#id_title", "周五下午提前放学")
    page.fill("#id_body", "各位家长：\n本周五下午两点放学，请按时接孩子。")
    page.check(f"input[name=classes][value='{world['class'].pk}']")
    page.check("#id_asks_confirmation")
    page.click("[data-notice-form] button[type=submit]")
    page.wait_for_selector("[data-sender]")
    assert "通知已发布。" in page.inner_text("main")
    assert page.inner_text("[data-tally]") == "已确认 0/3"
    notice = Notice.objects.get()

    for parent in parents[:2]:
        _as(page, base, parent.username)
        page.goto(f"{base}/notices/")
        item = page.locator("[data-family-notices] li", has_text="周五下午提前放学")
        assert "请确认" in item.inner_text() and "未读" in item.inner_text()
        item.locator("a").click()
        page.wait_for_selector("[data-confirm]")
        assert "本周五下午两点放学" in page.inner_text("[data-notice-body]")
        assert page.evaluate(SCROLL_WIDTH) <= WIDTH
        assert _small_targets(page) == []
        assert "已确认" not in page.inner_text("main")  # no count for families
        page.click("[data-confirm]")
        page.wait_for_selector("[data-confirmed]")
        assert "谢谢，学校已收到您的确认。" in page.inner_text("main")
    assert Confirmation.objects.filter(notice=notice).count() == 2

    _as(page, base, "wang-laoshi")
    page.goto(f"{base}/notices/{notice.pk}/")
    assert page.inner_text("[data-tally]") == "已确认 2/3"
    assert _small_targets(page) == []
    page.click("[data-unconfirmed-link]")
    page.wait_for_selector("[data-unconfirmed]")
    rows = page.locator("[data-unconfirmed] li")
    assert rows.count() == 1
    missing = rows.first.inner_text()
    phone = parents[2].phone
    assert "豆豆" in missing and f"{phone[:3]}****{phone[-4:]}" in missing
    assert "小明" not in page.inner_text("main") and "乐乐" not in page.inner_text("main")
    assert page.evaluate(SCROLL_WIDTH) <= WIDTH
    assert _small_targets(page) == []
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "notice-unconfirmed-phone.png"), full_page=True)
