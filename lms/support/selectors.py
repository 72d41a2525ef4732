"""Reads of the ledger. The ledger's own pages read only what `access` lets the user see
(and audits); supervision gets counts only: no record, name or category leaves the ledger
that way."""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet

from lms.accounts.roles import Role
from lms.schools.models import SchoolStaff, Student
from lms.support import access
from lms.support.models import AuditEntry, SupportAction, SupportRecord


def records_listed(*, user) -> QuerySet[SupportRecord]:
    """The ledger's list: the records the user is designated for, with what the rows show."""
    return access.records_visible(user=user).select_related(
        "student__school_class", "school", "responsible"
    )


def records_exported(*, user) -> QuerySet[SupportRecord]:
    """The ledger's export, each record with its number of actions."""
    return (
        access.records_visible(user=user)
        .select_related("student__school_class__school", "responsible")
        .annotate(action_count=Count("actions"))
    )


def record_actions(*, record: SupportRecord) -> QuerySet[SupportAction]:
    return record.actions.select_related("by")


def students_designated(*, user, limit: int = 2000) -> list[Student]:
    """Students a new record may be for: every school's for bureau-wide designation, else
    the designated schools'."""
    bureau_wide, schools = access.designated_scope(user=user)
    students = Student.objects.select_related("school_class__school").order_by(
        "school_class__school__name", "school_class__grade", "school_class__name", "nickname"
    )
    if not bureau_wide:
        students = students.filter(school_class__school_id__in=schools)
    return list(students[:limit])


def staff_designated(*, user) -> list[SchoolStaff]:
    """Staff posts a record may name as responsible, over the same schools."""
    bureau_wide, schools = access.designated_scope(user=user)
    posts = SchoolStaff.objects.select_related("school", "user").order_by(
        "school__name", "user__display_name"
    )
    return list(posts if bureau_wide else posts.filter(school_id__in=schools))


def audit_entries(*, limit: int = 500) -> list[AuditEntry]:
    return list(AuditEntry.objects.select_related("user")[:limit])


def designation_candidates(*, school=None) -> QuerySet:
    """Who may be named: the school's staff, or with no school, bureau staff."""
    users = get_user_model().objects.filter(is_active=True)
    if school is not None:
        return users.filter(school_posts__school=school).distinct()
    return users.filter(Q(groups__name=Role.BUREAU_ADMIN.value) | Q(is_superuser=True)).distinct()


def designation_posts() -> QuerySet[SchoolStaff]:
    """Active staff posts of every school, for the designation page's list."""
    return (
        SchoolStaff.objects.select_related("school", "user")
        .filter(user__is_active=True)
        .order_by("school__name", "user__display_name", "user__username")
    )


def designation_bureau_candidates() -> QuerySet:
    """Bureau staff who may be designated, for the same list."""
    return designation_candidates(school=None).order_by("display_name", "username")


def designation_accounts() -> QuerySet:
    """Every account validates as a designation's user, so a forged choice gets the service's
    clear, audited refusal rather than a bare "not a valid choice"."""
    return get_user_model().objects.all()


def follow_ups_on_time(*, school, on: date) -> tuple[int, int]:
    """(open records whose review is not overdue on `on`, open records) at a school."""
    open_records = SupportRecord.objects.filter(
        school=school, status=SupportRecord.Status.OPEN, opened_on__lte=on
    )
    return open_records.filter(next_review_on__gte=on).count(), open_records.count()


def follow_ups_by(*, user, start: date, end: date) -> int:
    return SupportAction.objects.filter(by=user, done_on__gte=start, done_on__lte=end).count()
