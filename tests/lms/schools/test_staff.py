import pytest
from django.urls import reverse

from lms.accounts.roles import Role
from lms.core.errors import ServiceError
from lms.schools.access import classes_managed
from lms.schools.models import SchoolStaff
from lms.schools.services.classes import class_teachers_set
from lms.schools.services.staff import staff_appoint
from tests.courses.factories import UserFactory
from tests.lms.schools.factories import class_add, school_add, staff_add

pytestmark = pytest.mark.django_db


def test_appointing_gives_the_role_and_classes_follow_the_post(client):
    school = school_add()
    admin = staff_add(school, admin=True)
    newcomer = UserFactory(phone="13755556666")
    school_class = class_add(school)
    client.force_login(admin)
    response = client.post(reverse("schools:staff", args=["s1"]), {"who": "137 5555 6666"})
    assert response.status_code == 302
    assert newcomer.groups.filter(name=Role.TEACHER.value).exists()
    client.post(
        reverse("schools:class_teachers", args=[school_class.pk]),
        {"head_teacher": str(newcomer.pk)},
    )
    assert school_class in classes_managed(user=newcomer)
    post = SchoolStaff.objects.get(user=newcomer)
    client.post(reverse("schools:staff_remove", args=["s1", post.pk]))
    assert not SchoolStaff.objects.filter(user=newcomer).exists()
    assert school_class not in classes_managed(user=newcomer)


def test_unknown_people_and_own_post_are_refused(client):
    school = school_add()
    admin = staff_add(school, admin=True)
    client.force_login(admin)
    response = client.post(reverse("schools:staff", args=["s1"]), {"who": "13700000000"})
    assert response.status_code == 200 and "field-error" in response.content.decode()
    own = SchoolStaff.objects.get(user=admin)
    client.post(reverse("schools:staff_remove", args=["s1", own.pk]))
    assert SchoolStaff.objects.filter(pk=own.pk).exists()


def test_only_the_school_staff_can_teach_its_classes():
    school, other = school_add(), school_add(code="s2", name="二小")
    outsider = staff_add(other)
    with pytest.raises(ServiceError):
        class_teachers_set(school_class=class_add(school), head_teacher=outsider, teachers=[])
    staff_appoint(school=school, user=outsider)
    class_teachers_set(
        school_class=class_add(school, name="3班"), head_teacher=outsider, teachers=[]
    )
