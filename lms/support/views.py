"""The ledger's pages: designated staff only. Everyone else gets 404, and the refusal is
written to the audit log like every view, change and export."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.core.errors import ServiceError
from lms.core.forms import form_error_add
from lms.core.tables import Table, table_response
from lms.support import access, selectors
from lms.support.forms import ActionForm, CourseSendForm, RecordForm
from lms.support.models import AuditEntry, SupportRecord
from lms.support.services import action_add, course_send, record_close, record_create


def _require_designated(request, what: str) -> None:
    if not access.is_designated(user=request.user):
        access.audit_write(user=request.user, action=AuditEntry.Action.DENIED, detail=what)
        raise Http404


def _record(request, record_id: int, action=AuditEntry.Action.VIEW) -> SupportRecord:
    record = access.record_for(user=request.user, record_id=record_id, action=action)
    if record is None:
        raise Http404
    return record


@login_required
def ledger(request):
    _require_designated(request, "list")
    records = selectors.records_listed(user=request.user)
    access.audit_write(user=request.user, action=AuditEntry.Action.LIST)
    today = timezone.localdate()
    return render(
        request,
        "support/ledger.html",
        {
            "open": [r for r in records if r.status == SupportRecord.Status.OPEN],
            "closed": [r for r in records if r.status == SupportRecord.Status.CLOSED],
            "today": today,
            "can_read_audit": access.may_read_audit(user=request.user),
        },
    )


@login_required
def record_new(request):
    _require_designated(request, "new")
    if request.method != "POST":
        access.audit_write(user=request.user, action=AuditEntry.Action.VIEW, detail="new form")
    # Posting a student id from elsewhere is checked again by the service (and audited).
    form = RecordForm(
        request.POST or None,
        students=selectors.students_designated(user=request.user),
        staff=selectors.staff_designated(user=request.user),
        initial={"responsible": str(request.user.pk)},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        student = form.students[data.pop("student")]
        responsible = form.staff[data.pop("responsible")]
        try:
            record = record_create(
                user=request.user, student=student, responsible=responsible, **data
            )
        except ServiceError as error:
            form_error_add(form, error)
        else:
            messages.success(request, _("Record created."))
            return redirect("support:record", record_id=record.pk)
    return render(request, "support/record_form.html", {"form": form})


@login_required
def record_detail(request, record_id: int):
    record = _record(request, record_id)
    return render(
        request,
        "support/record_detail.html",
        {
            "record": record,
            "actions": selectors.record_actions(record=record),
            "action_form": ActionForm(),
            "course_form": CourseSendForm(),
            "overdue": record.overdue_on(timezone.localdate()),
        },
    )


@login_required
@require_POST
def record_action(request, record_id: int):
    record = _record(request, record_id, action=AuditEntry.Action.CHANGE)
    form = ActionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the date, the kind of action and a note."))
    else:
        try:
            action_add(record=record, user=request.user, **form.cleaned_data)
            messages.success(request, _("Action recorded."))
        except ServiceError as error:
            messages.error(request, str(error))
    return redirect("support:record", record_id=record.pk)


@login_required
@require_POST
def record_close_view(request, record_id: int):
    record = _record(request, record_id, action=AuditEntry.Action.CHANGE)
    record_close(record=record, user=request.user, reason=request.POST.get("reason", ""))
    messages.success(request, _("Record closed. It will be deleted after the keeping period."))
    return redirect("support:record", record_id=record.pk)


@login_required
@require_POST
def record_course(request, record_id: int):
    record = _record(request, record_id, action=AuditEntry.Action.CHANGE)
    form = CourseSendForm(request.POST)
    if form.is_valid():
        sent = course_send(record=record, user=request.user, course=form.cleaned_data["course"])
        messages.success(request, _("Sent to %(count)s caregivers.") % {"count": sent})
    else:
        messages.error(request, _("Choose a course."))
    return redirect("support:record", record_id=record.pk)


@login_required
def ledger_export(request, fmt: str):
    _require_designated(request, "export")
    records = selectors.records_exported(user=request.user)
    access.audit_write(user=request.user, action=AuditEntry.Action.EXPORT, detail=fmt)
    table = Table(
        title=_("Support ledger"),
        headers=[
            _("School"),
            _("Class"),
            _("Student"),
            _("Categories"),
            _("Caregiver"),
            _("Responsible teacher"),
            _("Status"),
            _("Next review"),
            _("Actions"),
        ],
        rows=[
            [
                r.school.name,
                str(r.student.school_class),
                r.student.nickname,
                "、".join(r.category_labels()),
                r.caregiver,
                (r.responsible.display_name or r.responsible.username) if r.responsible else "—",
                r.get_status_display(),
                r.next_review_on.isoformat(),
                str(r.action_count),
            ]
            for r in records
        ],
    )
    return table_response(table, fmt=fmt, name="support-ledger")


@login_required
def audit_log(request):
    if not access.may_read_audit(user=request.user):
        access.audit_write(user=request.user, action=AuditEntry.Action.DENIED, detail="audit log")
        raise Http404
    entries = selectors.audit_entries()
    return render(request, "support/audit.html", {"entries": entries})
