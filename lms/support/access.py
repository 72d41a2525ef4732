"""Who reaches the ledger: staff designated at the record's school, or designated bureau
staff. Every answer, yes or no, leaves an audit entry."""

from __future__ import annotations

from django.db.models import QuerySet

from lms.accounts.roles import is_bureau
from lms.support.models import AuditEntry, Designation, SupportRecord


def audit_write(*, user, action: str, record_id: int | None = None, school_id=None, detail=""):
    AuditEntry.objects.create(
        user=user if user is not None and user.is_authenticated else None,
        action=action,
        record_id=record_id,
        school_id=school_id,
        detail=detail[:200],
    )


def designated_scope(*, user) -> tuple[bool, set[int]]:
    """(sees every school, school ids) for this user; (False, set()) when not designated."""
    if not user.is_authenticated:
        return False, set()
    rows = list(Designation.objects.filter(user=user).values_list("school_id", flat=True))
    bureau_wide = None in rows and is_bureau(user)
    # A school designation lapses with the post: someone who left the school sees nothing.
    posts = set(user.school_posts.values_list("school_id", flat=True))
    return bureau_wide, {school_id for school_id in rows if school_id in posts}


def is_designated(*, user) -> bool:
    bureau_wide, schools = designated_scope(user=user)
    return bureau_wide or bool(schools)


def may_read_audit(*, user) -> bool:
    """The audit log is for designated bureau staff only (it names who looked at what)."""
    bureau_wide, _schools = designated_scope(user=user)
    return bureau_wide


def records_visible(*, user) -> QuerySet[SupportRecord]:
    bureau_wide, schools = designated_scope(user=user)
    if bureau_wide:
        return SupportRecord.objects.all()
    return SupportRecord.objects.filter(school_id__in=schools)


def record_for(*, user, record_id: int, action: str = AuditEntry.Action.VIEW):
    """The record if the user is designated for it (audited as `action`), else None
    (audited as a refusal)."""
    record = records_visible(user=user).select_related("student", "school").filter(pk=record_id)
    found = record.first()
    if found is None:
        audit_write(user=user, action=AuditEntry.Action.DENIED, record_id=record_id)
        return None
    audit_write(user=user, action=action, record_id=found.pk, school_id=found.school_id)
    return found
