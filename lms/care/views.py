"""The family files and keeps its care notices; the school, the station and designated
ledger staff read them. Whatever a person may not see is a 404, never a hint."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.care import selectors
from lms.care.forms import CareNoticeForm
from lms.care.services import notice_change, notice_end, notice_file, notice_ledger_copy
from lms.core.errors import ServiceError
from lms.core.fields import id_or_none
from lms.core.forms import form_error_add


@login_required
def family_list(request):
    today = timezone.localdate()
    notices = [(n, n.status_on(today)) for n in selectors.notices_of_family(user=request.user)]
    return render(
        request,
        "care/family_list.html",
        {"notices": notices, "children": selectors.students_of_family(user=request.user)},
    )


@login_required
def notice_new(request, student_id: int | None = None):
    children = selectors.students_of_family(user=request.user)
    if not children:
        raise Http404
    if student_id is None:
        if len(children) == 1:
            return redirect("care:new_for", student_id=children[0].pk)
        return render(request, "care/child_choose.html", {"children": children})
    student = selectors.student_of_family(user=request.user, student_id=student_id)
    if student is None:
        raise Http404
    form = CareNoticeForm(request.POST or None, communities=selectors.communities_grouped())
    if request.method == "POST" and form.is_valid():
        try:
            notice = notice_file(user=request.user, student=student, **form.service_fields())
        except ServiceError as error:
            form_error_add(form, error)
        else:
            messages.success(request, _("Sent to the school and to your committee. Thank you."))
            return redirect("care:detail", notice_id=notice.pk)
    return render(request, "care/notice_form.html", {"form": form, "student": student})


@login_required
def notice_edit(request, notice_id: int):
    notice = selectors.notice_of_family(user=request.user, notice_id=notice_id)
    if notice is None:
        raise Http404
    initial = {
        name: getattr(notice, name)
        for name in ("caregiver", "relation", "phone", "starts_on", "ends_on", "call_rhythm")
    }
    initial |= {"note": notice.note, "community": notice.community_id}
    form = CareNoticeForm(
        request.POST or None, initial=initial, communities=selectors.communities_grouped()
    )
    if request.method == "POST" and form.is_valid():
        try:
            notice_change(user=request.user, notice=notice, **form.service_fields())
        except ServiceError as error:
            form_error_add(form, error)
        else:
            messages.success(request, _("Notice updated. The school sees the change."))
            return redirect("care:detail", notice_id=notice.pk)
    return render(
        request,
        "care/notice_form.html",
        {"form": form, "student": notice.student, "notice": notice},
    )


@login_required
@require_POST
def notice_end_view(request, notice_id: int):
    notice = selectors.notice_of_family(user=request.user, notice_id=notice_id)
    if notice is None:
        raise Http404
    notice_end(user=request.user, notice=notice)
    messages.success(request, _("Notice ended. Welcome home."))
    return redirect("care:detail", notice_id=notice.pk)


@login_required
def notice_detail(request, notice_id: int):
    notice = selectors.notice_visible(user=request.user, notice_id=notice_id)
    if notice is None:
        raise Http404
    family = selectors.notice_of_family(user=request.user, notice_id=notice_id) is not None
    status = notice.status_on(timezone.localdate())
    return render(
        request,
        "care/notice_detail.html",
        {
            "notice": notice,
            "status": status,
            "is_family": family,
            "may_copy": status != "ended" and selectors.may_copy(user=request.user, notice=notice),
        },
    )


@login_required
def received_list(request):
    if not selectors.may_receive(user=request.user):
        raise Http404
    class_id = id_or_none(request.GET.get("class", ""))
    notices = list(selectors.notices_received(user=request.user, class_id=class_id))
    return render(request, "care/received_list.html", {"notices": notices, "class_id": class_id})


@login_required
@require_POST
def ledger_copy(request, notice_id: int):
    # Anyone not designated for the notice's school meets the same 404 as a wrong id.
    if selectors.notice_copyable(user=request.user, notice_id=notice_id) is None:
        raise Http404
    try:
        _record, created = notice_ledger_copy(user=request.user, notice_id=notice_id)
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Copied into the support ledger.")
            if created
            else _("The child's ledger record is up to date with this notice."),
        )
    return redirect("care:detail", notice_id=notice_id)


@login_required
def county(request):
    if not selectors.may_see_counts(user=request.user):
        raise Http404
    return render(request, "care/county.html", {"counts": selectors.county_counts()})
