"""The school of a talk request is decided by the service: one the requester runs."""

import pytest
from django.test import Client

from lms.activities.models import TalkRequest
from lms.activities.selectors import schools_requesting_talks
from lms.activities.services import talk_request
from lms.core.errors import ServiceError
from lms.schools.models import SchoolStaff
from tests.lms.schools.factories import school_add, staff_add

pytestmark = pytest.mark.django_db
TALK = {"topic": "亲子沟通", "preferred_dates": "下周三下午", "audience_note": ""}


@pytest.fixture
def two_schools():
    first, second = school_add(code="s1", name="城关小学"), school_add(code="s2", name="东关小学")
    admin = staff_add(first, admin=True)
    SchoolStaff.objects.create(school=second, user=admin, is_admin=True)
    return admin, first, second


def test_the_request_is_for_the_school_chosen_among_those_the_requester_runs(two_schools):
    admin, _first, second = two_schools
    assert talk_request(requested_by=admin, school_id=str(second.pk), **TALK).school == second


def test_without_a_choice_or_with_another_schools_id_it_is_for_the_first_they_run(two_schools):
    admin = two_schools[0]
    first = schools_requesting_talks(user=admin)[0]  # as the page lists them
    elsewhere = school_add(code="s3", name="西关小学")
    assert talk_request(requested_by=admin, **TALK).school == first
    assert talk_request(requested_by=admin, school_id=str(elsewhere.pk), **TALK).school == first
    assert talk_request(requested_by=admin, school_id="abc", **TALK).school == first


def test_a_teacher_who_runs_no_school_is_refused_and_nothing_is_stored():
    teacher = staff_add(school_add())
    with pytest.raises(ServiceError) as refused:
        talk_request(requested_by=teacher, **TALK)
    assert refused.value.field == "school"
    assert not TalkRequest.objects.exists()


def test_the_page_sends_the_chosen_school(two_schools):
    admin, _first, second = two_schools
    client = Client()
    client.force_login(admin)
    response = client.post("/activities/talks/", {**TALK, "school": str(second.pk)})
    assert response.status_code == 302
    assert TalkRequest.objects.get().school == second
