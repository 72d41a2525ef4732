"""A reception day on a 390-pixel phone: a mother books a slot for her child and sees it as
hers; another family of the class sees that slot only as 已约, without a name, and books
the next one; the teacher's page says who booked. No horizontal scroll, finger-high taps."""

import datetime

import pytest
from django.utils import timezone

from lms.activities.models import ReceptionBooking
from lms.activities.slot_services import reception_day_open
from tests.e2e.conftest import ARTIFACTS, WECHAT_UA, sign_in
from tests.e2e.test_reports_on_a_phone import INLINE_IN_TEXT, TAP_TARGETS
from tests.lms.schools.factories import class_add, family_join, parent_add, school_add, staff_add

pytestmark = [
    pytest.mark.services("chromium"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
WIDTH = 390
SCROLL_WIDTH = "() => document.documentElement.scrollWidth"


def _phone(browser):
    context = browser.new_context(
        viewport={"width": WIDTH, "height": 844},
        user_agent=WECHAT_UA,
        is_mobile=True,
        has_touch=True,
    )
    page = context.new_page()
    page.set_default_timeout(20000)
    return context, page


def test_a_booked_slot_is_the_mothers_and_only_booked_to_the_next_family(live_server, browser):
    school = school_add()
    teacher = staff_add(school, username="wang-laoshi")
    school_class = class_add(school, teacher=teacher)
    family_join(
        school_class,
        nickname="小雨",
        parent=parent_add(username="xiaoyu-mama", display_name="小雨妈妈"),
    )
    family_join(school_class, nickname="乐乐", parent=parent_add(username="lele-nainai"))
    activity = reception_day_open(
        user=teacher,
        school_class=school_class,
        day=timezone.localdate() + datetime.timedelta(days=2),
        starts=datetime.time(16, 0),
        ends=datetime.time(17, 0),
        place="三年级办公室",
    )
    url = f"{live_server.url}/activities/reception/{activity.pk}/"
    first, second = list(activity.slots.all())[:2]

    mother_context, mother = _phone(browser)
    sign_in(mother, live_server.url, "xiaoyu-mama")
    mother.goto(url)
    assert mother.evaluate(SCROLL_WIDTH) <= WIDTH
    assert [t for t in mother.evaluate(TAP_TARGETS, list(INLINE_IN_TEXT)) if t["height"] < 44] == []
    mother.click(f"[data-slot='{first.pk}'] button:has-text('预约')")
    mother.wait_for_url(url)
    assert "预约成功" in mother.inner_text("main")
    mine = mother.inner_text(f"[data-slot='{first.pk}']")
    assert "16:00" in mine and "您已预约 · 小雨" in mine
    assert mother.evaluate(SCROLL_WIDTH) <= WIDTH
    ARTIFACTS.mkdir(exist_ok=True)
    mother.screenshot(path=str(ARTIFACTS / "reception-booked-phone.png"), full_page=True)
    mother_context.close()

    grandma_context, grandma = _phone(browser)
    sign_in(grandma, live_server.url, "lele-nainai")
    grandma.goto(url)
    taken = grandma.inner_text(f"[data-slot='{first.pk}']")
    assert "已约" in taken
    assert grandma.locator(f"[data-slot='{first.pk}'] button").count() == 0
    page_text = grandma.inner_text("main")
    assert "小雨" not in page_text and "小雨妈妈" not in page_text
    grandma.click(f"[data-slot='{second.pk}'] button:has-text('预约')")
    grandma.wait_for_url(url)
    assert "您已预约 · 乐乐" in grandma.inner_text(f"[data-slot='{second.pk}']")
    grandma.screenshot(path=str(ARTIFACTS / "reception-taken-phone.png"), full_page=True)
    grandma_context.close()

    teacher_context, staff = _phone(browser)
    sign_in(staff, live_server.url, "wang-laoshi")
    staff.goto(url)
    rows = staff.inner_text("main table")
    assert "小雨" in rows and "小雨妈妈" in rows and "乐乐" in rows
    teacher_context.close()
    booked = ReceptionBooking.objects.filter(cancelled_at__isnull=True)
    assert sorted(b.student.nickname for b in booked) == ["乐乐", "小雨"]
