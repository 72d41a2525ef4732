from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from lms.learning.models import Child, Guardianship
from lms.notifications.models import Notification
from lms.schools.models import Guardian, Student
from lms.schools.roster import roster_import
from lms.schools.services.classes import invite_rotate
from lms.schools.services.joining import guardian_approve
from tests.courses.factories import UserFactory
from tests.lms.accounts.helpers import register
from tests.lms.schools.factories import class_add, parent_add, school_add, staff_add

pytestmark = pytest.mark.django_db
WECHAT = (
    "Mozilla/5.0 (Linux; Android 10; M2006C3LC) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/86.0.4240.99 XWEB/4343 MMWEBSDK/20220303 Mobile Safari/537.36 MicroMessenger/8.0.21"
)


@pytest.fixture
def school_class():
    school = school_add()
    return class_add(school, teacher=staff_add(school))


def join_url(school_class):
    return reverse("join", args=[school_class.invite_code])


def test_a_visitor_sees_the_class_and_ways_in(client, school_class):
    response = client.get(join_url(school_class), HTTP_USER_AGENT=WECHAT)
    assert response.status_code == 200
    body = response.content.decode()
    assert "城关小学" in body and "三年级2班" in body
    assert reverse("accounts:register") + "?next=" in body


def test_register_from_the_invitation_then_join(client, school_class):
    url = join_url(school_class)
    response = register(client, "13700001111", "k7#Lm2pQ9x", next=url)
    assert response.status_code == 302 and response["Location"] == url
    response = client.post(url, {"nickname": "小明", "relation": "mother"})
    assert response.status_code == 302
    guardian = Guardian.objects.get()
    assert guardian.status == Guardian.Status.ACTIVE and guardian.user.phone == "13700001111"
    assert guardian.student.child.nickname == "小明"
    assert Guardianship.objects.filter(user=guardian.user).count() == 1


def test_a_code_typed_in_lower_case_with_spaces_works(client, school_class):
    code = school_class.invite_code.lower()
    response = client.get(reverse("join_enter") + f"?code= {code[:4]} {code[4:]} ")
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200


def test_a_parent_picks_an_existing_child(client, school_class):
    parent = parent_add()
    child = Child.objects.create(nickname="大宝", stage="primary_middle")
    Guardianship.objects.create(child=child, user=parent, relation="father")
    client.force_login(parent)
    page = client.get(join_url(school_class)).content.decode()
    assert "大宝" in page
    client.post(join_url(school_class), {"child": str(child.pk), "relation": "father"})
    student = Student.objects.get()
    assert student.child == child and student.nickname == "大宝"
    assert Child.objects.count() == 1


def test_joining_needs_a_nickname(client, school_class):
    client.force_login(parent_add())
    response = client.post(join_url(school_class), {"nickname": " ", "relation": "mother"})
    assert response.status_code == 200 and "field-error" in response.content.decode()
    assert not Guardian.objects.exists()


def test_approval_when_the_teacher_asks_for_it(client, school_class):
    school_class.join_requires_approval = True
    school_class.save()
    parent = parent_add()
    client.force_login(parent)
    client.post(join_url(school_class), {"nickname": "小明", "relation": "mother"})
    guardian = Guardian.objects.get()
    assert guardian.status == Guardian.Status.PENDING
    assert not Child.objects.exists()  # nothing linked until approved
    guardian_approve(guardian=guardian)
    guardian.refresh_from_db()
    assert guardian.status == Guardian.Status.ACTIVE and guardian.student.child is not None
    assert Notification.objects.filter(user=parent).count() == 1


def test_a_listed_number_skips_approval_and_claims_the_roster_entry(client, school_class):
    school_class.join_requires_approval = True
    school_class.save()
    rows = "年级,班级,学生,家长,手机号,关系\n三年级,2班,小明,,13700002222,母亲\n"
    assert roster_import(rows.encode(), school=school_class.school).ok
    parent = UserFactory(phone="13700002222", phone_verified_at=timezone.now())
    client.force_login(parent)
    client.post(join_url(school_class), {"nickname": "小明", "relation": "mother"})
    guardian = Guardian.objects.get()
    assert guardian.user == parent and guardian.status == Guardian.Status.ACTIVE


def test_a_listed_number_nobody_proved_waits_for_the_teacher(client, school_class):
    rows = "年级,班级,学生,家长,手机号,关系\n三年级,2班,小明,,13700002222,母亲\n"
    assert roster_import(rows.encode(), school=school_class.school).ok
    stranger = UserFactory(phone="13700002222")  # registered before numbers were checked
    client.force_login(stranger)
    client.post(join_url(school_class), {"nickname": "小明", "relation": "mother"})
    guardian = Guardian.objects.get()
    assert guardian.status == Guardian.Status.PENDING
    assert guardian.student.child is None and not Child.objects.exists()
    head = school_class.head_teacher
    client.force_login(head)
    url = reverse("schools:guardian_decide", args=[school_class.pk, guardian.pk, "approve"])
    assert client.post(url).status_code == 302
    guardian.refresh_from_db()
    assert guardian.status == Guardian.Status.ACTIVE and guardian.confirmed_by == head
    assert guardian.student.child.guardianships.get().user == stranger


def test_registering_claims_roster_entries(client, school_class):
    rows = "年级,班级,学生,家长,手机号,关系\n三年级,2班,小明,,13700003333,父亲\n"
    roster_import(rows.encode(), school=school_class.school)
    register(client, "13700003333", "k7#Lm2pQ9x")
    guardian = Guardian.objects.get()
    assert guardian.user is not None and guardian.student.child.nickname == "小明"


def test_a_replaced_code_says_so(client, school_class):
    old = school_class.invite_code
    invite_rotate(school_class=school_class)
    response = client.get(reverse("join", args=[old]))
    assert response.status_code == 410
    assert "replaced" in response.content.decode() or "更换" in response.content.decode()
    assert client.get(join_url(school_class)).status_code == 200


def test_an_expired_invitation_says_so_and_joins_nobody(client, school_class):
    school_class.invite_expires_at = timezone.now() - timedelta(minutes=1)
    school_class.save()
    client.force_login(parent_add())
    response = client.post(join_url(school_class), {"nickname": "小明", "relation": "mother"})
    assert response.status_code == 410
    assert not Guardian.objects.exists()


def test_an_unknown_code_is_a_friendly_404(client):
    response = client.get(reverse("join", args=["NOPE2345"]))
    assert response.status_code == 404 and "card" in response.content.decode()
    assert client.get("/join/%3Cscript%3E/").status_code == 404


def test_joining_twice_does_not_duplicate(client, school_class):
    parent = parent_add()
    client.force_login(parent)
    for _ in range(2):
        client.post(join_url(school_class), {"nickname": "小明", "relation": "mother"})
    assert Guardian.objects.count() == 1 and Child.objects.count() == 1


def test_qr_codes_in_png_and_svg(client, school_class):
    client.force_login(school_class.head_teacher)
    png = client.get(reverse("schools:class_qr", args=[school_class.pk, "png"]))
    assert png["Content-Type"] == "image/png" and png.content[:8] == b"\x89PNG\r\n\x1a\n"
    svg = client.get(reverse("schools:class_qr", args=[school_class.pk, "svg"]))
    assert svg["Content-Type"] == "image/svg+xml" and b"<svg" in svg.content
    page = client.get(reverse("schools:class", args=[school_class.pk])).content.decode()
    assert school_class.invite_code in page and "<svg" in page


def test_rotation_from_the_class_page(client, school_class):
    old = school_class.invite_code
    client.force_login(school_class.head_teacher)
    client.post(reverse("schools:class_rotate", args=[school_class.pk]))
    school_class.refresh_from_db()
    assert school_class.invite_code != old


def test_expiry_in_the_past_is_refused(client, school_class):
    client.force_login(school_class.head_teacher)
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    client.post(
        reverse("schools:class_settings", args=[school_class.pk]), {"expires_on": yesterday}
    )
    school_class.refresh_from_db()
    assert school_class.invite_expires_at is None


def test_a_stranger_typing_a_classmates_nickname_waits_for_the_teacher_and_sees_no_child(
    client, school_class
):
    mother = parent_add()
    client.force_login(mother)
    client.post(join_url(school_class), {"nickname": "小明", "relation": "mother"})
    child = Student.objects.get(nickname="小明").child
    assert child is not None
    client.logout()
    stranger = parent_add()
    client.force_login(stranger)
    client.post(join_url(school_class), {"nickname": "小明", "relation": "father"})
    guardian = Guardian.objects.get(user=stranger)
    assert guardian.status == Guardian.Status.PENDING
    assert not Guardianship.objects.filter(user=stranger).exists()
    assert "小明" not in client.get(reverse("learning:home")).content.decode()
    # The teacher knows this family and confirms: only then is the stranger a guardian.
    guardian_approve(guardian=guardian)
    assert Guardianship.objects.filter(user=stranger, child=child).exists()


def test_a_stranger_cannot_pre_claim_a_listed_child_before_the_real_parent_registers(
    client, school_class
):
    rows = "年级,班级,学生,家长,手机号,关系\n三年级,2班,小红,,13700004444,母亲\n"
    assert roster_import(rows.encode(), school=school_class.school).ok
    stranger = parent_add()
    client.force_login(stranger)
    client.post(join_url(school_class), {"nickname": "小红", "relation": "mother"})
    assert Guardian.objects.get(user=stranger).status == Guardian.Status.PENDING
    assert Student.objects.get(nickname="小红").child is None
    assert not Child.objects.filter(guardianships__user=stranger).exists()


def test_a_parents_own_child_profile_is_never_merged_into_a_claimed_student(client, school_class):
    mother = parent_add()
    client.force_login(mother)
    client.post(join_url(school_class), {"nickname": "小明", "relation": "mother"})
    first_child = Student.objects.get(nickname="小明").child
    client.logout()
    other = parent_add()
    own = Child.objects.create(nickname="小明", stage="primary_middle")
    Guardianship.objects.create(child=own, user=other, relation="father")
    client.force_login(other)
    client.post(join_url(school_class), {"child": str(own.pk), "relation": "father"})
    assert Student.objects.get(nickname="小明").child == first_child
    assert Guardian.objects.get(user=other).status == Guardian.Status.PENDING
