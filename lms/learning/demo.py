"""Demo learning: the demo parent has finished one course, so `make run` shows a certificate
(page, picture, PDF) and a statement of 学时 with a line in it."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from courses.models import CoursePage, LessonPage
from lms.learning.models import Certificate, CreditEntry, Enrolment
from lms.learning.services import certificate_issue, credit_record

DEMO_PARENT = "demo-parent"


@transaction.atomic
def demo_certificate_load() -> bool:
    """One completed course with its 学时 and certificate for the demo parent, once; False
    when the demo parent already has a certificate or there is no parent or course."""
    parent = get_user_model().objects.filter(username=DEMO_PARENT).first()
    if parent is None or Certificate.objects.filter(enrolment__user=parent).exists():
        return False
    # Not a course for 小明's stage: the demo school assigns one of those, which stays to do.
    courses = CoursePage.objects.live().public().exclude(stages__code="primary_middle")
    course = courses.filter(credit_hours__gt=0).order_by("path").first()
    if course is None:
        return False
    now = timezone.now()
    lessons = LessonPage.objects.child_of(course).live().filter(required=True).count()
    enrolment, _created = Enrolment.objects.update_or_create(
        user=parent,
        course=course,
        defaults={
            "completed_at": now,
            "credit_hours": course.credit_hours,
            "lessons_required": lessons,
            "lessons_completed": lessons,
        },
    )
    credit_record(
        user=parent,
        source=CreditEntry.Source.COURSE,
        source_id=course.pk,
        title=course.title,
        hours=course.credit_hours,
        earned_at=now,
    )
    certificate_issue(enrolment=enrolment)
    return True
