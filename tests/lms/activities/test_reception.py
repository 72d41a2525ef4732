"""Reception days (家长接待日): a head teacher opens 15-minute slots, a family books one for
their child, others see it only as booked, cancelling by the family and by the teacher, the
reminder the day before, and the bad cases refused with nothing recorded."""

from datetime import date, datetime, time, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.utils import timezone

from lms.activities.demo import demo_reception_load
from lms.activities.models import Activity, ReceptionBooking, ReceptionSlot
from lms.activities.slot_services import (
    reception_book,
    reception_cancel_by_family,
    reception_cancel_by_staff,
    reception_day_open,
    reception_reminders_send,
)
from lms.activities.tasks import reception_reminders_task
from lms.core.errors import ServiceError
from lms.notifications.models import Notification
from tests.lms.schools.factories import class_add, family_join, parent_add, school_add, staff_add

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


@pytest.fixture
def day():
    """A reception day next week, 16:00–17:30 in 15-minute slots, for class 三年级2班."""
    school = school_add()
    teacher = staff_add(school)
    school_class = class_add(school, teacher=teacher)
    other_class = class_add(school, name="3班", teacher=staff_add(school))
    mother = family_join(school_class, nickname="小雨", parent=parent_add(display_name="雨妈妈"))
    neighbour = family_join(school_class, nickname="乐乐")
    outsider = family_join(other_class, nickname="豆豆")
    on = timezone.localdate() + timedelta(days=7)
    activity = reception_day_open(
        user=teacher,
        school_class=school_class,
        day=on,
        starts=time(16, 0),
        ends=time(17, 30),
        minutes=15,
        place="三年级办公室",
    )
    return {
        "school": school,
        "teacher": teacher,
        "class": school_class,
        "other_class": other_class,
        "activity": activity,
        "slots": list(activity.slots.all()),
        "mother": mother,
        "neighbour": neighbour,
        "outsider": outsider,
        "child": school_class.students.get(nickname="小雨"),
        "other_child": school_class.students.get(nickname="乐乐"),
        "day": on,
    }


def test_opening_cuts_the_time_into_slots_and_leaves_out_a_short_rest(day):
    starts = [timezone.localtime(s.starts_at).strftime("%H:%M") for s in day["slots"]]
    assert starts == ["16:00", "16:15", "16:30", "16:45", "17:00", "17:15"]
    activity = day["activity"]
    assert activity.kind == Activity.Kind.RECEPTION_DAY
    assert list(activity.classes.all()) == [day["class"]]
    assert activity.credit_hours == 0
    # 16:00–16:40 in 15 minutes is two slots; the 10 minutes left are not offered.
    short = reception_day_open(
        user=day["teacher"],
        school_class=day["class"],
        day=day["day"] + timedelta(days=1),
        starts=time(16, 0),
        ends=time(16, 40),
        by_phone=True,
    )
    assert short.slots.count() == 2 and short.place == "电话"
    assert timezone.localtime(short.ends_at).strftime("%H:%M") == "16:30"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"starts": time(17, 0), "ends": time(16, 0)}, "ends"),
        ({"starts": time(16, 0), "ends": time(16, 0)}, "ends"),
        ({"starts": time(16, 0), "ends": time(16, 10)}, "ends"),
        ({"day": date(2020, 1, 6)}, "day"),
        ({"minutes": 3}, "minutes"),
        ({"minutes": 500}, "minutes"),
        ({"place": "  "}, "place"),
        ({"minutes": 5, "starts": time(8, 0), "ends": time(18, 0)}, "ends"),
        ({"day_offset": 0, "starts": time(17, 0), "ends": time(18, 0)}, "starts"),  # overlap
    ],
)
def test_bad_openings_are_refused_and_nothing_recorded(day, change, field):
    arguments = {
        "user": day["teacher"],
        "school_class": day["class"],
        "day": day["day"] + timedelta(days=change.pop("day_offset", 3)),
        "starts": time(9, 0),
        "ends": time(10, 0),
        "place": "办公室",
        **change,
    }
    with pytest.raises(ServiceError) as refused:
        reception_day_open(**arguments)
    assert refused.value.field == field
    assert Activity.objects.count() == 1 and ReceptionSlot.objects.count() == 6


def test_only_the_head_teacher_or_the_school_admin_open_slots(day):
    subject_teacher = staff_add(day["school"])
    day["class"].teachers.add(subject_teacher)
    later = day["day"] + timedelta(days=2)
    for user in (subject_teacher, day["mother"], staff_add(school_add(code="s2"), admin=True)):
        with pytest.raises(ServiceError):
            reception_day_open(
                user=user,
                school_class=day["class"],
                day=later,
                starts=time(9),
                ends=time(10),
                place="x",
            )
    admin = staff_add(day["school"], admin=True)
    opened = reception_day_open(
        user=admin, school_class=day["other_class"], day=later, starts=time(9), ends=time(10),
        place="校长室",
    )  # fmt: skip
    assert opened.slots.count() == 4


def test_a_family_books_one_slot_and_sees_it_as_theirs(day):
    first = day["slots"][0]
    booking = reception_book(user=day["mother"], slot=first, student=day["child"])
    assert (booking.booked_by, booking.day) == (day["mother"], day["day"])
    # A double tap books nothing more.
    assert reception_book(user=day["mother"], slot=first, student=day["child"]).pk == booking.pk
    page = _client(day["mother"]).get(f"/activities/reception/{day['activity'].pk}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "您已预约 · 小雨" in html
    assert html.count(">预约</button>") == 5


def test_another_family_sees_only_that_the_slot_is_booked(day):
    reception_book(user=day["mother"], slot=day["slots"][0], student=day["child"])
    html = _client(day["neighbour"]).get(f"/activities/reception/{day['activity'].pk}/")
    html = html.content.decode()
    assert "已约" in html
    assert "小雨" not in html
    assert "雨妈妈" not in html and day["mother"].username not in html
    with pytest.raises(ServiceError) as taken:
        reception_book(user=day["neighbour"], slot=day["slots"][0], student=day["other_child"])
    assert "刚被其他家长约走" in str(taken.value)
    assert ReceptionBooking.objects.count() == 1


def test_the_teacher_sees_who_booked_with_the_number_masked(day):
    reception_book(user=day["mother"], slot=day["slots"][1], student=day["child"])
    html = _client(day["teacher"]).get(f"/activities/reception/{day['activity'].pk}/")
    html = html.content.decode()
    assert "小雨" in html and "雨妈妈" in html
    # Without a display name the family is shown by its masked mobile number.
    bare = family_join(day["class"], nickname="冬冬", parent=parent_add(username="13800138000"))
    reception_book(
        user=bare, slot=day["slots"][2], student=day["class"].students.get(nickname="冬冬")
    )
    html = _client(day["teacher"]).get(f"/activities/reception/{day['activity'].pk}/")
    html = html.content.decode()
    assert "13800138000" not in html and "138****8000" in html


def test_a_past_slot_and_a_second_slot_the_same_day_are_refused(day):
    slot = day["slots"][0]
    with pytest.raises(ServiceError) as past:
        reception_book(user=day["mother"], slot=slot, student=day["child"], now=slot.starts_at)
    assert past.value.field == "slot"
    reception_book(user=day["mother"], slot=slot, student=day["child"])
    with pytest.raises(ServiceError) as second:
        reception_book(user=day["mother"], slot=day["slots"][2], student=day["child"])
    assert "同一天" in str(second.value)
    assert ReceptionBooking.objects.count() == 1


def test_the_database_holds_one_family_per_slot_and_one_slot_per_child_a_day(day):
    """The constraint path (what a lost race meets on SQLite, where rows are not locked)."""
    slot, other = day["slots"][0], day["slots"][1]
    ReceptionBooking.objects.create(
        slot=slot, student=day["child"], booked_by=day["mother"], day=day["day"]
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        ReceptionBooking.objects.create(
            slot=slot, student=day["other_child"], booked_by=day["neighbour"], day=day["day"]
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        ReceptionBooking.objects.create(
            slot=other, student=day["child"], booked_by=day["mother"], day=day["day"]
        )
    # A cancelled booking frees the slot for the next family.
    ReceptionBooking.objects.filter(slot=slot).update(cancelled_at=timezone.now())
    booked = reception_book(user=day["neighbour"], slot=slot, student=day["other_child"])
    assert booked.cancelled_at is None


def test_a_family_of_another_class_gets_not_found(day):
    outsider = _client(day["outsider"])
    slot = day["slots"][0]
    assert outsider.get(f"/activities/reception/{day['activity'].pk}/").status_code == 404
    assert outsider.get(f"/activities/{day['activity'].pk}/").status_code == 404
    for action in ("book", "cancel", "release"):
        response = outsider.post(f"/activities/reception/slot/{slot.pk}/{action}/")
        assert response.status_code == 404, action
    assert not ReceptionBooking.objects.exists()


def test_booking_and_cancelling_through_the_pages(day):
    mother = _client(day["mother"])
    slot = day["slots"][3]
    response = mother.post(f"/activities/reception/slot/{slot.pk}/book/", follow=True)
    assert "预约成功" in response.content.decode()
    booking = ReceptionBooking.objects.get()
    assert booking.slot == slot and booking.student == day["child"]
    # The activity's own page leads to the slots.
    detail = mother.get(f"/activities/{day['activity'].pk}/")
    assert detail.status_code == 302 and detail["Location"].endswith(
        f"/activities/reception/{day['activity'].pk}/"
    )
    response = mother.post(f"/activities/reception/slot/{slot.pk}/cancel/", follow=True)
    assert "已取消预约" in response.content.decode()
    booking.refresh_from_db()
    assert booking.cancelled_at is not None and booking.cancelled_by == day["mother"]
    # A child id that is not the family's books nothing.
    mother.post(f"/activities/reception/slot/{slot.pk}/book/", {"student": day["other_child"].pk})
    mother.post(f"/activities/reception/slot/{slot.pk}/book/", {"student": "9" * 30})
    assert ReceptionBooking.objects.filter(cancelled_at__isnull=True).count() == 0


def test_the_family_cannot_cancel_once_the_slot_has_begun(day):
    slot = day["slots"][0]
    booking = reception_book(user=day["mother"], slot=slot, student=day["child"])
    with pytest.raises(ServiceError):
        reception_cancel_by_family(booking=booking, user=day["mother"], now=slot.starts_at)
    booking.refresh_from_db()
    assert booking.cancelled_at is None


def test_the_teacher_cancels_and_the_family_is_told(day):
    slot = day["slots"][2]
    booking = reception_book(user=day["mother"], slot=slot, student=day["child"])
    _client(day["teacher"]).post(
        f"/activities/reception/slot/{slot.pk}/release/", {"reason": "临时有会"}
    )
    booking.refresh_from_db()
    assert booking.cancelled_by == day["teacher"]
    notice = Notification.objects.get(user=day["mother"])
    assert notice.kind == Notification.Kind.ACTIVITY and not notice.urgent
    assert "小雨" in notice.title and "临时有会" in notice.body
    assert notice.url == f"/activities/reception/{day['activity'].pk}/"
    # After the slot is over there is nothing to cancel.
    again = reception_book(user=day["neighbour"], slot=slot, student=day["other_child"])
    with pytest.raises(ServiceError):
        reception_cancel_by_staff(booking=again, user=day["teacher"], now=slot.ends_at)


def test_the_reminder_goes_the_day_before_once(day):
    booked = reception_book(user=day["mother"], slot=day["slots"][4], student=day["child"])
    cancelled = reception_book(
        user=day["neighbour"], slot=day["slots"][5], student=day["other_child"]
    )
    reception_cancel_by_family(booking=cancelled, user=day["neighbour"])
    before = day["day"] - timedelta(days=1)
    assert reception_reminders_send(today=day["day"] - timedelta(days=3)) == 0
    assert reception_reminders_send(today=before) == 1
    assert reception_reminders_send(today=before) == 0
    notice = Notification.objects.get(user=day["mother"])
    assert notice.kind == Notification.Kind.ACTIVITY
    assert "明天" in notice.title and "17:00" in notice.body and "三年级办公室" in notice.body
    assert not Notification.objects.filter(user=day["neighbour"]).exists()
    booked.refresh_from_db()
    assert booked.reminded_at is not None
    # The beat task runs the same service: today is not the day before, nothing more goes.
    assert reception_reminders_task.run() == {"sent": 0}


def test_the_beat_schedule_runs_the_reminder_daily():
    from django.conf import settings

    entry = settings.CELERY_BEAT_SCHEDULE["activities-reception-reminders"]
    assert entry["task"] == "activities.reception_reminders"


def test_the_slot_times_are_local_times(day):
    first = day["slots"][0]
    zone = timezone.get_current_timezone()
    assert first.starts_at == timezone.make_aware(datetime.combine(day["day"], time(16)), zone)


@pytest.mark.services("postgres")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_families_booking_one_slot_at_once_one_wins_on_postgres():
    import threading

    from django.db import connection

    school = school_add()
    teacher = staff_add(school)
    school_class = class_add(school, teacher=teacher)
    families = [family_join(school_class, nickname=n) for n in ("甲", "乙", "丙", "丁")]
    activity = reception_day_open(
        user=teacher,
        school_class=school_class,
        day=timezone.localdate() + timedelta(days=3),
        starts=time(16),
        ends=time(16, 15),
        place="办公室",
    )
    slot = activity.slots.get()
    children = {c.nickname: c for c in school_class.students.all()}
    barrier = threading.Barrier(len(families))
    won, refused, errors = [], [], []

    def book(parent, nickname):
        try:
            barrier.wait()
            reception_book(user=parent, slot=slot, student=children[nickname])
            won.append(nickname)
        except ServiceError as error:
            refused.append(str(error))
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=book, args=(parent, nickname))
        for parent, nickname in zip(families, ("甲", "乙", "丙", "丁"), strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(won) == 1 and len(refused) == 3
    assert all("刚被其他家长约走" in message for message in refused)
    booking = ReceptionBooking.objects.get(slot=slot)
    assert booking.student.nickname == won[0]


def test_the_demo_opens_one_reception_day_for_the_demo_class_once():
    school = school_add(code="demo-x")
    assert demo_reception_load(school_code="demo-x") is False  # no class yet
    school_class = class_add(school, teacher=staff_add(school))
    assert demo_reception_load(school_code="demo-x") is True
    assert demo_reception_load(school_code="demo-x") is False
    day = Activity.objects.get(kind=Activity.Kind.RECEPTION_DAY)
    assert day.classes.get() == school_class and day.slots.count() == 6


@pytest.mark.services("postgres")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_guardians_booking_two_slots_for_one_child_at_once_get_one_on_postgres():
    """Each locks a different slot, so the unique index on child and day decides."""
    import threading

    from django.db import connection

    school = school_add()
    teacher = staff_add(school)
    school_class = class_add(school, teacher=teacher)
    mother = family_join(school_class, nickname="小雨")
    grandma = family_join(school_class, nickname="小雨", relation="grandmother")
    child = school_class.students.get()
    activity = reception_day_open(
        user=teacher,
        school_class=school_class,
        day=timezone.localdate() + timedelta(days=3),
        starts=time(16),
        ends=time(16, 30),
        place="办公室",
    )
    slots = list(activity.slots.all())
    barrier = threading.Barrier(2)
    won, refused, errors = [], [], []

    def book(parent, slot):
        try:
            barrier.wait()
            reception_book(user=parent, slot=slot, student=child)
            won.append(slot.pk)
        except ServiceError as error:
            refused.append(str(error))
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=book, args=args)
        for args in ((mother, slots[0]), (grandma, slots[1]))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(won) == 1 and len(refused) == 1 and "同一天" in refused[0]
    assert ReceptionBooking.objects.get().slot_id == won[0]
