"""Writes to the support ledger; each one is audited by the caller's access check or here."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.accounts.roles import Role
from lms.core.errors import ServiceError
from lms.notifications.services import notification_send
from lms.schools.models import Guardian, SchoolStaff, Student
from lms.support.access import audit_write, designated_scope
from lms.support.models import AuditEntry, Category, Designation, SupportAction, SupportRecord
from lms.support.selectors import designation_candidates


def record_create(
    *,
    user,
    student: Student,
    categories: list[str],
    caregiver: str,
    needs: str,
    responsible,
    next_review_on: date,
    parents_work_location: str = "",
    contact_rhythm: str = "",
    plan: str = "",
) -> SupportRecord:
    school_id = student.school_class.school_id
    bureau_wide, schools = designated_scope(user=user)
    if not bureau_wide and school_id not in schools:
        audit_write(
            user=user,
            action=AuditEntry.Action.DENIED,
            school_id=school_id,
            detail="create for a student of another school",
        )
        raise ServiceError(
            _("You can only keep records for students of your school."), field="student"
        )
    if not categories or any(c not in Category.values for c in categories):
        raise ServiceError(_("Choose at least one category."), field="categories")
    if not caregiver.strip() or not needs.strip():
        raise ServiceError(_("Say who cares for the child and what they need."), field="needs")
    if not SchoolStaff.objects.filter(school_id=school_id, user=responsible).exists():
        raise ServiceError(
            _("The responsible teacher must work at the school."), field="responsible"
        )
    if next_review_on < timezone.localdate():
        raise ServiceError(_("The next review must not be in the past."), field="next_review_on")
    with transaction.atomic():
        record = SupportRecord.objects.create(
            student=student,
            school_id=school_id,
            categories=list(dict.fromkeys(categories)),
            caregiver=caregiver.strip()[:80],
            parents_work_location=parents_work_location.strip()[:80],
            contact_rhythm=contact_rhythm.strip()[:80],
            needs=needs.strip()[:2000],
            plan=plan.strip()[:2000],
            responsible=responsible,
            next_review_on=next_review_on,
        )
        audit_write(
            user=user, action=AuditEntry.Action.CREATE, record_id=record.pk, school_id=school_id
        )
    return record


def action_add(
    *,
    record: SupportRecord,
    user,
    done_on: date,
    kind: str,
    note: str,
    next_review_on: date | None = None,
) -> SupportAction:
    """A dated support action; it may set the next review date."""
    if done_on > timezone.localdate():
        raise ServiceError(_("An action cannot be recorded before it happens."), field="done_on")
    if kind not in SupportAction.Kind.values or not note.strip():
        raise ServiceError(_("Choose the kind of action and describe it."), field="note")
    with transaction.atomic():
        action = SupportAction.objects.create(
            record=record, done_on=done_on, kind=kind, note=note.strip()[:2000], by=user
        )
        if next_review_on is not None:
            record.next_review_on = next_review_on
            record.save(update_fields=["next_review_on"])
        audit_write(
            user=user,
            action=AuditEntry.Action.CHANGE,
            record_id=record.pk,
            school_id=record.school_id,
            detail=f"action {kind}",
        )
    return action


def record_close(*, record: SupportRecord, user, reason: str) -> SupportRecord:
    record.status, record.closed_on = SupportRecord.Status.CLOSED, timezone.localdate()
    record.save(update_fields=["status", "closed_on"])
    audit_write(
        user=user,
        action=AuditEntry.Action.CHANGE,
        record_id=record.pk,
        school_id=record.school_id,
        detail=f"closed: {reason}"[:200],
    )
    return record


def records_purge(*, retention_days: int, today: date | None = None) -> int:
    """Delete records closed more than `retention_days` ago (their audit trail stays)."""
    today = today or timezone.localdate()
    old = SupportRecord.objects.filter(
        status=SupportRecord.Status.CLOSED, closed_on__lt=today - timedelta(days=retention_days)
    )
    purged = 0
    for record in old:
        audit_write(
            user=None,
            action=AuditEntry.Action.PURGE,
            record_id=record.pk,
            school_id=record.school_id,
            detail=f"closed on {record.closed_on}",
        )
        record.delete()
        purged += 1
    return purged


def course_send(*, record: SupportRecord, user, course) -> int:
    """Recommend a course to the child's caregivers. The notification reads like any other
    recommendation: nothing says why, and nothing appears on class pages."""
    guardians = Guardian.objects.filter(
        student=record.student, status=Guardian.Status.ACTIVE, user__isnull=False
    ).select_related("user")
    sent = 0
    for guardian in guardians:
        notification_send(
            user=guardian.user,
            title=_("A course recommended for you: %(title)s") % {"title": course.title},
            url=course.relative_url(course.get_site()) or "",
        )
        sent += 1
    action_add(
        record=record,
        user=user,
        done_on=timezone.localdate(),
        kind=SupportAction.Kind.RESOURCE,
        note=_("Course sent: %(title)s") % {"title": course.title},
    )
    return sent


# Designations: who may open the ledger. Only a ledger officer names them, never for
# themselves, and only a school's own staff (or, with no school, bureau staff). Every
# grant, change, end and refusal is in the audit log.

DESIGNATE_PERMISSION = "support.add_designation"


def _describe(user, school) -> str:
    who = (user.display_name or user.username) if user is not None else "—"
    return f"{who} ({user.username if user else '—'}) → {school.name if school else _('bureau')}"


def _refuse(*, by, user, school, message: str, field: str = "user"):
    audit_write(
        user=by,
        action=AuditEntry.Action.DENIED,
        school_id=school.pk if school else None,
        detail=f"{_describe(user, school)}: {message}",
    )
    raise ServiceError(message, field=field)


def designation_check(*, by, user, school, permission=DESIGNATE_PERMISSION, current=None):
    """Refuse (and audit the refusal) unless `by` may name `user` for `school`."""
    if not by.has_perm(permission):
        _refuse(by=by, user=user, school=school, message=_("Only a ledger officer may do this."))
    if user is None:
        _refuse(by=by, user=user, school=school, message=_("Choose a staff member."))
    if user.pk == by.pk:
        _refuse(by=by, user=user, school=school, message=_("Nobody can designate themselves."))
    if not designation_candidates(school=school).filter(pk=user.pk).exists():
        if school is not None:
            message = _("Only staff of %(school)s can be designated for its ledger.") % {
                "school": school.name
            }
        else:
            message = _("Without a school, only bureau staff can be designated.")
        _refuse(by=by, user=user, school=school, message=message)
    taken = Designation.objects.filter(user=user, school=school)
    if current is not None:
        taken = taken.exclude(pk=current.pk)
    if taken.exists():
        _refuse(by=by, user=user, school=school, message=_("This person is already designated."))


def designation_grant(*, by, user, school=None) -> Designation:
    designation_check(by=by, user=user, school=school)
    with transaction.atomic():
        designation = Designation.objects.create(user=user, school=school, granted_by=by)
        audit_write(
            user=by,
            action=AuditEntry.Action.GRANT,
            school_id=school.pk if school else None,
            detail=_describe(user, school),
        )
    return designation


def designation_change(*, by, designation: Designation, user, school=None) -> Designation:
    before = Designation.objects.select_related("user", "school").get(pk=designation.pk)
    designation_check(
        by=by,
        user=user,
        school=school,
        permission="support.change_designation",
        current=before,
    )
    with transaction.atomic():
        Designation.objects.filter(pk=before.pk).update(user=user, school=school, granted_by=by)
        audit_write(
            user=by,
            action=AuditEntry.Action.AMEND,
            school_id=school.pk if school else None,
            detail=f"{_describe(before.user, before.school)} ⇒ {_describe(user, school)}",
        )
    designation.refresh_from_db()
    return designation


def designation_end(*, by, designation: Designation) -> None:
    if not by.has_perm("support.delete_designation"):
        _refuse(
            by=by,
            user=designation.user,
            school=designation.school,
            message=_("Only a ledger officer may do this."),
        )
    with transaction.atomic():
        audit_write(
            user=by,
            action=AuditEntry.Action.REVOKE,
            school_id=designation.school_id,
            detail=_describe(designation.user, designation.school),
        )
        designation.delete()


def ledger_officer_name(*, user, remove: bool = False) -> None:
    """At set-up (a command, not a page): give or take the ledger officer role. Audited
    with no acting user, since it is done on the server."""
    group, _created = Group.objects.get_or_create(name=Role.LEDGER_OFFICER.value)
    if remove:
        user.groups.remove(group)
    else:
        user.groups.add(group)
    audit_write(
        user=None,
        action=AuditEntry.Action.REVOKE if remove else AuditEntry.Action.GRANT,
        detail=f"{Role.LEDGER_OFFICER.label}: {_describe(user, None)}",
    )


def designation_seed(*, user, school=None) -> Designation:
    """A designation made by set-up or demo data rather than by a person; still audited."""
    designation, created = Designation.objects.get_or_create(user=user, school=school)
    if created:
        audit_write(
            user=None,
            action=AuditEntry.Action.GRANT,
            school_id=school.pk if school else None,
            detail=_describe(user, school),
        )
    return designation


def record_left_behind_copy(
    *, user, student: Student, caregiver: str, contact_rhythm: str, needs: str, review_on: date
) -> tuple[SupportRecord, bool]:
    """What a family told the school about who cares for the child (lms.care), copied in by
    designated staff: the child's open record gains the left-behind category and the
    caregiver, or a record is opened. (record, created); copying again changes nothing more."""
    school = student.school_class.school
    bureau_wide, schools = designated_scope(user=user)
    if not bureau_wide and school.pk not in schools:
        audit_write(
            user=user,
            action=AuditEntry.Action.DENIED,
            school_id=school.pk,
            detail="copy of a care notice",
        )
        raise ServiceError(_("You can only keep records for students of your school."))
    record = (
        SupportRecord.objects.filter(student=student, status=SupportRecord.Status.OPEN)
        .order_by("pk")
        .first()
    )
    if record is None:
        # The class's head teacher answers for it; else the copier, else an administrator.
        posts = SchoolStaff.objects.filter(school=school).select_related("user")
        staff = {post.user_id: post.user for post in posts.order_by("-is_admin", "pk")}
        responsible = (
            staff.get(student.school_class.head_teacher_id)
            or staff.get(user.pk)
            or next(iter(staff.values()), None)
        )
        record = record_create(
            user=user,
            student=student,
            categories=[Category.LEFT_BEHIND],
            caregiver=caregiver,
            contact_rhythm=contact_rhythm,
            needs=needs,
            responsible=responsible,
            next_review_on=max(review_on, timezone.localdate()),
        )
        return record, True
    with transaction.atomic():
        record.categories = list(dict.fromkeys([*record.categories, Category.LEFT_BEHIND]))
        record.caregiver, record.contact_rhythm = caregiver.strip()[:80], contact_rhythm[:80]
        record.save(update_fields=["categories", "caregiver", "contact_rhythm"])
        audit_write(
            user=user,
            action=AuditEntry.Action.CHANGE,
            record_id=record.pk,
            school_id=record.school_id,
            detail="copied from a care notice",
        )
    return record, False
