"""Demo care notice: 小明's mother works away and tells the school that 奶奶 looks after him."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from lms.activities.models import Community
from lms.care.models import CareNotice
from lms.care.services import notice_file
from lms.schools.models import Guardian


@transaction.atomic
def demo_care_load(*, school_code: str) -> bool:
    """One current notice in the demo class, once; False when it exists or cannot be made
    (no demo family linked yet, or no demo community)."""
    guardian = (
        Guardian.objects.filter(
            student__school_class__school__code=school_code,
            student__nickname="小明",
            user__username="demo-parent",
            status=Guardian.Status.ACTIVE,
        )
        .select_related("student", "user")
        .first()
    )
    community = Community.objects.filter(name="东街社区").first()
    if guardian is None or community is None:
        return False
    if CareNotice.objects.filter(student=guardian.student).exists():
        return False
    today = timezone.localdate()
    notice_file(
        user=guardian.user,
        student=guardian.student,
        caregiver="奶奶",
        relation=CareNotice.Relation.GRANDMOTHER,
        phone="13800000002",
        starts_on=today - timedelta(days=20),
        ends_on=today + timedelta(days=100),
        call_rhythm=CareNotice.CallRhythm.SEVERAL_WEEKLY,
        note="妈妈在广东打工，春节回来。奶奶不太会用手机，有事请打电话。",
        community_id=community.pk,
    )
    return True
