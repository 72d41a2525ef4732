"""A lecturer-team talk's life (issue 19): sign up within the places, cancel, the organiser's
count and list, the reminder the day before, the calendar file, the live link's opening."""

from datetime import UTC, timedelta

import icalendar
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from courses.models import TalkSignup
from lms.accounts.roles import Role
from lms.activities.talk_services import talk_reminders_send
from lms.activities.tasks import talk_reminders_task
from lms.notifications.models import Notification
from lms.notifications.services import notification_kind_mute
from tests.courses.factories import LecturerFactory, UserFactory, talk_add

pytestmark = pytest.mark.django_db


def _client(user=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _talk(*, days=7, capacity=None, lecturer=None, starts_at=None, **fields):
    starts_at = starts_at or timezone.now().replace(microsecond=0) + timedelta(days=days)
    talk = talk_add(
        title=fields.pop("title", "青春期沟通"),
        date=timezone.localdate(starts_at),
        lecturer=lecturer,
        signup_open=fields.pop("signup_open", True),
    )
    talk.starts_at, talk.capacity = starts_at, capacity
    for name, value in fields.items():
        setattr(talk, name, value)
    talk.save()
    return talk


def _url(name, talk):
    return reverse(f"activities:{name}", args=[talk.pk])


def _parent(**fields):
    return UserFactory(role=Role.PARENT, **fields)


def test_a_parent_signs_up_cancels_and_signs_up_again():
    talk = _talk()
    assert _client().post(_url("talk_signup", talk)).status_code == 302  # to sign-in
    assert not TalkSignup.objects.exists()
    parent = _parent()
    client = _client(parent)
    client.post(_url("talk_signup", talk))
    client.post(_url("talk_signup", talk))  # twice: still one sign-up
    assert TalkSignup.objects.filter(talk=talk, user=parent).count() == 1
    page = client.get(talk.url).content.decode()
    assert "已为您保留名额" in page and "取消报名" in page
    response = client.post(_url("talk_cancel", talk), follow=True)
    assert "已取消报名，名额已释放" in response.content.decode()
    assert TalkSignup.objects.get(talk=talk, user=parent).cancelled_at is not None
    assert "已为您保留名额" not in client.get(talk.url).content.decode()
    client.post(_url("talk_signup", talk))
    assert TalkSignup.objects.get(talk=talk, user=parent).cancelled_at is None


def test_right_after_signing_up_the_page_says_so_once():
    talk = _talk()
    response = _client(_parent()).post(_url("talk_signup", talk), follow=True)
    text = response.content.decode()
    assert text.count("您已报名") == 1 and text.count("已为您保留名额") == 1


def test_cancelling_twice_is_harmless_and_says_so():
    talk = _talk()
    parent = _parent()
    client = _client(parent)
    client.post(_url("talk_signup", talk))
    client.post(_url("talk_cancel", talk))
    first = TalkSignup.objects.get().cancelled_at
    response = client.post(_url("talk_cancel", talk), follow=True)
    assert response.status_code == 200
    assert "可能已经取消过了" in response.content.decode()
    assert TalkSignup.objects.get().cancelled_at == first  # the first cancel stands
    # Someone who never signed up gets the same gentle answer and no row.
    other = _client(_parent()).post(_url("talk_cancel", talk), follow=True)
    assert "可能已经取消过了" in other.content.decode() and TalkSignup.objects.count() == 1


def test_signing_up_past_the_capacity_is_refused_and_a_cancelled_place_frees_up():
    talk = _talk(capacity=2)
    first, second, third = _parent(), _parent(), _parent()
    _client(first).post(_url("talk_signup", talk))
    _client(second).post(_url("talk_signup", talk))
    assert "名额已满" in _client(third).get(talk.url).content.decode()
    response = _client(third).post(_url("talk_signup", talk), follow=True)
    assert "名额已满。可向组织方询问候补。" in response.content.decode()
    assert not TalkSignup.objects.filter(user=third).exists()  # nothing recorded
    _client(first).post(_url("talk_cancel", talk))
    assert "剩余 1 个名额" in _client(third).get(talk.url).content.decode()
    _client(third).post(_url("talk_signup", talk))
    assert TalkSignup.objects.filter(talk=talk, cancelled_at__isnull=True).count() == 2
    assert TalkSignup.objects.get(user=third).cancelled_at is None


def test_closed_or_begun_talks_refuse_sign_up_with_a_message():
    closed = _talk(signup_open=False, title="未开放")
    parent = _parent()
    client = _client(parent)
    assert "暂未开放报名" in client.get(closed.url).content.decode()
    response = client.post(_url("talk_signup", closed), follow=True)
    text = response.content.decode()
    assert "暂未开放报名" in text and "截止" not in text
    begun = _talk(starts_at=timezone.now() - timedelta(minutes=5), title="已开始")
    response = client.post(_url("talk_signup", begun), follow=True)
    assert "讲座已经开始" in response.content.decode()
    assert not TalkSignup.objects.exists()
    # A place held when the talk begins stays held: cancelling then is refused, gently.
    TalkSignup.objects.create(talk=begun, user=parent)
    response = client.post(_url("talk_cancel", begun), follow=True)
    assert response.status_code == 200 and "讲座已经开始" in response.content.decode()
    assert TalkSignup.objects.get(talk=begun).cancelled_at is None
    assert client.post("/activities/talk/999999/signup/").status_code == 404


def test_the_organiser_sees_the_count_and_the_list_and_nobody_else_does():
    account = UserFactory(role=Role.LECTURER)
    talk = _talk(lecturer=LecturerFactory(name="李老师", account=account), capacity=30)
    parent = _parent(display_name="小明奶奶", phone="13812345678")
    _client(parent).post(_url("talk_signup", talk))
    gone = _parent(display_name="已取消的家长")
    _client(gone).post(_url("talk_signup", talk))
    _client(gone).post(_url("talk_cancel", talk))

    lecturer = _client(account)
    page = lecturer.get(talk.url).content.decode()
    assert "1 人报名 / 30" in page and _url("talk_signups", talk) in page
    listing = lecturer.get(_url("talk_signups", talk)).content.decode()
    assert 'data-signup-count="1"' in listing
    assert "小明奶奶" in listing and "138****5678" in listing
    assert "13812345678" not in listing and "已取消的家长" not in listing
    bureau = _client(UserFactory(role=Role.BUREAU_ADMIN))
    assert "小明奶奶" in bureau.get(_url("talk_signups", talk)).content.decode()
    # The lecturer who owns the page is led to its editor to attach the replay afterwards.
    edit = reverse("wagtailadmin_pages:edit", args=[talk.pk])
    assert edit not in listing
    talk.owner = account
    talk.save()
    assert edit in lecturer.get(_url("talk_signups", talk)).content.decode()

    # The parent, another lecturer and a teacher: no count on the page, and a 404 for the list.
    other_lecturer = UserFactory(role=Role.LECTURER)
    LecturerFactory(account=other_lecturer)
    for outsider in (parent, other_lecturer, UserFactory(role=Role.TEACHER)):
        client = _client(outsider)
        assert _url("talk_signups", talk) not in client.get(talk.url).content.decode()
        assert client.get(_url("talk_signups", talk)).status_code == 404
    assert _client().get(_url("talk_signups", talk)).status_code == 302  # to sign-in


def test_the_reminder_the_day_before_is_sent_once_per_sign_up():
    talk = _talk(days=1, place="县图书馆报告厅")
    later = _talk(days=3, title="后天以后")
    reminded, cancelled, elsewhere, opted_out = _parent(), _parent(), _parent(), _parent()
    _client(reminded).post(_url("talk_signup", talk))
    _client(opted_out).post(_url("talk_signup", talk))
    notification_kind_mute(user=opted_out, kind=Notification.Kind.TALK)
    _client(cancelled).post(_url("talk_signup", talk))
    _client(cancelled).post(_url("talk_cancel", talk))
    _client(elsewhere).post(_url("talk_signup", later))

    assert talk_reminders_task() == {"sent": 1}
    assert talk_reminders_task() == {"sent": 0}  # a duplicate run sends nothing new
    assert talk_reminders_send() == 0
    notice = Notification.objects.get()
    assert notice.user == reminded and "青春期沟通" in notice.title
    assert "县图书馆报告厅" in notice.body and notice.url == talk.url
    assert TalkSignup.objects.get(user=reminded).reminded_at is not None


def test_the_calendar_file_holds_one_event_with_a_stable_uid():
    starts = timezone.now().replace(microsecond=0) + timedelta(days=2)
    talk = _talk(starts_at=starts, place="县妇联三楼", live_url="https://live.example.cn/room/1")
    client = _client()
    response = client.get(_url("talk_calendar", talk))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("dtstart") == starts.astimezone(UTC)
    assert event.decoded("dtstart").utcoffset() == timedelta(0)
    assert event.decoded("dtend") - event.decoded("dtstart") == timedelta(minutes=90)
    assert str(event["summary"]) == "青春期沟通"
    assert str(event["url"]).endswith(talk.url)
    assert str(event["location"]) == "县妇联三楼"
    # The live link opens at the start time on the page: the file does not carry it early.
    assert b"live.example.cn" not in response.content
    again = icalendar.Calendar.from_ical(client.get(_url("talk_calendar", talk)).content)
    assert str(again.walk("VEVENT")[0]["uid"]) == str(event["uid"])
    assert str(event["uid"]).startswith(f"talk-{talk.pk}@")


def test_a_talk_without_a_time_has_no_calendar_file():
    talk = talk_add(title="待定时间", date=timezone.localdate() + timedelta(days=5))
    assert talk.starts_at is None
    assert _client().get(_url("talk_calendar", talk)).status_code == 404
    assert "加入我的日历" not in _client().get(talk.url).content.decode()


def test_the_live_link_is_in_the_page_only_from_ten_minutes_before_the_start():
    link = "https://live.example.cn/room/2"
    soon = _talk(starts_at=timezone.now() + timedelta(minutes=11), live_url=link, title="稍后")
    page = _client().get(soon.url).content.decode()
    assert link not in page and "直播链接将于" in page
    opening = _talk(starts_at=timezone.now() + timedelta(minutes=9), live_url=link, title="将开")
    page = _client().get(opening.url).content.decode()
    assert link in page and "直播链接将于" not in page


def test_my_learning_lists_the_talks_a_parent_holds_a_place_at():
    parent = _parent()
    client = _client(parent)
    soon = _talk(days=3, title="青春期沟通讲座")
    _talk(days=5, title="没报名的讲座")
    dropped = _talk(days=6, title="取消了的讲座")
    client.post(_url("talk_signup", soon))
    client.post(_url("talk_signup", dropped))
    client.post(_url("talk_cancel", dropped))

    page = client.get(reverse("learning:home")).content.decode()
    assert "我报名的讲座" in page and "青春期沟通讲座" in page and "已为您保留名额" not in page
    assert "没报名的讲座" not in page and "取消了的讲座" not in page
    # Another parent's My learning shows none of it.
    assert "青春期沟通讲座" not in _client(_parent()).get(reverse("learning:home")).content.decode()
