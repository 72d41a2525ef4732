"""Message pages: the family's threads and new message, the teacher's class inbox, a thread,
reporting and hiding a message, and the school administrator's overview and switch.

Anything a person may not see is a 404, whether they guessed an id or forged a form."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.core.errors import ServiceError
from lms.core.forms import form_error_add
from lms.core.quiet_hours import quiet_hours_now
from lms.messaging import selectors, services
from lms.messaging.forms import BodyForm, NewThreadForm, ReportForm, SchoolMessagingForm
from lms.messaging.selectors import Side


def _seen(request, thread_id: int):
    seen = selectors.thread_for(user=request.user, thread_id=thread_id)
    if seen is None:
        raise Http404
    return seen


@login_required
def inbox(request):
    return render(
        request,
        "messaging/inbox.html",
        {
            "family_rows": selectors.threads_of_family(user=request.user),
            "can_write": bool(selectors.recipients_for(user=request.user)),
            "class_inboxes": selectors.inboxes_of_teacher(user=request.user),
            "schools": list(selectors.schools_of_admin(user=request.user)),
            "quiet": quiet_hours_now(),
        },
    )


@login_required
def thread_new(request):
    recipients = selectors.recipients_for(user=request.user)
    if request.method == "POST":
        form = NewThreadForm(request.POST, recipients=recipients)
        if form.is_valid():
            chosen = selectors.recipient_for(user=request.user, key=form.cleaned_data["to"])
            if chosen is None:  # not one of the choices offered: a forged form
                raise Http404
            try:
                thread = services.thread_start(
                    user=request.user,
                    student=chosen.student,
                    teacher=chosen.teacher,
                    subject=form.cleaned_data["subject"],
                    body=form.cleaned_data["body"],
                )
            except ServiceError as error:
                form_error_add(form, error)
            else:
                messages.success(request, _("Sent. The teacher will answer here."))
                return redirect("messaging:thread", thread_id=thread.pk)
    else:
        form = NewThreadForm(recipients=recipients, initial={"to": request.GET.get("to", "")})
    return render(
        request,
        "messaging/thread_new.html",
        {"form": form, "recipients": recipients, "quiet": quiet_hours_now()},
    )


@login_required
def class_inbox(request, class_id: int):
    school_class = selectors.class_taught(user=request.user, class_id=class_id)
    if school_class is None:
        raise Http404
    return render(
        request,
        "messaging/class_inbox.html",
        {
            "school_class": school_class,
            "inbox": selectors.class_inbox(user=request.user, school_class=school_class),
            "quiet": quiet_hours_now(),
        },
    )


def _thread_page(request, seen, form):
    admin = seen.side is Side.ADMIN
    thread_messages = selectors.thread_messages(thread=seen.thread)
    if admin:  # who reported what and why is for the administrators only
        reports = selectors.thread_reports(thread=seen.thread)
        for message in thread_messages:
            message.report_list = reports.get(message.pk, [])
    return render(
        request,
        "messaging/thread.html",
        {
            "thread": seen.thread,
            "side": seen.side.value,
            "writes": seen.writes,
            "is_admin": admin,
            "thread_messages": thread_messages,
            "form": form,
            "quiet": quiet_hours_now(),
        },
    )


@login_required
def thread(request, thread_id: int):
    seen = _seen(request, thread_id)
    if request.method == "POST":
        if not seen.writes:  # administrators read; they do not write in families' threads
            raise Http404
        form = BodyForm(request.POST)
        if form.is_valid():
            try:
                services.message_post(seen=seen, user=request.user, body=form.cleaned_data["body"])
            except ServiceError as error:
                form_error_add(form, error)
            else:
                messages.success(request, _("Sent."))
                return redirect("messaging:thread", thread_id=seen.thread.pk)
        return _thread_page(request, seen, form)
    services.thread_read(seen=seen, user=request.user)
    return _thread_page(request, seen, BodyForm() if seen.writes else None)


def _message(seen, message_id):
    message = selectors.thread_message(thread=seen.thread, message_id=message_id)
    if message is None:
        raise Http404
    return message


@login_required
def message_report(request, thread_id: int, message_id: int):
    seen = _seen(request, thread_id)
    if not seen.writes:
        raise Http404
    message = _message(seen, message_id)
    if message.author_id == request.user.pk:
        raise Http404
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.message_report(
                seen=seen,
                user=request.user,
                message=message,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            )
        except ServiceError as error:
            form_error_add(form, error)
        else:
            messages.success(request, _("Reported. The school's administrator will look at it."))
            return redirect("messaging:thread", thread_id=seen.thread.pk)
    return render(
        request,
        "messaging/report.html",
        {"thread": seen.thread, "message": message, "form": form},
    )


@require_POST
@login_required
def message_hide(request, thread_id: int, message_id: int):
    seen = _seen(request, thread_id)
    if seen.side is not Side.ADMIN:
        raise Http404
    services.message_hide(seen=seen, user=request.user, message=_message(seen, message_id))
    messages.success(request, _("The message is hidden. It is kept for the record."))
    return redirect("messaging:thread", thread_id=seen.thread.pk)


@login_required
def school(request, code: str):
    found = selectors.school_of_admin(user=request.user, code=code)
    if found is None:
        raise Http404
    if request.method == "POST":
        form = SchoolMessagingForm(request.POST)
        if form.is_valid():
            services.school_messaging_set(
                school=found, subject_teachers=form.cleaned_data["subject_teachers"]
            )
            messages.success(request, _("Saved."))
            return redirect("messaging:school", code=found.code)
    else:
        form = SchoolMessagingForm(
            initial={"subject_teachers": selectors.subject_teachers_allowed(school=found)}
        )
    return render(
        request,
        "messaging/school.html",
        {"school": found, "form": form, "threads": selectors.threads_of_school(school=found)},
    )
