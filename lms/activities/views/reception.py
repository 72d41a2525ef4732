"""Reception days (家长接待日): the teacher opens slots; a family books one for their child and
may cancel it; the teacher sees who booked and may cancel a booking (the family is told).

Who sees what (the matrix in docs/coeducation.md): a family of the class sees the slots,
their own booking and others' only as “已约”; the class's teachers and the school's
administrators see who booked; everyone else gets a 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.activities import slot_selectors as selectors
from lms.activities.forms import ReceptionBookForm, ReceptionDayForm
from lms.activities.services import activity_invite_audience
from lms.activities.slot_services import (
    reception_book,
    reception_cancel_by_family,
    reception_cancel_by_staff,
    reception_day_open,
)
from lms.core.errors import ServiceError
from lms.core.forms import form_error_add


@login_required
def reception_new(request):
    classes = selectors.reception_classes_openable(user=request.user)
    if not selectors.reception_may_open(user=request.user):
        raise Http404
    form = ReceptionDayForm(request.POST or None, classes=classes)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            activity = reception_day_open(
                user=request.user,
                school_class=data["school_class"],
                day=data["day"],
                starts=data["starts"],
                ends=data["ends"],
                minutes=data["minutes"],
                place=data.get("place") or "",
                by_phone=data.get("by_phone") or False,
            )
        except ServiceError as error:
            form_error_add(form, error)
        else:
            invited = activity_invite_audience(activity=activity)
            messages.success(
                request,
                _("Slots opened; %(count)s families were told.") % {"count": invited},
            )
            return redirect("activities:reception", activity_id=activity.pk)
    return render(request, "activities/reception_form.html", {"form": form})


@login_required
def reception_day(request, activity_id: int):
    managed = selectors.reception_day_managed(user=request.user, activity_id=activity_id)
    if managed is not None:
        return render(
            request,
            "activities/reception_staff.html",
            {
                "activity": managed,
                "school_class": selectors.reception_class_of(activity=managed),
                "rows": selectors.reception_slots_for_staff(activity=managed),
                "now": timezone.now(),
            },
        )
    activity = selectors.reception_day_for_family(user=request.user, activity_id=activity_id)
    if activity is None:
        raise Http404
    return render(
        request,
        "activities/reception_family.html",
        {
            "activity": activity,
            "slots": selectors.reception_slots_for_family(user=request.user, activity=activity),
            "children": selectors.reception_children(user=request.user, activity=activity),
        },
    )


@login_required
@require_POST
def reception_book_slot(request, slot_id: int):
    slot = selectors.reception_slot_for_family(user=request.user, slot_id=slot_id)
    if slot is None:
        raise Http404
    form = ReceptionBookForm(request.POST)
    student = None
    if form.is_valid():
        student = selectors.reception_child_of(
            user=request.user, activity=slot.activity, student_id=form.cleaned_data["student"]
        )
    if student is None:
        messages.error(request, _("Choose which child the slot is for."))
    else:
        try:
            reception_book(user=request.user, slot=slot, student=student)
            messages.success(request, _("Booked. The teacher will see you then."))
        except ServiceError as error:
            messages.error(request, str(error))
    return redirect("activities:reception", activity_id=slot.activity_id)


@login_required
@require_POST
def reception_cancel_slot(request, slot_id: int):
    slot = selectors.reception_slot_for_family(user=request.user, slot_id=slot_id)
    if slot is None:
        raise Http404
    booking = selectors.reception_booking_of_family(user=request.user, slot=slot)
    if booking is not None:
        try:
            reception_cancel_by_family(booking=booking, user=request.user)
            messages.success(request, _("Your slot is released. Thank you for telling us."))
        except ServiceError as error:
            messages.error(request, str(error))
    return redirect("activities:reception", activity_id=slot.activity_id)


@login_required
@require_POST
def reception_release_slot(request, slot_id: int):
    slot = selectors.reception_slot_managed(user=request.user, slot_id=slot_id)
    if slot is None:
        raise Http404
    booking = selectors.reception_booking_live(slot=slot)
    if booking is not None:
        try:
            reception_cancel_by_staff(
                booking=booking, user=request.user, reason=request.POST.get("reason", "")
            )
            messages.success(request, _("The booking is cancelled and the family was told."))
        except ServiceError as error:
            messages.error(request, str(error))
    return redirect("activities:reception", activity_id=slot.activity_id)
