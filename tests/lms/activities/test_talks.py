"""A school asks the lecturer team for a talk (送教上门); the bureau assigns a lecturer and the
talk becomes an activity for the school and for the lecturer."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from lms.accounts.roles import Role
from lms.activities.models import Activity, TalkRequest
from lms.notifications.models import Notification
from tests.courses.factories import LecturerFactory, UserFactory
from tests.lms.schools.factories import school_add, staff_add

pytestmark = pytest.mark.django_db


@pytest.fixture
def parties():
    school = school_add()
    lecturer_user = UserFactory(role=Role.LECTURER)
    return {
        "school": school,
        "admin": staff_add(school, admin=True),
        "teacher": staff_add(school),
        "bureau": UserFactory(role=Role.BUREAU_ADMIN),
        "lecturer": LecturerFactory(name="张医生", account=lecturer_user),
        "lecturer_user": lecturer_user,
    }


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_request_assign_and_both_sides_see_the_talk(parties):
    admin = _client(parties["admin"])
    response = admin.post(
        "/activities/talks/",
        {
            "topic": "青春期心理健康",
            "preferred_dates": "十二月中旬的周五下午",
            "audience_note": "初一",
        },
    )
    assert response.status_code == 302
    talk = TalkRequest.objects.get()
    assert talk.status == TalkRequest.Status.REQUESTED and talk.school == parties["school"]
    # Teachers who are not administrators cannot request; the bureau answers.
    assert _client(parties["teacher"]).get("/activities/talks/").status_code == 404
    assert admin.post(f"/activities/talks/{talk.pk}/answer/", {}).status_code == 404
    day = timezone.localdate() + timedelta(days=14)
    bureau = _client(parties["bureau"])
    bureau.post(
        f"/activities/talks/{talk.pk}/answer/",
        {
            "decision": "assign",
            "lecturer": parties["lecturer"].pk,
            "day": day.isoformat(),
            "starts": "15:00",
            "ends": "16:30",
            "place": "学校礼堂",
        },
    )
    talk.refresh_from_db()
    activity = Activity.objects.get()
    assert talk.status == TalkRequest.Status.ASSIGNED and talk.activity == activity
    assert activity.school == parties["school"] and activity.lecturer == parties["lecturer"]
    assert timezone.localtime(activity.starts_at).date() == day
    # On the school's side, on the lecturer's, and on the bureau's lecturer-team list.
    for user in (parties["admin"], parties["lecturer_user"], parties["bureau"]):
        assert _client(user).get(f"/activities/{activity.pk}/manage/").status_code == 200
    assert Notification.objects.filter(user=parties["admin"]).exists()
    assert Notification.objects.filter(user=parties["lecturer_user"]).exists()
    # Answering twice is refused.
    bureau.post(f"/activities/talks/{talk.pk}/answer/", {"decision": "decline", "reply": "x"})
    talk.refresh_from_db()
    assert talk.status == TalkRequest.Status.ASSIGNED and Activity.objects.count() == 1


def test_a_declined_request_tells_the_school_why(parties):
    _client(parties["admin"]).post(
        "/activities/talks/", {"topic": "防溺水", "preferred_dates": "下周"}
    )
    talk = TalkRequest.objects.get()
    _client(parties["bureau"]).post(
        f"/activities/talks/{talk.pk}/answer/", {"decision": "decline", "reply": "本月讲师已排满"}
    )
    talk.refresh_from_db()
    assert talk.status == TalkRequest.Status.DECLINED
    page = _client(parties["admin"]).get("/activities/talks/").content.decode()
    assert "本月讲师已排满" in page


def test_an_incomplete_assignment_changes_nothing(parties):
    _client(parties["admin"]).post("/activities/talks/", {"topic": "x", "preferred_dates": "y"})
    talk = TalkRequest.objects.get()
    _client(parties["bureau"]).post(
        f"/activities/talks/{talk.pk}/answer/", {"decision": "assign", "place": "礼堂"}
    )
    talk.refresh_from_db()
    assert talk.status == TalkRequest.Status.REQUESTED and not Activity.objects.exists()
