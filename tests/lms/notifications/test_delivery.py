"""What leaves the site: one digest a day across kinds, urgent notices at once, quiet nights,
nothing twice, and a failing channel retried without holding up the others."""

import threading
from datetime import datetime, time, timedelta

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from lms.notifications.delivery import DIGEST_LINES, deliveries_run, urgent_deliver
from lms.notifications.models import Delivery, DeliveryChoice, Notification
from lms.notifications.services import notification_kind_mute, notification_send
from lms.notifications.tasks import deliver_task
from tests.lms.schools.factories import parent_add

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("delivery_settings")]
Kind = Notification.Kind
TODAY = timezone.localdate()


def at(hour: int, minute: int = 0, *, days: int = 0) -> datetime:
    """A local moment on TODAY (+ days)."""
    moment = datetime.combine(TODAY + timedelta(days=days), time(hour, minute))
    return timezone.make_aware(moment)


MORNING, EVENING, NIGHT = at(8), at(19, 40), at(23)


def note(user, kind=Kind.NOTICE, *, title="通知", created=MORNING, urgent=False, **extra):
    sent = notification_send(user=user, title=title, kind=kind, urgent=urgent, **extra)
    Notification.objects.filter(pk=sent.pk).update(created_at=created)
    return sent


def test_three_kinds_in_a_day_make_one_text_and_one_email(texted, emailed, sms_outbox):
    for person in (texted, emailed):
        note(person, Kind.NOTICE, title="下周一家长会请准时参加，地点在学校报告厅")
        note(
            person, Kind.MESSAGE, title="班主任回复了您的留言", created=MORNING + timedelta(hours=1)
        )
        note(
            person,
            Kind.ACTIVITY,
            title="亲子阅读活动报名开始",
            created=MORNING + timedelta(hours=2),
        )

    run = deliveries_run(now=EVENING)

    assert (run.digests, run.sent, run.failed) == (2, 2, 0)
    [text] = sms_outbox
    assert text.to == texted.phone and text.template == "digest"
    assert list(text.params) == ["count", "title", "link"]  # Tencent takes them in this order
    assert text.params["count"] == "3"
    assert text.params["title"] == "亲子阅读活动报名开始"  # the newest first
    assert text.params["link"].endswith("/notifications/")
    [email] = mail.outbox
    assert email.to == ["dad@example.org"]
    assert "3" in email.subject
    for title in ("下周一家长会请准时参加", "班主任回复了您的留言", "亲子阅读活动报名开始"):
        assert title in email.body
    assert not Notification.objects.filter(delivered_at__isnull=True).exists()
    # Everything is still on the notifications page, unread.
    assert Notification.objects.filter(user=texted, read_at__isnull=True).count() == 3


def test_a_second_run_the_same_day_sends_nothing_and_later_notices_wait_for_tomorrow(
    texted, sms_outbox
):
    note(texted, Kind.NOTICE)
    deliveries_run(now=EVENING)
    again = deliveries_run(now=EVENING + timedelta(minutes=10))
    later = note(texted, Kind.TALK, title="明天的讲座", created=EVENING + timedelta(minutes=20))
    third = deliveries_run(now=EVENING + timedelta(minutes=30))

    assert (again.digests, again.sent, third.digests, third.sent) == (0, 0, 0, 0)
    assert len(sms_outbox) == 1
    assert Delivery.objects.filter(user=texted, sort="digest").count() == 1

    tomorrow = deliveries_run(now=EVENING + timedelta(days=1))
    assert tomorrow.digests == 1 and len(sms_outbox) == 2
    assert sms_outbox[1].params == {
        "count": "1",
        "title": "明天的讲座",
        "link": sms_outbox[0].params["link"],
    }
    later.refresh_from_db()
    assert later.delivered_at is not None


def test_no_digest_before_the_hour_of_the_digest(texted, sms_outbox):
    note(texted)
    assert deliveries_run(now=at(15)).digests == 0
    assert sms_outbox == []
    assert deliveries_run(now=EVENING).digests == 1


def test_a_kind_switched_off_stays_out_of_the_digest_but_on_the_page(texted, sms_outbox):
    notification_kind_mute(user=texted, kind=Kind.MESSAGE)
    note(texted, Kind.MESSAGE, title="老师的留言")
    note(texted, Kind.NOTICE, title="学校通知")

    deliveries_run(now=EVENING)

    [text] = sms_outbox
    assert text.params["count"] == "1" and text.params["title"] == "学校通知"
    message = Notification.objects.get(kind=Kind.MESSAGE)
    assert message.delivered_at is None and message.read_at is None  # listed on the page


def test_only_switched_off_kinds_make_no_digest_at_all(texted, sms_outbox):
    notification_kind_mute(user=texted, kind=Kind.MESSAGE)
    note(texted, Kind.MESSAGE)
    assert deliveries_run(now=EVENING).digests == 0
    assert sms_outbox == [] and not Delivery.objects.exists()


def test_notices_already_read_on_the_site_are_not_sent(texted, sms_outbox):
    note(texted, Kind.NOTICE)
    Notification.objects.update(read_at=MORNING + timedelta(hours=1))
    assert deliveries_run(now=EVENING).digests == 0
    assert sms_outbox == []


def test_an_urgent_notice_goes_at_once_on_its_own_and_never_again(
    texted, sms_outbox, settings, django_capture_on_commit_callbacks
):
    settings.LMS_QUIET_HOURS = ""  # whatever the clock says while the test runs
    notification_kind_mute(user=texted, kind=Kind.NOTICE)  # urgent goes all the same
    note(texted, Kind.MESSAGE, title="普通留言")
    with django_capture_on_commit_callbacks(execute=True):
        urgent = notification_send(
            user=texted, title="今日暴雨停课，请在家照看孩子", kind=Kind.NOTICE, urgent=True
        )

    [text] = sms_outbox
    assert text.template == "urgent_notice"
    assert text.params["title"] == "今日暴雨停课，请在家照看孩子"
    assert set(text.params) == {"title", "link"}
    urgent.refresh_from_db()
    assert urgent.delivered_at is not None

    run = deliveries_run(now=EVENING)
    assert run.urgent == 0 and run.digests == 1
    assert [m.template for m in sms_outbox] == ["urgent_notice", "digest"]
    assert sms_outbox[1].params["count"] == "1" and sms_outbox[1].params["title"] == "普通留言"
    assert urgent_deliver(notification_id=urgent.pk, now=EVENING) is False
    assert len(sms_outbox) == 2


def test_at_night_nothing_leaves_the_site_and_the_urgent_notice_goes_in_the_morning(
    texted, sms_outbox
):
    urgent = note(texted, title="明早校车停运", created=NIGHT - timedelta(minutes=30), urgent=True)
    note(texted, Kind.ACTIVITY, created=NIGHT - timedelta(minutes=20))

    assert urgent_deliver(notification_id=urgent.pk, now=NIGHT) is False
    night = deliveries_run(now=NIGHT)
    assert night.quiet and sms_outbox == []
    assert deliveries_run(now=at(6, 59, days=1)).quiet

    morning = deliveries_run(now=at(7, 5, days=1))
    assert (morning.quiet, morning.urgent, morning.digests) == (False, 1, 0)
    assert [m.template for m in sms_outbox] == ["urgent_notice"]
    # The ordinary notice waits for the evening digest.
    assert deliveries_run(now=at(19, 35, days=1)).digests == 1
    assert [m.template for m in sms_outbox] == ["urgent_notice", "digest"]


def test_a_delivery_another_run_is_sending_is_left_alone(texted, sms_outbox):
    note(texted)
    deliveries_run(now=at(15))  # opens nothing yet
    Delivery.objects.create(
        user=texted,
        sort="digest",
        day=TODAY,
        count=1,
        title="t",
        body="· 通知",
        pending="sms",
        claimed_until=EVENING + timedelta(minutes=3),  # another worker holds it
    )
    run = deliveries_run(now=EVENING)
    assert (run.digests, run.sent) == (0, 0) and sms_outbox == []
    after_the_lease = deliveries_run(now=EVENING + timedelta(minutes=10))
    assert after_the_lease.sent == 1 and len(sms_outbox) == 1


def test_a_failing_text_is_retried_next_run_and_never_holds_up_the_email(
    texted, emailed, sms_outbox, settings, caplog
):
    settings.SMS_BACKEND = "tests.lms.notifications.fakes.RefusingSmsBackend"
    note(texted, title="学校通知")
    note(emailed, title="学校通知")

    first = deliveries_run(now=EVENING)

    assert (first.digests, first.sent, first.failed) == (2, 1, 1)
    assert len(mail.outbox) == 1
    assert texted.phone not in caplog.text  # the log names the user id, not the number
    assert Notification.objects.filter(user=texted, read_at__isnull=True).exists()
    delivery = Delivery.objects.get(user=texted)
    assert (delivery.pending, delivery.sent, delivery.attempts) == ("sms", "", 1)

    settings.SMS_BACKEND = "locmem"  # the provider is back
    second = deliveries_run(now=EVENING + timedelta(minutes=10))
    assert (second.digests, second.sent, second.failed) == (0, 1, 0)
    [text] = sms_outbox
    assert text.params["count"] == "1" and text.params["title"] == "学校通知"
    assert len(mail.outbox) == 1
    assert deliveries_run(now=EVENING + timedelta(minutes=20)).sent == 0
    delivery.refresh_from_db()
    assert (delivery.pending, delivery.sent) == ("", "sms")


def test_a_failing_mail_server_is_retried_too(emailed, settings):
    settings.EMAIL_BACKEND = "tests.lms.notifications.fakes.RefusingEmailBackend"
    note(emailed)
    assert deliveries_run(now=EVENING).failed == 1
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert deliveries_run(now=EVENING + timedelta(minutes=10)).sent == 1
    assert len(mail.outbox) == 1


def test_a_long_digest_shows_ten_lines_and_how_many_more(emailed):
    for n in range(DIGEST_LINES + 3):
        note(emailed, title=f"第{n}条通知", created=MORNING + timedelta(minutes=n))
    deliveries_run(now=EVENING)
    [email] = mail.outbox
    lines = [line for line in email.body.splitlines() if line.startswith("· ")]
    assert len(lines) == DIGEST_LINES
    assert lines[0] == "· 第12条通知"
    assert "还有 3 条" in email.body
    assert "13" in email.subject


def test_someone_who_chose_only_the_site_gets_nothing_sent(texted, sms_outbox):
    DeliveryChoice.objects.create(user=texted, channel="none")
    note(texted)
    run = deliveries_run(now=EVENING)
    assert run.digests == 1 and run.sent == 0 and sms_outbox == []
    assert Delivery.objects.get(user=texted).pending == ""


def test_without_a_verified_number_or_an_address_nothing_is_sent(sms_outbox):
    unverified = parent_add()  # a number typed in, never proved: no text to it
    note(unverified)
    assert deliveries_run(now=EVENING).sent == 0
    assert sms_outbox == [] and mail.outbox == []


def test_the_wechat_channel_sends_a_template_message_to_the_openid(texted, wechat_outbox):
    DeliveryChoice.objects.create(user=texted, channel="wechat", wechat_openid="oAbC123456789")
    note(texted, title="学校通知")
    deliveries_run(now=EVENING)
    [message] = wechat_outbox
    assert message.to == "oAbC123456789" and message.template == "digest"
    assert message.params["count"] == "1"


def test_the_beat_runs_the_delivery_every_few_minutes(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["notifications-deliver"]
    assert entry["task"] == "notifications.deliver" and entry["schedule"] <= 900
    result = deliver_task.delay().get(timeout=10)
    assert set(result) == {"quiet", "digests", "urgent", "sent"}


def test_a_digest_hour_inside_the_quiet_hours_is_refused_at_start(settings):
    from lms.notifications.checks import digest_hour_check

    assert digest_hour_check() == []
    settings.LMS_DIGEST_AT = "22:00"
    assert [e.id for e in digest_hour_check()] == ["notifications.E002"]
    settings.LMS_DIGEST_AT = "evening"
    assert [e.id for e in digest_hour_check()] == ["notifications.E001"]


def _at_once(work, n: int = 6) -> list[Exception]:
    """Run `work` in n threads released together; each closes its own connection."""
    barrier, errors = threading.Barrier(n), []

    def one():
        try:
            barrier.wait()
            work()
        except Exception as error:  # pragma: no cover - reported by the caller
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=one) for _ in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


@pytest.mark.services("postgres")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_runs_send_each_digest_and_urgent_notice_once(texted, emailed, sms_outbox):
    for person in (texted, emailed):
        note(person, Kind.NOTICE)
        note(person, Kind.ACTIVITY)
    urgent = note(texted, title="停课", created=EVENING - timedelta(minutes=5), urgent=True)

    errors = _at_once(lambda: deliveries_run(now=EVENING))
    errors += _at_once(lambda: urgent_deliver(notification_id=urgent.pk, now=EVENING))

    assert errors == []
    assert sorted(m.template for m in sms_outbox) == ["digest", "urgent_notice"]
    assert len(mail.outbox) == 1
    assert Delivery.objects.filter(sort="digest").count() == 2
