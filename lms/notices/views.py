"""Notices for families (list, page, attachment, confirm) and for senders (post, count,
who has not confirmed, withdraw). Anything a person may not see is a 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.core.errors import ServiceError
from lms.core.forms import form_error_add
from lms.notices import selectors
from lms.notices.attachments import IMAGES, content_type_of
from lms.notices.forms import NoticeForm
from lms.notices.models import Notice
from lms.notices.services import notice_confirm, notice_create, notice_mark_read, notice_withdraw


def _managed(request, notice_id: int) -> Notice:
    notice = selectors.notice_managed(user=request.user, notice_id=notice_id)
    if notice is None:
        raise Http404
    return notice


@login_required
def notice_list(request):
    return render(
        request,
        "notices/notice_list.html",
        {
            "items": selectors.notices_for_family(user=request.user),
            "managed": selectors.notices_managed_listed(user=request.user),
            "may_post": selectors.may_post(user=request.user),
        },
    )


@login_required
def notice_new(request):
    schools = selectors.schools_postable(user=request.user)
    if not schools:
        raise Http404
    may_urgent = selectors.administers_any(user=request.user)
    form = NoticeForm(
        request.POST or None,
        request.FILES or None,
        schools=schools,
        classes=selectors.classes_postable(user=request.user),
        may_urgent=may_urgent,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            notice = notice_create(
                author=request.user,
                school=data["school"],
                audience=data["audience"],
                grade=data.get("grade") or "",
                classes=list(data.get("classes") or []),
                title=data["title"],
                body=data["body"],
                asks_confirmation=data.get("asks_confirmation", False),
                urgent=data.get("urgent", False),
                publish_at=data.get("publish_at"),
                files=data.get("attachments") or [],
            )
        except ServiceError as error:
            form_error_add(form, error)
        else:
            messages.success(request, _("Notice posted."))
            return redirect("notices:detail", notice_id=notice.pk)
    return render(request, "notices/notice_form.html", {"form": form})


@login_required
def notice_detail(request, notice_id: int):
    managed = selectors.notice_managed(user=request.user, notice_id=notice_id)
    family = selectors.notice_for_family(user=request.user, notice_id=notice_id)
    notice = managed or family
    if notice is None:
        raise Http404
    context = {"notice": notice, "managed": managed is not None, "family": family is not None}
    if family is not None and notice.withdrawn_at is None:
        notice_mark_read(notice=notice, user=request.user)
        context["confirmed"] = selectors.notice_confirmed_by_family(
            notice=notice, user=request.user
        )
    if managed is not None and notice.asks_confirmation:
        context["tally"] = selectors.confirmation_tally(notice=notice)
    if managed is not None or notice.withdrawn_at is None:
        context["attachments"] = selectors.attachments_of(notice=notice)
    return render(request, "notices/notice_detail.html", context)


@login_required
@require_POST
def confirm(request, notice_id: int):
    notice = selectors.notice_for_family(user=request.user, notice_id=notice_id)
    if notice is None:
        raise Http404
    try:
        notice_confirm(notice=notice, user=request.user)
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Thank you: the school knows you have read it."))
    return redirect("notices:detail", notice_id=notice.pk)


@login_required
def attachment(request, notice_id: int, attachment_id: int):
    """The file, only to the notice's families (while it stands) and its senders."""
    notice = selectors.notice_managed(user=request.user, notice_id=notice_id)
    if notice is None:
        notice = selectors.notice_for_family(user=request.user, notice_id=notice_id)
        if notice is None or notice.withdrawn_at is not None:
            raise Http404
    found = selectors.attachment_of(notice=notice, attachment_id=attachment_id)
    if found is None:
        raise Http404
    try:
        handle = found.file.open("rb")
    except (FileNotFoundError, OSError) as error:
        raise Http404 from error
    response = FileResponse(
        handle,
        as_attachment=found.extension not in IMAGES,
        filename=found.name,
        content_type=content_type_of(found.extension),
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def unconfirmed(request, notice_id: int):
    """Private to the sender: the families still to confirm, to ring them."""
    notice = _managed(request, notice_id)
    if not notice.asks_confirmation:
        raise Http404
    return render(
        request,
        "notices/unconfirmed.html",
        {
            "notice": notice,
            "tally": selectors.confirmation_tally(notice=notice),
            "families": selectors.families_unconfirmed(notice=notice),
        },
    )


@login_required
def withdraw(request, notice_id: int):
    notice = _managed(request, notice_id)
    if request.method == "POST":
        try:
            notice_withdraw(notice=notice, by=request.user)
        except ServiceError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Notice withdrawn; families no longer see it."))
        return redirect("notices:detail", notice_id=notice.pk)
    return render(request, "notices/withdraw.html", {"notice": notice})
