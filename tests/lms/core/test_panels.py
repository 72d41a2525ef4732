"""Higher apps show their parts on lower apps' pages through lms.core's panel slots."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lms.activities.models import Activity
from lms.activities.services import activity_create
from lms.core.panels import panels_for
from lms.support.models import Designation
from tests.lms.schools.factories import class_add, family_join, school_add, staff_add

pytestmark = pytest.mark.django_db


def test_my_learning_lists_the_familys_activities_before_the_school_assignments():
    assert [panel.template for panel in panels_for(slot="my_learning")] == [
        "notices/includes/family_notices.html",  # a notice may ask for confirmation: on top
        "messaging/includes/family_panel.html",  # one "contact the teacher" button
        "activities/includes/family_activities.html",
        "activities/includes/family_talks.html",
        "schools/includes/family_assignments.html",
        "care/includes/my_learning_entry.html",
    ]


def test_an_invited_family_sees_the_activity_on_my_learning():
    school = school_add()
    teacher = staff_add(school)
    school_class = class_add(school, teacher=teacher)
    start = timezone.now() + timedelta(days=2)
    activity_create(
        title="三年级家长会",
        kind=Activity.Kind.PARENT_MEETING,
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        audience=Activity.Audience.CLASSES,
        classes=[school_class],
        organised_by=teacher,
        school=school,
        place="三楼会议室",
    )
    invited, stranger = Client(), Client()
    invited.force_login(family_join(school_class))
    stranger.force_login(family_join(class_add(school, name="3班")))
    assert "三年级家长会" in invited.get(reverse("learning:home")).content.decode()
    assert "三年级家长会" not in stranger.get(reverse("learning:home")).content.decode()


def test_the_staff_home_links_the_ledger_only_for_designated_staff():
    school = school_add()
    designated, teacher = staff_add(school), staff_add(school)
    Designation.objects.create(user=designated, school=school)
    ledger = f'href="{reverse("support:ledger")}"'
    pages = {}
    for name, user in {"designated": designated, "teacher": teacher}.items():
        client = Client()
        client.force_login(user)
        pages[name] = client.get(reverse("schools:home")).content.decode()
    assert ledger in pages["designated"]
    assert ledger not in pages["teacher"]
