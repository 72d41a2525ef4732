"""Family codes: a guardian invites a grandparent or the other parent to the child."""

from datetime import timedelta

import pytest
from django.utils import timezone

from lms.core.errors import ServiceError
from lms.learning.models import Child, FamilyInvite, Guardianship
from lms.learning.services import child_add, family_invite_accept, family_invite_create
from tests.courses.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def mother():
    return UserFactory(phone="13912340001")


@pytest.fixture
def child(mother):
    return child_add(guardian=mother, nickname="小明", relation="mother", stage="primary_middle")


def test_a_mother_invites_the_grandmother_through_the_pages(client, mother, child):
    client.force_login(mother)
    response = client.post(f"/learning/children/{child.pk}/invite/")
    body = response.content.decode()
    assert response.status_code == 200 and "邀请家人" in body
    code = body.split("data-family-code>")[1].split("<")[0]
    assert len(code) == 10 and code not in FamilyInvite.objects.get().code_hash
    grandmother = UserFactory(phone="13912340002")
    client.force_login(grandmother)
    response = client.post(
        "/learning/family/", {"code": code.lower(), "relation": "maternal_grandmother"}
    )
    assert response.status_code == 302
    assert Guardianship.objects.get(user=grandmother, child=child).relation == (
        "maternal_grandmother"
    )
    assert "小明" in client.get("/learning/").content.decode()


def test_a_family_code_works_once(mother, child):
    code = family_invite_create(child=child, by=mother)
    family_invite_accept(code=code, user=UserFactory(), relation="father")
    with pytest.raises(ServiceError, match="已经用过"):
        family_invite_accept(code=code, user=UserFactory(), relation="grandfather")
    assert child.guardianships.count() == 2


def test_a_family_code_expires_after_a_week(mother, child):
    code = family_invite_create(child=child, by=mother, now=timezone.now() - timedelta(days=8))
    with pytest.raises(ServiceError, match="无效或已过期"):
        family_invite_accept(code=code, user=UserFactory(), relation="father")


def test_a_wrong_code_or_relation_is_refused_clearly(client, mother, child):
    family_invite_create(child=child, by=mother)
    client.force_login(UserFactory())
    response = client.post("/learning/family/", {"code": "WRONGCODE2", "relation": "father"})
    assert response.status_code == 200 and "无效或已过期" in response.content.decode()
    with pytest.raises(ServiceError):
        family_invite_accept(code="x", user=UserFactory(), relation="neighbour")
    assert child.guardianships.count() == 1


def test_only_the_childs_family_can_invite(client, child):
    outsider = UserFactory()
    with pytest.raises(ServiceError):
        family_invite_create(child=child, by=outsider)
    client.force_login(outsider)
    assert client.post(f"/learning/children/{child.pk}/invite/").status_code == 404
    assert not FamilyInvite.objects.exists()


def test_joining_twice_is_said_plainly(mother, child):
    code = family_invite_create(child=child, by=mother)
    with pytest.raises(ServiceError, match="已经是"):
        family_invite_accept(code=code, user=mother, relation="mother")
    assert Child.objects.count() == 1
