"""Filing, changing and ending a care notice; the reminder before it ends; the copy into the
support ledger (through lms.support's own service, which checks and audits)."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.accounts.phone import phone_normalize
from lms.activities.models import Community
from lms.care.models import CareNotice
from lms.care.selectors import notice_copyable, student_of_family
from lms.core.errors import ServiceError
from lms.notifications.models import Notification
from lms.notifications.services import notification_send
from lms.schools.models import Guardian, Student
from lms.support.services import record_left_behind_copy

NOTE_MAX = 500
REMIND_DAYS_BEFORE = 7


def _cleaned(
    *,
    caregiver: str,
    relation: str,
    phone: str,
    starts_on: date,
    ends_on: date,
    call_rhythm: str,
    note: str,
    community_id: int,
) -> dict:
    """The notice's fields, checked; a refusal names the field it is about."""
    caregiver = caregiver.strip()
    if not caregiver:
        raise ServiceError(_("Say who looks after the child, e.g. Grandma."), field="caregiver")
    if len(caregiver) > 20:
        raise ServiceError(_("Keep the caregiver's name short (20 characters)."), field="caregiver")
    if relation not in CareNotice.Relation.values:
        raise ServiceError(_("Choose how the caregiver is related to the child."), field="relation")
    number = phone_normalize(phone or "")
    if number is None:
        raise ServiceError(
            _("Enter an 11-digit mainland mobile number, such as 13800138000."), field="phone"
        )
    if ends_on < starts_on:
        raise ServiceError(_("The end date cannot be before the start date."), field="ends_on")
    if call_rhythm not in CareNotice.CallRhythm.values:
        raise ServiceError(_("Choose how often the parents call."), field="call_rhythm")
    note = note.strip()
    if len(note) > NOTE_MAX:
        raise ServiceError(_("Keep the note to 500 characters."), field="note")
    community = Community.objects.filter(pk=community_id).first()
    if community is None:
        raise ServiceError(
            _("Choose your village or residents' committee from the list."), field="community"
        )
    return {
        "caregiver": caregiver,
        "relation": relation,
        "phone": number,
        "starts_on": starts_on,
        "ends_on": ends_on,
        "call_rhythm": call_rhythm,
        "note": note,
        "community": community,
    }


def _head_teacher_tell(*, notice: CareNotice, title: str) -> None:
    head = notice.student.school_class.head_teacher
    if head is not None and head.is_active:
        notification_send(
            user=head,
            title=title,
            url=reverse("care:detail", args=[notice.pk]),
            kind=Notification.Kind.CARE,
        )


def _overlap_refuse(*, student: Student, data: dict, notice: CareNotice | None = None) -> None:
    """One arrangement at a time, so the school never weighs two caregivers against each
    other: a notice over the dates of another one still running is refused."""
    overlapping = CareNotice.objects.filter(
        student=student,
        ended_on__isnull=True,
        starts_on__lte=data["ends_on"],
        ends_on__gte=data["starts_on"],
    )
    if notice is not None:
        overlapping = overlapping.exclude(pk=notice.pk)
    if overlapping.exists():
        raise ServiceError(
            _("There is already a care notice for %(child)s in these dates: update that one.")
            % {"child": student.nickname},
            field="starts_on",
        )


def notice_file(*, user, student: Student, **fields) -> CareNotice:
    """A guardian files a notice about one of their children; the head teacher is told."""
    if student_of_family(user=user, student_id=student.pk) is None:
        raise ServiceError(_("You can only file a notice for your own child."), field="student")
    data = _cleaned(**fields)
    if data["ends_on"] < timezone.localdate():
        raise ServiceError(_("The end date has already passed."), field="ends_on")
    _overlap_refuse(student=student, data=data)
    with transaction.atomic():
        notice = CareNotice.objects.create(student=student, filed_by=user, changed_by=user, **data)
        transaction.on_commit(
            lambda: _head_teacher_tell(
                notice=notice,
                title=_("%(child)s's family filed an entrusted-care notice")
                % {"child": student.nickname},
            )
        )
    return notice


def notice_change(*, user, notice: CareNotice, **fields) -> CareNotice:
    """The family corrects or extends a notice. Kept in place, not as versions: who changed
    it last is all that is kept. A new end date earns a new reminder."""
    if notice.ended_on is not None:
        raise ServiceError(_("This notice has ended. File a new one."))
    data = _cleaned(**fields)
    if data["ends_on"] < timezone.localdate():
        raise ServiceError(_("The end date has already passed."), field="ends_on")
    _overlap_refuse(student=notice.student, data=data, notice=notice)
    if data["ends_on"] != notice.ends_on:
        notice.reminded_at = None
    for name, value in data.items():
        setattr(notice, name, value)
    notice.changed_by = user
    notice.save()
    transaction.on_commit(
        lambda: _head_teacher_tell(
            notice=notice,
            title=_("%(child)s's family updated their entrusted-care notice")
            % {"child": notice.student.nickname},
        )
    )
    return notice


def notice_end(*, user, notice: CareNotice) -> CareNotice:
    """The family is back early: the notice ends today (ending twice changes nothing)."""
    if notice.ended_on is None:
        notice.ended_on, notice.changed_by = timezone.localdate(), user
        notice.save(update_fields=["ended_on", "changed_by", "changed_at"])
    return notice


def reminders_send(*, today: date | None = None) -> int:
    """Daily: tell the family a week before a notice ends, once per end date. A second run
    the same day (or any later day) sends nothing new."""
    today = today or timezone.localdate()
    due = CareNotice.objects.filter(
        ended_on__isnull=True,
        reminded_at__isnull=True,
        ends_on__gte=today,
        ends_on__lte=today + timedelta(days=REMIND_DAYS_BEFORE),
    ).select_related("student")
    sent = 0
    for notice in due:
        # Claim the reminder first: two workers running at once send it once.
        claimed = CareNotice.objects.filter(pk=notice.pk, reminded_at__isnull=True).update(
            reminded_at=timezone.now()
        )
        if not claimed:
            continue
        guardians = Guardian.objects.filter(
            student=notice.student, status=Guardian.Status.ACTIVE, user__is_active=True
        ).select_related("user")
        for guardian in guardians:
            notification_send(
                user=guardian.user,
                title=_("The care notice for %(child)s ends on %(day)s")
                % {"child": notice.student.nickname, "day": notice.ends_on.isoformat()},
                body=_("Still away? Change the end date so the school and the committee know."),
                url=reverse("care:detail", args=[notice.pk]),
                kind=Notification.Kind.CARE,
            )
            sent += 1
    return sent


def notice_ledger_copy(*, user, notice_id: int):
    """Designated ledger staff copy a notice into the support ledger in one action. Only the
    ledger's service writes there (and audits); a notice never does so by itself."""
    notice = notice_copyable(user=user, notice_id=notice_id)
    if notice is None:
        raise ServiceError(_("This notice cannot be copied."))
    review_on = min(notice.ends_on, timezone.localdate() + timedelta(days=30))
    record, created = record_left_behind_copy(
        user=user,
        student=notice.student,
        caregiver=f"{notice.caregiver}（{notice.get_relation_display()}）",
        contact_rhythm=notice.get_call_rhythm_display(),
        needs=_("Entrusted care from %(start)s to %(end)s, from the family's notice.")
        % {"start": notice.starts_on.isoformat(), "end": notice.ends_on.isoformat()},
        review_on=review_on,
    )
    return record, created
