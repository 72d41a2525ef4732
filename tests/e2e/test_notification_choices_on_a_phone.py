"""A grandmother on a 390-pixel phone in WeChat chooses what is sent to her: talks off, only
on the site; every choice is a finger high, nothing scrolls sideways, and what she chose is
what the next digest does."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from lms.notifications.delivery import deliveries_run
from lms.notifications.models import DeliveryChoice, KindOptOut, Notification
from lms.notifications.services import notification_send
from tests.e2e.conftest import ARTIFACTS, WECHAT_UA, sign_in
from tests.lms.schools.factories import parent_add

pytestmark = [
    pytest.mark.services("chromium"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
WIDTH = 390
HEIGHTS = """() => Array.from(document.querySelectorAll(
  ".delivery-preferences label.choice, .delivery-preferences button"))
  .map((el) => [el.innerText.trim(), el.getBoundingClientRect().height])"""


@pytest.fixture
def phone(browser, request):
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


def test_a_grandmother_switches_talks_off_and_keeps_everything_on_the_site(
    live_server, phone, sms_outbox, settings
):
    settings.LMS_QUIET_HOURS = "21:30-07:00"
    settings.LMS_DIGEST_AT = "19:30"
    grandma = parent_add(username="nainai")
    grandma.phone_verified_at = timezone.now()
    grandma.save()
    notification_send(user=grandma, title="周五讲座：青春期沟通", kind=Notification.Kind.TALK)

    page = phone
    sign_in(page, live_server.url, "nainai")
    page.goto(f"{live_server.url}/notifications/")
    assert "周五讲座：青春期沟通" in page.inner_text("main")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= WIDTH
    short = [(text, h) for text, h in page.evaluate(HEIGHTS) if h < 44]
    assert short == []
    assert page.is_checked("input[name=channel][value=sms]")  # her verified number

    page.get_by_label("讲座").uncheck()
    page.get_by_label("只在本站查看").check()
    page.click(".delivery-preferences button[type=submit]")
    page.wait_for_load_state()

    assert "已保存您的选择" in page.inner_text("main")
    assert not page.is_checked("input[name=kinds][value=talk]")
    assert page.is_checked("input[name=kinds][value=notice]")
    assert page.is_checked("input[name=channel][value=none]")
    assert list(KindOptOut.objects.filter(user=grandma).values_list("kind", flat=True)) == ["talk"]
    assert DeliveryChoice.objects.get(user=grandma).channel == "none"
    # This evening's digest opens (the notice is hers) and sends nothing anywhere.
    notification_send(user=grandma, title="明天开家长会", kind=Notification.Kind.NOTICE)
    evening = timezone.make_aware(datetime.combine(timezone.localdate(), time(19, 40)))
    Notification.objects.update(created_at=evening - timedelta(hours=1))
    run = deliveries_run(now=evening)
    assert (run.digests, run.sent) == (1, 0) and sms_outbox == []
