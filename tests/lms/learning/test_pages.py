import pytest
from django.contrib.auth import get_user_model

from lms.learning.models import Child, Enrolment
from lms.learning.services import certificate_issue, child_add
from tests.courses.factories import course_add
from tests.lms.accounts.helpers import register

pytestmark = pytest.mark.django_db


def test_a_parent_registers_with_a_phone_and_adds_a_child(client):
    response = register(client, "139 1234 5678", "liang-ge-mi-ma-7", display_name="小明妈妈")
    assert response.status_code == 302 and response["Location"] == "/learning/children/add/"
    user = get_user_model().objects.get(phone="13912345678")
    assert user.groups.filter(name="Parent").exists()
    response = client.post(
        "/learning/children/add/",
        {"nickname": "小明", "relation": "mother", "stage": "primary_middle"},
    )
    assert response.status_code == 302
    child = Child.objects.get()
    assert child.nickname == "小明" and child.guardianships.get().user == user


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (
            {"phone": "12345", "password1": "liang-ge-mi-ma-7", "password2": "liang-ge-mi-ma-7"},
            "11 位",
        ),
        ({"phone": "13912345678", "password1": "123", "password2": "123"}, "密码"),
        (
            {"phone": "13912345678", "password1": "liang-ge-mi-ma-7", "password2": "other-pass-8"},
            "不一致",
        ),
    ],
)
def test_registration_errors_are_clear_and_create_nothing(client, data, error):
    response = client.post("/accounts/register/", data)
    assert response.status_code == 200 and error in response.content.decode()
    assert not get_user_model().objects.filter(phone="13912345678").exists()


def test_child_needs_an_age_or_stage_and_no_more(client, parent):
    client.force_login(parent)
    response = client.post("/learning/children/add/", {"nickname": "大宝", "relation": "father"})
    assert response.status_code == 200 and not Child.objects.exists()
    response = client.post(
        "/learning/children/add/", {"nickname": "大宝", "relation": "father", "birth_year": "1990"}
    )
    assert response.status_code == 200 and not Child.objects.exists()


def test_home_page_suggests_courses_for_the_childrens_stages(client, parent):
    course_add(title="小学中段课程", stages=["primary_middle"])
    course_add(title="高中课程", stages=["senior"])
    child_add(guardian=parent, nickname="小明", relation="mother", stage="primary_middle")
    client.force_login(parent)
    html = client.get("/").content.decode()
    assert "小学中段课程" in html and "高中课程" not in html


def test_my_learning_and_the_certificate_with_public_verification(client, parent):
    course = course_add(title="情绪管理", credit_hours="1.5")
    from django.utils import timezone

    enrolment = Enrolment.objects.create(
        user=parent,
        course=course,
        lessons_completed=2,
        lessons_required=2,
        completed_at=timezone.now(),
        credit_hours="1.5",
    )
    certificate = certificate_issue(enrolment=enrolment)
    client.force_login(parent)
    page = client.get("/learning/").content.decode()
    assert "情绪管理" in page and "1.5" in page and certificate.code in page
    printable = client.get(f"/learning/certificates/{certificate.code}/").content.decode()
    # The QR code is on the certificate's picture (tests/lms/learning/test_certificate_files.py).
    assert (
        "王秀兰" in printable
        and f"/learning/certificates/{certificate.code}/certificate.png" in printable
        and f"/verify/{certificate.code}/" in printable
    )
    client.logout()
    public = client.get(f"/verify/{certificate.code.lower()}/").content.decode()
    assert "有效" in public and "情绪管理" in public and "王**" in public and "王秀兰" not in public
    assert client.get("/verify/NOPE123/").status_code == 404


def test_someone_elses_certificate_is_404(client, parent):
    from lms.accounts.roles import Role
    from tests.courses.factories import UserFactory

    course = course_add()
    certificate = certificate_issue(
        enrolment=Enrolment.objects.create(user=parent, course=course, credit_hours="1")
    )
    client.force_login(UserFactory(role=Role.PARENT))
    assert client.get(f"/learning/certificates/{certificate.code}/").status_code == 404
