"""Care test data: communities with stations, and notices filed through the service."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from lms.activities.models import Community, Station
from lms.care.services import notice_file


def community_add(name="河口村", township="河口乡", *, staff=None) -> Community:
    community = Community.objects.create(name=name, township=township, is_village=True)
    station = Station.objects.create(
        name=f"{name}家庭教育指导站", community=community, host=Station.Host.OTHER
    )
    for user in staff or []:
        station.staff.add(user)
    return community


def notice_fields(community, **overrides) -> dict:
    today = timezone.localdate()
    fields = {
        "caregiver": "奶奶",
        "relation": "grandmother",
        "phone": "13912345678",
        "starts_on": today,
        "ends_on": today + timedelta(days=60),
        "call_rhythm": "several_weekly",
        "note": "孩子对花生过敏",
        "community_id": community.pk,
    }
    fields.update(overrides)
    return fields


def notice_add(parent, student, community, **overrides):
    return notice_file(user=parent, student=student, **notice_fields(community, **overrides))
