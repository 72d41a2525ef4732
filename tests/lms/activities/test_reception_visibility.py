"""Who may list, book, cancel and see who booked a reception-day slot (the matrix in
docs/coeducation.md), each role through the pages; and garbage in every form, never a 500."""

from datetime import time, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from lms.accounts.roles import Role
from lms.activities.models import Activity, ReceptionBooking
from lms.activities.slot_services import reception_book, reception_day_open
from lms.notifications.models import Notification
from lms.schools.services.joining import class_join
from tests.courses.factories import UserFactory
from tests.lms.schools.factories import class_add, family_join, parent_add, school_add, staff_add

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def world():
    school = school_add()
    head = staff_add(school)
    school_class = class_add(school, teacher=head)
    subject_teacher = staff_add(school)
    school_class.teachers.add(subject_teacher)
    other_class = class_add(school, name="3班", teacher=staff_add(school))
    booker = family_join(school_class, nickname="小雨", parent=parent_add(display_name="雨妈妈"))
    classmate = family_join(school_class, nickname="乐乐")
    pending = parent_add()
    class_join(user=pending, school_class=school_class, nickname="乐乐", relation="father")
    activity = reception_day_open(
        user=head,
        school_class=school_class,
        day=timezone.localdate() + timedelta(days=4),
        starts=time(16),
        ends=time(17),
        place="办公室",
    )
    slots = list(activity.slots.all())
    reception_book(user=booker, slot=slots[0], student=school_class.students.get(nickname="小雨"))
    return {
        "activity": activity,
        "slots": slots,
        "roles": {
            "family of the class": classmate,
            "family of another class": family_join(other_class, nickname="豆豆"),
            "pending family": pending,
            "parent without a class": parent_add(),
            "head teacher": head,
            "subject teacher": subject_teacher,
            "school admin": staff_add(school, admin=True),
            "admin of another school": staff_add(school_add(code="s2"), admin=True),
            "bureau": UserFactory(role=Role.BUREAU_ADMIN),
        },
    }


# role: (list, book, cancel own, cancel someone's, see who booked)
MATRIX = {
    "family of the class": (200, True, True, 404, False),
    "family of another class": (404, 404, 404, 404, False),
    "pending family": (404, 404, 404, 404, False),
    "parent without a class": (404, 404, 404, 404, False),
    "head teacher": (200, 404, 404, True, True),
    "subject teacher": (200, 404, 404, True, True),
    "school admin": (200, 404, 404, True, True),
    "admin of another school": (404, 404, 404, 404, False),
    "bureau": (404, 404, 404, 404, False),
}


@pytest.mark.parametrize("role", list(MATRIX))
def test_who_may_list_book_cancel_and_see_who_booked(world, role):
    listed, book, cancel_own, release, sees_who = MATRIX[role]
    user = world["roles"][role]
    client = _client(user)
    activity, slots = world["activity"], world["slots"]
    page = client.get(f"/activities/reception/{activity.pk}/")
    assert page.status_code == listed
    html = page.content.decode()
    assert ("雨妈妈" in html and "小雨" in html) is sees_who
    if listed == 200 and not sees_who:
        assert "已约" in html and "小雨" not in html

    booked = client.post(f"/activities/reception/slot/{slots[1].pk}/book/")
    live = ReceptionBooking.objects.filter(slot=slots[1], cancelled_at__isnull=True)
    if book is True:
        assert booked.status_code == 302 and live.get().booked_by == user
    else:
        assert booked.status_code == book and not live.exists()

    cancelled = client.post(f"/activities/reception/slot/{slots[1].pk}/cancel/")
    if cancel_own is True:
        assert cancelled.status_code == 302 and not live.exists()
    else:
        assert cancelled.status_code == cancel_own

    released = client.post(f"/activities/reception/slot/{slots[0].pk}/release/")
    first = ReceptionBooking.objects.get(slot=slots[0])
    if release is True:
        assert released.status_code == 302 and first.cancelled_by == user
    else:
        assert released.status_code == release and first.cancelled_at is None


def test_someone_signed_out_is_sent_to_sign_in(world):
    client = _client(None)
    slot = world["slots"][1]
    response = client.get(f"/activities/reception/{world['activity'].pk}/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.post(f"/activities/reception/slot/{slot.pk}/book/").status_code == 302
    assert ReceptionBooking.objects.count() == 1


GARBAGE = ["", "abc", "-1", "9" * 30, "<script>", "2025-13-45", "１２", "25:99"]


def test_garbage_in_every_reception_form_is_never_a_500(world):
    head = _client(world["roles"]["head teacher"])
    family = _client(world["roles"]["family of the class"])
    slot = world["slots"][2]
    for value in GARBAGE:
        opened = head.post(
            "/activities/reception/new/",
            {"school_class": value, "day": value, "starts": value, "ends": value,
             "minutes": value, "place": value, "by_phone": value},
        )  # fmt: skip
        assert opened.status_code == 200, value
        for url, data in (
            (f"/activities/reception/slot/{slot.pk}/book/", {"student": value}),
            (f"/activities/reception/slot/{slot.pk}/cancel/", {}),
            (f"/activities/reception/slot/{slot.pk}/release/", {"reason": value * 100}),
        ):
            assert family.post(url, data).status_code < 500, (url, value)
        for url in (f"/activities/reception/{value}/", f"/activities/reception/slot/{value}/book/"):
            assert head.get(url).status_code in (404, 405), (url, value)
    assert world["activity"].slots.count() == 4
    live = ReceptionBooking.objects.filter(cancelled_at__isnull=True)
    assert set(live.values_list("slot_id", flat=True)) <= {world["slots"][0].pk, slot.pk}
    assert live.get(slot=world["slots"][0]).student.nickname == "小雨"


def test_the_head_teacher_opens_slots_through_the_form(world):
    head = world["roles"]["head teacher"]
    school_class = world["activity"].classes.get()
    day = (timezone.localdate() + timedelta(days=9)).isoformat()
    form = {"school_class": school_class.pk, "day": day, "starts": "09:00", "ends": "10:00",
            "minutes": "20", "place": "", "by_phone": "on"}  # fmt: skip
    response = _client(head).post("/activities/reception/new/", form)
    assert response.status_code == 302
    opened = Activity.objects.filter(kind=Activity.Kind.RECEPTION_DAY).order_by("-pk").first()
    assert response["Location"] == f"/activities/reception/{opened.pk}/"
    assert opened.slots.count() == 3 and opened.place == "电话"
    # The class's two joined families are told; the pending one is not.
    told = Notification.objects.filter(url=f"/activities/{opened.pk}/")
    assert told.count() == 2 and not told.filter(user=world["roles"]["pending family"]).exists()
    bad = _client(head).post("/activities/reception/new/", {**form, "ends": "08:00"})
    assert "结束时间必须晚于开始时间" in bad.content.decode()
    assert Activity.objects.filter(kind=Activity.Kind.RECEPTION_DAY).count() == 2
    other = world["roles"]["subject teacher"]
    assert _client(other).get("/activities/reception/new/").status_code == 404
