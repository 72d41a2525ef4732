"""Organisers (schools, stations, the bureau for the lecturer team): schedule activities,
take attendance, show the check-in code; schools request talks, the bureau assigns them."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.accounts import roles
from lms.activities import selectors
from lms.activities.forms import ActivityForm, TalkAssignForm, TalkRequestForm
from lms.activities.meeting_services import activity_schedule
from lms.activities.models import Activity
from lms.activities.services import (
    activity_invite_audience,
    attendance_set,
    talk_assign,
    talk_decline,
    talk_request,
)
from lms.activities.slot_selectors import reception_may_open
from lms.activities.tables import attendance_file_name, attendance_table
from lms.core.errors import ServiceError
from lms.core.forms import form_error_add
from lms.core.qr import qr_response
from lms.core.tables import table_response


def _managed(request, activity_id: int) -> Activity:
    activity = selectors.activity_managed(user=request.user, activity_id=activity_id)
    if activity is None:
        raise Http404
    return activity


@login_required
def activity_list(request):
    organisers = selectors.organisers_for(user=request.user)
    managed = selectors.activities_managed_listed(user=request.user)
    if not organisers and not managed:
        return render(
            request,
            "activities/family_list.html",
            {"items": selectors.activities_for_family(user=request.user)},
        )
    return render(
        request,
        "activities/activity_list.html",
        {
            "activities": managed,
            "can_create": bool(organisers),
            "can_request_talk": bool(selectors.schools_requesting_talks(user=request.user)),
            "can_open_reception": reception_may_open(user=request.user),
            "is_bureau": roles.is_bureau(request.user),
            "stations": selectors.station_year_counts(
                user=request.user, year=timezone.localdate().year
            ),
            "station_required": settings.LMS_REQUIRED_STATION_ACTIVITIES_PER_YEAR,
        },
    )


@login_required
def activity_new(request):
    organisers = selectors.organisers_for(user=request.user)
    if not organisers:
        raise Http404
    classes = selectors.classes_for_organiser(user=request.user)
    form = ActivityForm(request.POST or None, organisers=organisers, classes=classes)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        organiser = data["organiser_obj"]
        kind = data["organiser"].split(":")[0]
        try:
            activity = activity_schedule(
                title=data["title"],
                kind=data["kind"],
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                audience=data["audience"],
                organised_by=request.user,
                school=organiser if kind == "school" else None,
                station=organiser if kind == "station" else None,
                by_lecturer_team=kind == "team",
                classes=data["class_objs"],
                grade=data.get("grade") or "",
                place=data.get("place") or "",
                live_link=data.get("live_link") or "",
                capacity=data.get("capacity"),
                credit_hours=data["credit_hours"],
                description=data.get("description") or "",
            )
        except ServiceError as error:
            form_error_add(form, error)
        else:
            invited = activity_invite_audience(activity=activity)
            messages.success(
                request,
                _("Activity scheduled; %(count)s families were told.") % {"count": invited},
            )
            return redirect("activities:manage", activity_id=activity.pk)
    return render(request, "activities/activity_form.html", {"form": form})


@login_required
def activity_manage(request, activity_id: int, fmt: str = ""):
    """The check-in code and the attendance list; `fmt` exports the list (csv, xlsx)."""
    activity = _managed(request, activity_id)
    rows = selectors.check_list(activity=activity)
    table = attendance_table(activity=activity, rows=rows)
    if fmt:
        return table_response(table, fmt=fmt, name=attendance_file_name(activity=activity))
    check_url = request.build_absolute_uri(
        reverse("activities:check_in", args=[activity.check_in_code])
    )
    return render(
        request,
        "activities/activity_manage.html",
        {
            "activity": activity,
            "table": table,
            "pairs": list(zip(rows, table.rows, strict=True)),
            "stats": selectors.activity_stats_of(activity=activity),
            "check_in_url": check_url,
        },
    )


@login_required
@require_POST
def attendance(request, activity_id: int, user_id: int):
    activity = _managed(request, activity_id)
    user = selectors.attendee_get(activity=activity, user_id=user_id)
    if user is None:
        raise Http404
    try:
        attendance_set(activity=activity, user=user, attended=request.POST.get("attended") == "1")
    except ServiceError as error:
        messages.error(request, str(error))
    return redirect("activities:manage", activity_id=activity.pk)


@login_required
def activity_qr(request, activity_id: int, fmt: str):
    activity = _managed(request, activity_id)
    url = request.build_absolute_uri(reverse("activities:check_in", args=[activity.check_in_code]))
    return qr_response(url, fmt=fmt, filename=f"activity-{activity.pk}-check-in")


@login_required
def talks(request):
    """Schools request talks; the bureau sees every request and answers them."""
    is_bureau = roles.is_bureau(request.user)
    schools = selectors.schools_requesting_talks(user=request.user)
    if not is_bureau and not schools:
        raise Http404
    form = TalkRequestForm(request.POST or None) if schools else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            talk_request(
                requested_by=request.user,
                school_id=request.POST.get("school"),
                **form.cleaned_data,
            )
            messages.success(request, _("Request sent to the bureau."))
            return redirect("activities:talks")
        except ServiceError as error:
            form.add_error(None, str(error))
    return render(
        request,
        "activities/talks.html",
        {
            "form": form,
            "schools": schools,
            "requests": selectors.talk_requests_visible(user=request.user),
            "is_bureau": is_bureau,
            "assign_form": TalkAssignForm() if is_bureau else None,
        },
    )


@login_required
@require_POST
def talk_answer(request, request_id: int):
    if not roles.is_bureau(request.user):
        raise Http404
    talk = selectors.talk_request_get(request_id=request_id)
    if talk is None:
        raise Http404
    try:
        if request.POST.get("decision") == "decline":
            talk_decline(request=talk, reply=request.POST.get("reply", ""))
            messages.success(request, _("The school has been told."))
        else:
            form = TalkAssignForm(request.POST)
            if not form.is_valid():
                messages.error(
                    request, _("Choose the lecturer, the date, the times and the place.")
                )
                return redirect("activities:talks")
            data = form.cleaned_data
            talk_assign(
                request=talk,
                lecturer=data["lecturer"],
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                place=data["place"],
                assigned_by=request.user,
            )
            messages.success(request, _("Lecturer assigned; the talk is on the school's list."))
    except ServiceError as error:
        messages.error(request, str(error))
    return redirect("activities:talks")
