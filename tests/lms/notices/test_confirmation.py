"""Announcing at publish time (once), confirming per family, the sender's count and private
list, withdrawal, and what families see on their pages."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lms.core.errors import ServiceError
from lms.notices.models import Confirmation, Notice
from lms.notices.selectors import confirmation_tally, families_unconfirmed, notices_for_family
from lms.notices.services import (
    notice_announce,
    notice_confirm,
    notice_withdraw,
    notices_announce_due,
)
from lms.notices.tasks import notices_announce_due_task
from lms.notifications.models import Notification
from tests.lms.notices.factories import class_notice, world_build
from tests.lms.schools.factories import family_join, staff_add

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return world_build()


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_notice_published_now_notifies_each_family_member_once_as_a_notice(world):
    notice = class_notice(world)
    sent = Notification.objects.filter(url=f"/notices/{notice.pk}/")
    assert sorted(sent.values_list("user_id", flat=True)) == sorted(p.pk for p in world.parents_a)
    assert set(sent.values_list("kind", "urgent")) == {(Notification.Kind.NOTICE, False)}
    assert notice_announce(notice_id=notice.pk) == 0  # a second run sends nothing
    assert sent.count() == 3


def test_an_urgent_notice_from_the_administrator_is_sent_urgent(world):
    class_notice(world, author=world.admin, urgent=True)
    assert set(Notification.objects.values_list("urgent", flat=True)) == {True}


def test_a_scheduled_notice_is_invisible_and_silent_until_the_periodic_run_after_its_time(world):
    later = timezone.now() + timedelta(hours=2)
    notice = class_notice(world, publish_at=later)
    parent = world.parents_a[0]
    assert not Notification.objects.exists()
    assert notices_for_family(user=parent) == []
    assert _client(parent).get(reverse("notices:detail", args=[notice.pk])).status_code == 404
    assert notices_announce_due() == 0  # not yet
    assert notices_announce_due(now=later + timedelta(minutes=1)) == 3
    assert notices_announce_due(now=later + timedelta(minutes=2)) == 0
    assert Notification.objects.count() == 3
    assert [item.notice for item in notices_for_family(user=parent, now=later)] == [notice]


def test_the_periodic_task_announces_due_notices_once(world):
    notice = class_notice(world, publish_at=timezone.now() + timedelta(seconds=1))
    Notice.objects.filter(pk=notice.pk).update(publish_at=timezone.now() - timedelta(minutes=1))
    assert notices_announce_due_task() == {"notified": 3}
    assert notices_announce_due_task() == {"notified": 0}


def test_a_run_that_fails_midway_leaves_the_notice_unmarked_for_the_next_run(world, monkeypatch):
    notice = class_notice(world, publish_at=timezone.now() + timedelta(hours=1))
    due = notice.publish_at + timedelta(minutes=1)

    def broken(**kwargs):
        raise ConnectionError("database went away")

    monkeypatch.setattr("lms.notices.services.notification_send", broken)
    with pytest.raises(ConnectionError), transaction.atomic():
        notice_announce(notice_id=notice.pk, now=due)
    notice.refresh_from_db()
    assert notice.notified_at is None  # marked in the same transaction: rolled back with it
    monkeypatch.undo()
    assert notice_announce(notice_id=notice.pk, now=due) == 3


def test_a_withdrawn_notice_before_its_time_is_never_announced(world):
    notice = class_notice(world, publish_at=timezone.now() + timedelta(hours=1))
    notice_withdraw(notice=notice, by=world.head)
    assert notices_announce_due(now=timezone.now() + timedelta(hours=2)) == 0
    assert not Notification.objects.exists()


def test_confirmation_counts_families_and_either_guardian_confirms_for_the_child(world):
    notice = class_notice(world)
    father = family_join(world.class_a, nickname="小明", relation="father")
    family_join(world.class_a, nickname="没账号")  # joined: counts as a family
    assert confirmation_tally(notice=notice).families == 4
    assert notice_confirm(notice=notice, user=father) == 1
    assert notice_confirm(notice=notice, user=world.parents_a[0]) == 0  # same child
    assert notice_confirm(notice=notice, user=father) == 0  # a second tap is harmless
    notice_confirm(notice=notice, user=world.parents_a[1])
    tally = confirmation_tally(notice=notice)
    assert (tally.confirmed, tally.families) == (2, 4)
    assert Confirmation.objects.filter(notice=notice).count() == 2


def test_the_unconfirmed_list_names_the_child_and_a_masked_phone_in_class_order(world):
    notice = class_notice(world)
    notice_confirm(notice=notice, user=world.parents_a[0])
    missing = families_unconfirmed(notice=notice)
    assert [f.nickname for f in missing] == sorted(["乐乐", "豆豆"])
    phone = world.parents_a[2].phone
    assert missing[[f.nickname for f in missing].index("豆豆")].phones == (
        f"{phone[:3]}****{phone[-4:]}",
    )
    assert all(phone not in f.phones for f in missing)  # never the whole number


def test_confirming_a_withdrawn_notice_is_refused_with_a_message_not_an_error(world):
    notice = class_notice(world)
    notice_withdraw(notice=notice, by=world.head)
    parent = world.parents_a[0]
    with pytest.raises(ServiceError) as refused:
        notice_confirm(notice=notice, user=parent)
    assert "撤回" in str(refused.value)
    response = _client(parent).post(reverse("notices:confirm", args=[notice.pk]), follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "撤回" in page and notice.body.splitlines()[1] not in page
    assert not Confirmation.objects.exists()


def test_confirming_a_notice_not_yet_published_is_refused(world):
    notice = class_notice(world, publish_at=timezone.now() + timedelta(hours=1))
    parent = world.parents_a[0]
    with pytest.raises(ServiceError) as refused:
        notice_confirm(notice=notice, user=parent)
    assert refused.value.field == "notice"
    assert _client(parent).post(reverse("notices:confirm", args=[notice.pk])).status_code == 404
    assert not Confirmation.objects.exists()


def test_withdrawing_twice_says_it_was_already_withdrawn(world):
    notice = class_notice(world)
    client = _client(world.head)
    client.post(reverse("notices:withdraw", args=[notice.pk]))
    response = client.post(reverse("notices:withdraw", args=[notice.pk]), follow=True)
    assert response.status_code == 200
    assert "已经撤回" in response.content.decode() or "已撤回" in response.content.decode()


def test_a_withdrawn_notice_leaves_the_family_list_and_its_page_shows_no_content(world):
    notice = class_notice(world)
    parent = world.parents_a[0]
    notice_withdraw(notice=notice, by=world.admin)
    assert notices_for_family(user=parent) == []
    page = _client(parent).get(reverse("notices:detail", args=[notice.pk])).content.decode()
    assert notice.title not in page and "周五下午两点放学" not in page


def test_the_family_page_escapes_the_text_and_keeps_its_line_breaks(world):
    notice = class_notice(world, body="第一行<script>alert(1)</script>\n第二行")
    page = _client(world.parents_a[0]).get(reverse("notices:detail", args=[notice.pk]))
    html = page.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "第一行&lt;script&gt;alert(1)&lt;/script&gt;<br>第二行" in html


def test_other_parents_never_see_who_confirmed(world):
    notice = class_notice(world)
    notice_confirm(notice=notice, user=world.parents_a[0])
    page = _client(world.parents_a[1]).get(reverse("notices:detail", args=[notice.pk]))
    html = page.content.decode()
    assert "小明" not in html and "1/3" not in html and "data-tally" not in html


def test_opening_marks_read_and_confirming_clears_the_mark_on_my_learning(world):
    notice = class_notice(world)
    parent = world.parents_a[0]
    client = _client(parent)
    panel = client.get(reverse("learning:home")).content.decode()
    assert "data-notices-panel" in panel and notice.title in panel
    assert "未读" in panel and "请确认" in panel
    client.get(reverse("notices:detail", args=[notice.pk]))
    client.post(reverse("notices:confirm", args=[notice.pk]))
    panel = client.get(reverse("learning:home")).content.decode()
    assert notice.title in panel and "未读" not in panel and "请确认" not in panel


def test_the_sender_sees_the_count_and_the_staff_home_links_notices(world):
    notice = class_notice(world)
    notice_confirm(notice=notice, user=world.parents_a[0])
    client = _client(world.head)
    page = client.get(reverse("notices:detail", args=[notice.pk])).content.decode()
    assert "已确认 1/3" in page
    home = client.get(reverse("schools:home")).content.decode()
    assert reverse("notices:list") in home
    classless = staff_add(world.school)  # a post at the school, no class: nothing to post to
    page = _client(classless).get(reverse("schools:home")).content.decode()
    assert reverse("notices:list") not in page


def test_a_notice_withdrawn_after_it_was_announced_leaves_no_digest_behind(world):
    notice = class_notice(world)
    sent = Notification.objects.filter(kind=Notification.Kind.NOTICE)
    assert sent.exists() and not sent.filter(delivered_at__isnull=False).exists()
    notice_withdraw(notice=notice, by=world.head)
    # still listed on each family's notifications page, but nothing will carry it off the site
    assert sent.count() == sent.filter(delivered_at__isnull=False).count() > 0


def test_a_publishing_time_long_past_is_refused_rather_than_filing_the_notice_in_1900(world):
    from datetime import datetime as moment

    with pytest.raises(ServiceError) as refused:
        class_notice(world, publish_at=timezone.make_aware(moment(1900, 1, 1)))
    assert refused.value.field == "publish_at"
