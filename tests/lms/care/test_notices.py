"""Filing, changing and ending a care notice; the refusals; the head teacher's notice; the
reminder a week before the end, sent once."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from lms.care.models import CareNotice
from lms.care.services import notice_change, notice_end, reminders_send
from lms.core.errors import ServiceError
from lms.notifications.models import Notification
from tests.lms.care.factories import community_add, notice_add, notice_fields
from tests.lms.schools.factories import class_add, family_join, school_add, staff_add

pytestmark = pytest.mark.django_db


@pytest.fixture
def family():
    school = school_add()
    teacher = staff_add(school)
    school_class = class_add(school, teacher=teacher)
    parent = family_join(school_class, nickname="小明", relation="father")
    return {
        "teacher": teacher,
        "parent": parent,
        "student": school_class.students.get(),
        "community": community_add(),
    }


def test_a_filed_notice_is_current_and_the_head_teacher_is_told(
    family, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notice = notice_add(family["parent"], family["student"], family["community"])
    assert notice.status_on(timezone.localdate()) == "current"
    assert notice.phone == "13912345678"
    told = Notification.objects.get(user=family["teacher"])
    assert told.kind == Notification.Kind.CARE
    assert "小明" in told.title
    assert told.url == f"/care/{notice.pk}/"
    assert not told.urgent


def test_a_phone_number_typed_with_spaces_is_kept_as_eleven_digits(family):
    notice = notice_add(
        family["parent"], family["student"], family["community"], phone="139 1234 5678"
    )
    assert notice.phone == "13912345678"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"ends_on": timezone.localdate() - timedelta(days=30)}, "ends_on"),
        ({"phone": "1391234567"}, "phone"),
        ({"phone": "139123456789"}, "phone"),
        ({"phone": "02112345678"}, "phone"),
        ({"community_id": 999999}, "community"),
        ({"caregiver": "  "}, "caregiver"),
        ({"relation": "uncle-ish"}, "relation"),
        ({"call_rhythm": "never"}, "call_rhythm"),
        ({"note": "长" * 501}, "note"),
    ],
)
def test_bad_notices_are_refused_on_their_field_and_nothing_is_saved(family, overrides, field):
    with pytest.raises(ServiceError) as refused:
        notice_add(family["parent"], family["student"], family["community"], **overrides)
    assert refused.value.field == field
    assert not CareNotice.objects.exists()


def test_an_end_before_the_start_is_refused_with_a_clear_message(family):
    today = timezone.localdate()
    with pytest.raises(ServiceError) as refused:
        notice_add(
            family["parent"],
            family["student"],
            family["community"],
            starts_on=today + timedelta(days=10),
            ends_on=today + timedelta(days=5),
        )
    assert refused.value.field == "ends_on"
    assert str(refused.value) == "结束日期不能早于开始日期。"


def test_a_parent_cannot_file_for_a_child_of_another_family(family):
    other_class = class_add(school_add(code="s2", name="河口小学"), name="1班")
    family_join(other_class, nickname="小草")
    with pytest.raises(ServiceError):
        notice_add(family["parent"], other_class.students.get(), family["community"])
    assert not CareNotice.objects.exists()


def test_a_second_notice_over_the_same_dates_is_refused_but_a_later_one_is_not(family):
    today = timezone.localdate()
    notice_add(family["parent"], family["student"], family["community"])
    with pytest.raises(ServiceError) as refused:
        notice_add(family["parent"], family["student"], family["community"])
    assert "小明" in str(refused.value)
    notice_add(
        family["parent"],
        family["student"],
        family["community"],
        starts_on=today + timedelta(days=61),
        ends_on=today + timedelta(days=90),
    )
    assert CareNotice.objects.count() == 2
    first = CareNotice.objects.order_by("starts_on").first()
    with pytest.raises(ServiceError):  # stretched over the later one
        notice_change(
            user=family["parent"],
            notice=first,
            **notice_fields(family["community"], ends_on=today + timedelta(days=70)),
        )
    notice_change(  # its own dates may change freely
        user=family["parent"],
        notice=first,
        **notice_fields(family["community"], ends_on=today + timedelta(days=50)),
    )


def test_a_notice_starting_later_is_upcoming(family):
    today = timezone.localdate()
    notice = notice_add(
        family["parent"],
        family["student"],
        family["community"],
        starts_on=today + timedelta(days=3),
        ends_on=today + timedelta(days=40),
    )
    assert notice.status_on(today) == "upcoming"
    assert notice.status_on(today + timedelta(days=3)) == "current"
    assert notice.status_on(today + timedelta(days=41)) == "ended"


def test_the_family_updates_in_place_and_ends_early(family):
    notice = notice_add(family["parent"], family["student"], family["community"])
    new_end = timezone.localdate() + timedelta(days=90)
    notice_change(
        user=family["parent"],
        notice=notice,
        **notice_fields(family["community"], caregiver="外婆", ends_on=new_end),
    )
    notice.refresh_from_db()
    assert (notice.caregiver, notice.ends_on) == ("外婆", new_end)
    assert CareNotice.objects.count() == 1
    notice_end(user=family["parent"], notice=notice)
    notice_end(user=family["parent"], notice=notice)  # twice: harmless
    notice.refresh_from_db()
    assert notice.ended_on == timezone.localdate()
    assert notice.status_on(timezone.localdate()) == "ended"
    with pytest.raises(ServiceError):
        notice_change(user=family["parent"], notice=notice, **notice_fields(family["community"]))


def test_the_reminder_goes_a_week_before_the_end_once(family):
    today = timezone.localdate()
    soon = notice_add(
        family["parent"], family["student"], family["community"], ends_on=today + timedelta(7)
    )
    school_class = family["student"].school_class
    family_join(school_class, nickname="小红", parent=family["parent"])
    sister = school_class.students.get(nickname="小红")
    notice_add(family["parent"], sister, family["community"])  # ends in 60 days
    assert reminders_send(today=today) == 1
    assert reminders_send(today=today) == 0
    assert reminders_send(today=today + timedelta(days=1)) == 0
    reminded = Notification.objects.get(user=family["parent"], kind=Notification.Kind.CARE)
    assert reminded.url == f"/care/{soon.pk}/"
    assert soon.ends_on.isoformat() in reminded.title


def test_a_new_end_date_earns_a_new_reminder_and_an_ended_notice_none(family):
    today = timezone.localdate()
    notice = notice_add(
        family["parent"], family["student"], family["community"], ends_on=today + timedelta(5)
    )
    assert reminders_send(today=today) == 1
    notice_change(
        user=family["parent"],
        notice=notice,
        **notice_fields(family["community"], ends_on=today + timedelta(days=30)),
    )
    assert reminders_send(today=today) == 0
    assert reminders_send(today=today + timedelta(days=23)) == 1
    notice_end(user=family["parent"], notice=notice)
    CareNotice.objects.filter(pk=notice.pk).update(reminded_at=None)
    assert reminders_send(today=today + timedelta(days=23)) == 0


def test_the_form_shows_bad_input_in_chinese_and_keeps_what_was_typed(family):
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    client.force_login(family["parent"])
    today = timezone.localdate()
    url = f"/care/children/{family['student'].pk}/new/"
    data = {
        "caregiver": "奶奶",
        "relation": "grandmother",
        "phone": "1391234",
        "starts_on": today.isoformat(),
        "ends_on": (today - timedelta(days=1)).isoformat(),
        "call_rhythm": "weekly",
        "community": str(family["community"].pk),
        "note": "",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "11 位" in page or "11位" in page
    assert 'value="奶奶"' in page
    data["phone"] = "13912345678"
    response = client.post(url, data)
    assert "结束日期" in response.content.decode()
    data["ends_on"] = (today + timedelta(days=30)).isoformat()
    data["community"] = "999999999999999999999999"
    response = client.post(url, data)
    assert response.status_code == 200
    assert not CareNotice.objects.exists()
    data["community"] = str(family["community"].pk)
    response = client.post(url, data)
    assert response.status_code == 302
    assert CareNotice.objects.get().caregiver == "奶奶"


def test_a_parent_of_two_children_chooses_the_child(family):
    school_class = family["student"].school_class
    family_join(school_class, nickname="小红", parent=family["parent"])
    client = Client()
    client.force_login(family["parent"])
    page = client.get("/care/new/").content.decode()
    for student in school_class.students.all():
        assert f"/care/children/{student.pk}/new/" in page


def test_the_reminders_run_daily_from_beat(family, settings):
    from lms.care.tasks import care_reminders_task

    entry = settings.CELERY_BEAT_SCHEDULE["care-reminders"]
    assert entry["task"] == care_reminders_task.name == "care.reminders"
    today = timezone.localdate()
    notice_add(
        family["parent"], family["student"], family["community"], ends_on=today + timedelta(2)
    )
    assert care_reminders_task() == {"sent": 1}
    assert care_reminders_task() == {"sent": 0}
