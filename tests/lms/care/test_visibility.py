"""Who sees a care notice: the family, the class's head teacher, the school's administrators,
the chosen community's station and designated ledger staff; everyone else meets a 404 (the
notice is not known to them). The bureau sees counts per school only. The ledger is reached
only by designated staff's copy, and nobody else is told whether a child is in it."""

import pytest
from django.test import Client
from django.utils import timezone

from lms.accounts.roles import Role
from lms.care.models import CareNotice
from lms.care.services import notice_ledger_copy
from lms.core.errors import ServiceError
from lms.support.models import AuditEntry, Designation, SupportRecord
from lms.support.services import record_create
from tests.courses.factories import UserFactory
from tests.lms.care.factories import community_add, notice_add
from tests.lms.schools.factories import class_add, family_join, school_add, staff_add

pytestmark = pytest.mark.django_db

CAREGIVER = "桂兰奶奶"
PHONE = "13912345678"


@pytest.fixture
def world():
    school, other_school = school_add(), school_add(code="s2", name="河口小学")
    head_teacher, other_teacher = staff_add(school), staff_add(school)
    admin, other_admin = staff_add(school, admin=True), staff_add(other_school, admin=True)
    designated = staff_add(school)
    Designation.objects.create(user=designated, school=school)
    bureau_designated = UserFactory(role=Role.BUREAU_ADMIN)
    Designation.objects.create(user=bureau_designated, school=None)
    station_staff = UserFactory(role=Role.STATION_STAFF)
    other_station_staff = UserFactory(role=Role.STATION_STAFF)
    community = community_add(staff=[station_staff])
    community_add("新田村", staff=[other_station_staff])
    own_class = class_add(school, teacher=head_teacher)
    other_class = class_add(school, name="3班", teacher=other_teacher)
    guardian = family_join(own_class, nickname="小花", relation="father")
    other_guardian = family_join(own_class, nickname="小花", relation="mother")
    other_parent = family_join(other_class, nickname="小草")
    student = own_class.students.get()
    notice = notice_add(guardian, student, community, caregiver=CAREGIVER, phone=PHONE)
    return {
        "notice": notice,
        "student": student,
        "users": {
            "guardian": guardian,
            "other_guardian_of_the_child": other_guardian,
            "parent_of_another_child": other_parent,
            "head_teacher": head_teacher,
            "teacher_of_another_class": other_teacher,
            "school_admin": admin,
            "admin_of_another_school": other_admin,
            "station_staff_of_the_community": station_staff,
            "staff_of_another_station": other_station_staff,
            "designated_ledger_staff": designated,
            "bureau_designated_ledger_staff": bureau_designated,
            "bureau": UserFactory(role=Role.BUREAU_ADMIN),
            "anonymous": None,
        },
    }


FAMILY = {"guardian", "other_guardian_of_the_child"}
RECEIVERS = {
    "head_teacher",
    "school_admin",
    "station_staff_of_the_community",
    "designated_ledger_staff",
    "bureau_designated_ledger_staff",
}
# Whose list page for received notices opens at all (they have a class, a school, a station
# or the ledger; the others have nowhere notices go).
HAS_RECEIVED_LIST = RECEIVERS | {
    "teacher_of_another_class",
    "admin_of_another_school",
    "staff_of_another_station",
}
LEDGER = {"designated_ledger_staff", "bureau_designated_ledger_staff"}
COUNTS = {"bureau", "bureau_designated_ledger_staff"}


def _expected(role: str) -> dict:
    def status(allowed: bool, ok: int = 200) -> int:
        if role == "anonymous":
            return 302
        return ok if allowed else 404

    return {
        "received list": status(role in HAS_RECEIVED_LIST),
        "detail": status(role in FAMILY | RECEIVERS),
        "file": status(role in FAMILY),
        "edit": status(role in FAMILY),
        "county counts": status(role in COUNTS),
        "copy to ledger": status(role in LEDGER, ok=302),
        "end": status(role in FAMILY, ok=302),
    }


@pytest.mark.parametrize(
    "role",
    [
        "guardian",
        "other_guardian_of_the_child",
        "parent_of_another_child",
        "head_teacher",
        "teacher_of_another_class",
        "school_admin",
        "admin_of_another_school",
        "station_staff_of_the_community",
        "staff_of_another_station",
        "designated_ledger_staff",
        "bureau",
        "bureau_designated_ledger_staff",
        "anonymous",
    ],
)
def test_visibility_matrix(world, role):
    notice, user = world["notice"], world["users"][role]
    client = Client()
    if user is not None:
        client.force_login(user)
    pages = {
        "received list": ("get", "/care/received/"),
        "detail": ("get", f"/care/{notice.pk}/"),
        "file": ("get", f"/care/children/{world['student'].pk}/new/"),
        "edit": ("get", f"/care/{notice.pk}/edit/"),
        "county counts": ("get", "/care/county/"),
        # State-changing last: copying leaves the notice as it was; ending closes it.
        "copy to ledger": ("post", f"/care/{notice.pk}/ledger/"),
        "end": ("post", f"/care/{notice.pk}/end/"),
    }
    got, shown_anywhere = {}, False
    for action, (method, url) in pages.items():
        response = getattr(client, method)(url)
        got[action] = response.status_code
        body = response.content.decode() if response.status_code == 200 else ""
        if action in ("received list", "detail", "edit"):
            shown_anywhere |= CAREGIVER in body or PHONE in body
        if action == "county counts" and response.status_code == 200:
            assert CAREGIVER not in body and "小花" not in body and PHONE not in body
        if action == "detail" and response.status_code == 200 and role not in LEDGER:
            # No ledger hint for anyone not designated.
            assert "/ledger/" not in body and "台账" not in body
        if action == "detail" and role in LEDGER:
            assert f"/care/{notice.pk}/ledger/" in body
    family_list = client.get("/care/")
    if user is not None:
        assert family_list.status_code == 200
        shown_anywhere |= CAREGIVER in family_list.content.decode()
    assert got == _expected(role)
    assert shown_anywhere == (role in FAMILY | RECEIVERS)


def test_the_received_list_names_the_child_for_the_school_and_the_station(world):
    for role in ("head_teacher", "school_admin", "station_staff_of_the_community"):
        client = Client()
        client.force_login(world["users"][role])
        page = client.get("/care/received/").content.decode()
        assert CAREGIVER in page and "小花" in page
    # The class filter narrows to the class; a forged class id shows nothing, never a 500.
    client = Client()
    client.force_login(world["users"]["school_admin"])
    other_class = world["users"]["teacher_of_another_class"].headed_classes.get()
    assert CAREGIVER not in client.get(f"/care/received/?class={other_class.pk}").content.decode()
    assert (
        CAREGIVER
        in client.get(f"/care/received/?class={world['student'].school_class_id}").content.decode()
    )
    assert client.get("/care/received/?class=abc").status_code == 200
    assert client.get("/care/received/?class=1234567890123456789012").status_code == 200


def test_a_forged_student_or_notice_id_is_not_found(world):
    other_class = class_add(school_add(code="s3", name="新田小学"), name="1班")
    family_join(other_class, nickname="小树")
    client = Client()
    client.force_login(world["users"]["guardian"])
    stranger = other_class.students.get()
    assert client.get(f"/care/children/{stranger.pk}/new/").status_code == 404
    assert client.post(f"/care/children/{stranger.pk}/new/", {}).status_code == 404
    assert client.get("/care/99999999/").status_code == 404
    assert client.get("/care/1234567890123456789012/").status_code == 404


def test_an_ended_notice_leaves_the_school_and_the_station_but_stays_with_the_family(world):
    notice = world["notice"]
    CareNotice.objects.filter(pk=notice.pk).update(ended_on=timezone.localdate())
    for role in ("head_teacher", "station_staff_of_the_community", "designated_ledger_staff"):
        client = Client()
        client.force_login(world["users"][role])
        assert client.get(f"/care/{notice.pk}/").status_code == 404
    client = Client()
    client.force_login(world["users"]["guardian"])
    assert client.get(f"/care/{notice.pk}/").status_code == 200


def test_a_notice_never_writes_the_ledger_by_itself(world):
    assert not SupportRecord.objects.exists()
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.CREATE).exists()


def test_copying_into_the_ledger_twice_keeps_one_record_and_is_audited(world):
    designated = world["users"]["designated_ledger_staff"]
    client = Client()
    client.force_login(designated)
    assert client.post(f"/care/{world['notice'].pk}/ledger/").status_code == 302
    assert client.post(f"/care/{world['notice'].pk}/ledger/").status_code == 302
    record = SupportRecord.objects.get()
    assert record.student == world["student"]
    assert record.categories == ["left_behind"]
    assert CAREGIVER in record.caregiver
    assert record.responsible == world["users"]["head_teacher"]
    actions = list(
        AuditEntry.objects.filter(record_id=record.pk, user=designated).values_list(
            "action", flat=True
        )
    )
    assert sorted(actions) == ["change", "create"]


def test_copying_adds_left_behind_to_the_childs_open_record(world):
    designated = world["users"]["designated_ledger_staff"]
    existing = record_create(
        user=designated,
        student=world["student"],
        categories=["hardship"],
        caregiver="父亲",
        needs="学费困难",
        responsible=world["users"]["head_teacher"],
        next_review_on=timezone.localdate(),
    )
    record, created = notice_ledger_copy(
        user=world["users"]["bureau_designated_ledger_staff"], notice_id=world["notice"].pk
    )
    assert (record.pk, created) == (existing.pk, False)
    record.refresh_from_db()
    assert record.categories == ["hardship", "left_behind"]
    assert record.needs == "学费困难"  # the staff's own words stay


def test_nobody_undesignated_can_copy_even_through_the_service(world):
    for role in ("head_teacher", "school_admin", "bureau", "station_staff_of_the_community"):
        with pytest.raises(ServiceError):
            notice_ledger_copy(user=world["users"][role], notice_id=world["notice"].pk)
    assert not SupportRecord.objects.exists()


def test_the_bureau_sees_counts_per_school(world):
    client = Client()
    client.force_login(world["users"]["bureau"])
    page = client.get("/care/county/").content.decode()
    assert "城关小学" in page
    assert CAREGIVER not in page and PHONE not in page
