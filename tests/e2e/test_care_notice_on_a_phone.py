"""A mother working away files an entrusted-care notice on a 390-pixel phone from My learning,
a wrong number refused on its field with what she typed kept; the head teacher finds it from
the class page. Every tap target is at least 44 px high and nothing scrolls sideways."""

import datetime

import pytest

from lms.care.models import CareNotice
from lms.notifications.models import Notification
from tests.e2e.conftest import ARTIFACTS, WECHAT_UA, sign_in
from tests.e2e.test_reports_on_a_phone import INLINE_IN_TEXT, TAP_TARGETS
from tests.lms.care.factories import community_add
from tests.lms.schools.factories import class_add, family_join, school_add, staff_add

pytestmark = [
    pytest.mark.services("chromium"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
WIDTH = 390
SCROLL_WIDTH = "() => document.documentElement.scrollWidth"


def _phone(browser, request):
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
def mother_phone(browser, request):
    yield from _phone(browser, request)


@pytest.fixture
def teacher_phone(browser, request):
    yield from _phone(browser, request)


@pytest.fixture
def world(db):
    school = school_add()
    teacher = staff_add(school, username="wang-laoshi")
    school_class = class_add(school, teacher=teacher)
    mother = family_join(school_class, nickname="小明", relation="mother")
    community_add("东街社区", "城关镇")
    community = community_add("河口村", "河口乡")
    return {"class": school_class, "mother": mother, "teacher": teacher, "community": community}


def _small_targets(page) -> list[dict]:
    targets = page.evaluate(TAP_TARGETS, list(INLINE_IN_TEXT))
    assert targets, "the page has tap targets to measure"
    return [target for target in targets if target["height"] < 44]


def test_a_parent_files_a_care_notice_and_the_head_teacher_sees_it(
    live_server, mother_phone, teacher_phone, world
):
    page = mother_phone
    sign_in(page, live_server.url, world["mother"].username)
    page.goto(f"{live_server.url}/learning/")
    assert "外出务工？告诉学校谁在照顾孩子" in page.inner_text("main")
    page.click("main >> text=填写照护告知")
    page.wait_for_selector("form.care-form")  # one child: straight to the form
    assert _small_targets(page) == []
    assert page.evaluate(SCROLL_WIDTH) <= WIDTH

    end = datetime.date.today() + datetime.timedelta(days=120)
    page.fill("#id_caregiver", "奶奶")
    page.select_option("#id_relation", "grandmother")
    page.fill("#id_phone", "139 1234 567")  # a digit short
    page.fill("#id_ends_on", end.isoformat())
    page.select_option("#id_call_rhythm", "several_weekly")
    page.select_option("#id_community", label="河口村")
    page.click("form.care-form button[type=submit]")
    page.wait_for_selector(".field-error")
    assert "11" in page.inner_text(".field-error")
    assert page.input_value("#id_caregiver") == "奶奶"
    assert page.input_value("#id_community") == str(world["community"].pk)
    assert not CareNotice.objects.exists()

    page.fill("#id_phone", "139 1234 5678")
    page.click("form.care-form button[type=submit]")
    page.wait_for_selector("[data-care-notice]")
    detail = page.inner_text("main")
    assert "13912345678" in detail and "河口村" in detail and "生效中" in detail
    assert _small_targets(page) == []
    assert page.evaluate(SCROLL_WIDTH) <= WIDTH
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "care-notice-parent-phone.png"), full_page=True)
    notice = CareNotice.objects.get()
    assert notice.ends_on == end
    told = Notification.objects.get(user=world["teacher"])
    assert told.kind == Notification.Kind.CARE

    page = teacher_phone
    sign_in(page, live_server.url, "wang-laoshi")
    page.goto(f"{live_server.url}/school/classes/{world['class'].pk}/")
    page.click("main >> text=查看照护告知")
    page.click(f"main a[href='/care/{notice.pk}/']")
    page.wait_for_selector("[data-care-notice]")
    seen = page.inner_text("main")
    assert "小明" in seen and "奶奶" in seen and "13912345678" in seen
    assert _small_targets(page) == []
    assert page.evaluate(SCROLL_WIDTH) <= WIDTH
    page.screenshot(path=str(ARTIFACTS / "care-notice-teacher-phone.png"), full_page=True)
