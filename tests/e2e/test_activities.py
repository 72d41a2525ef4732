"""Browser journey: a teacher schedules a parent meeting; a parent signs up on a phone, checks
in with the activity's QR link on the day and answers the survey; the teacher's list shows
the attendance and a walk-in."""

import datetime

import pytest
from django.utils import timezone

from lms.activities.models import Activity, Signup, SurveyResponse
from lms.learning.models import CreditEntry
from tests.e2e.conftest import ARTIFACTS, sign_in
from tests.lms.schools.factories import class_add, family_join, parent_add, school_add, staff_add

pytestmark = [
    pytest.mark.services("chromium"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_sign_up_check_in_and_survey(live_server, desktop, phone, browser):
    desktop.set_default_timeout(20000)
    phone.set_default_timeout(20000)
    school = school_add()
    teacher = staff_add(school, username="wang-laoshi")
    school_class = class_add(school, teacher=teacher)
    parent = family_join(school_class, nickname="小雨", parent=parent_add(username="xiaoyu-mama"))

    # The teacher schedules a meeting for tomorrow evening, for the class, with 30 places.
    sign_in(desktop, live_server.url, "wang-laoshi")
    desktop.goto(f"{live_server.url}/activities/new/")
    desktop.fill("#id_title", "三年级家长会：陪孩子写作业")
    desktop.select_option("#id_kind", "meeting")
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    desktop.fill("#id_day", tomorrow.isoformat())
    desktop.fill("#id_starts", "19:00")
    desktop.fill("#id_ends", "20:00")
    desktop.fill("#id_place", "三楼会议室")
    desktop.select_option("#id_audience", "classes")
    desktop.check(f"input[name=classes][value='{school_class.pk}']")
    desktop.fill("#id_capacity", "30")
    desktop.click("main button[type=submit]")
    desktop.wait_for_url("**/activities/*/manage/")
    activity = Activity.objects.get()
    assert activity.classes.get() == school_class and activity.capacity == 30

    # The parent sees the invitation on "my learning" and signs up.
    sign_in(phone, live_server.url, "xiaoyu-mama")
    phone.goto(f"{live_server.url}/learning/")
    phone.click("text=三年级家长会：陪孩子写作业")
    phone.click("main button:has-text('报名')")
    assert "报名成功" in phone.inner_text("main")
    assert Signup.objects.get(user=parent).holds_place

    # The day comes: the meeting starts now (moved, as a clock would).
    now = timezone.now()
    Activity.objects.filter(pk=activity.pk).update(
        starts_at=now - datetime.timedelta(minutes=5), ends_at=now + datetime.timedelta(minutes=55)
    )
    phone.goto(f"{live_server.url}/activities/check-in/{activity.check_in_code}/")
    phone.click("main button:has-text('我到了')")
    phone.wait_for_url(f"**/activities/{activity.pk}/")
    assert "签到成功" in phone.inner_text("main")

    # A grandparent who never signed up scans the same code: welcomed as a walk-in.
    walker = parent_add(username="nainai")
    walk_page = browser.new_page(viewport={"width": 375, "height": 812})
    sign_in(walk_page, live_server.url, walker.username)
    walk_page.goto(f"{live_server.url}/activities/check-in/{activity.check_in_code}/")
    walk_page.click("main button:has-text('我到了')")
    walk_page.wait_for_url(f"**/activities/{activity.pk}/")
    assert "现场参加" in walk_page.inner_text("main")
    walk_page.close()

    # The survey appears for those who came.
    phone.check("input[name=rating][value='5']")
    phone.fill("#id_comment", "老师讲得很具体")
    phone.click("main form button:has-text('提交')")
    assert "感谢您的反馈" in phone.inner_text("main")
    ARTIFACTS.mkdir(exist_ok=True)
    phone.screenshot(path=str(ARTIFACTS / "parent-activity.png"), full_page=True)
    assert SurveyResponse.objects.get().rating == 5
    assert CreditEntry.objects.filter(source="activity").count() == 2

    # The teacher's list: two present, one of them a walk-in; a wrong code is refused.
    desktop.goto(f"{live_server.url}/activities/{activity.pk}/manage/")
    text = desktop.inner_text("main")
    assert "报名 1 · 参加 2（现场 1）· 问卷 1 份" in text
    desktop.screenshot(path=str(ARTIFACTS / "teacher-activity.png"), full_page=True)
    # The secondary "mark absent" action is readable on the white card (it once was white text).
    colour = desktop.eval_on_selector("main button.link-button", "b => getComputedStyle(b).color")
    assert colour not in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)")
    response = phone.goto(f"{live_server.url}/activities/check-in/not-the-code/")
    assert response.status == 404 and "签到码无效" in phone.inner_text("main")
