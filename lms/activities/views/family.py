"""Families: an activity's page, signing up or cancelling, checking in on site, the survey."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.activities import selectors
from lms.activities.forms import SurveyForm
from lms.activities.models import Activity
from lms.activities.services import (
    check_in_by_qr,
    check_in_window,
    signup_cancel,
    signup_create,
    survey_submit,
)
from lms.core.errors import ServiceError


def _family_activity(request, activity_id: int):
    activity = selectors.activity_for_family(user=request.user, activity_id=activity_id)
    if activity is None:
        raise Http404
    return activity


@login_required
def activity_detail(request, activity_id: int):
    managed = selectors.activity_managed(user=request.user, activity_id=activity_id)
    activity = managed or _family_activity(request, activity_id)
    if activity.kind == Activity.Kind.RECEPTION_DAY:
        return redirect("activities:reception", activity_id=activity.pk)
    signup = selectors.signup_of(activity=activity, user=request.user)
    now = timezone.now()
    survey_form = None
    if signup is not None and signup.survey_pending:
        survey_form = SurveyForm()
    return render(
        request,
        "activities/activity_detail.html",
        {
            "activity": activity,
            "signup": signup,
            "can_manage": managed is not None,
            "taken": selectors.places_taken(activity=activity),
            "is_over": activity.ends_at <= now,
            "survey_form": survey_form,
        },
    )


@login_required
@require_POST
def signup(request, activity_id: int):
    activity = _family_activity(request, activity_id)
    try:
        signup_create(activity=activity, user=request.user)
        messages.success(request, _("You have a place. See you there!"))
    except ServiceError as error:
        messages.error(request, str(error))
    return redirect("activities:detail", activity_id=activity.pk)


@login_required
@require_POST
def cancel(request, activity_id: int):
    activity = _family_activity(request, activity_id)
    mine = selectors.signup_of(activity=activity, user=request.user)
    if mine is not None and mine.holds_place:
        try:
            signup_cancel(signup=mine)
            messages.success(request, _("Your place is released. Thank you for telling us."))
        except ServiceError as error:
            messages.error(request, str(error))
    return redirect("activities:detail", activity_id=activity.pk)


@login_required
def check_in(request, code: str):
    """Where the QR code on site leads: a page with one button (a scan alone changes nothing)."""
    activity = selectors.activity_by_check_in_code(code=code)
    if activity is None:
        return render(request, "activities/check_in.html", {"unknown": True}, status=404)
    context = {"activity": activity, "code": code}
    if request.method == "POST":
        try:
            found, walk_in = check_in_by_qr(activity=activity, user=request.user, code=code)
        except ServiceError as error:
            opens, closes = check_in_window(activity)
            context.update(error=str(error), opens=opens, closes=closes)
            return render(request, "activities/check_in.html", context, status=400)
        if walk_in:
            messages.info(
                request, _("Welcome! You had not signed up, so you are recorded as a walk-in.")
            )
        else:
            messages.success(request, _("You are checked in. Welcome!"))
        return redirect("activities:detail", activity_id=found.activity_id)
    return render(request, "activities/check_in.html", context)


@login_required
@require_POST
def survey(request, activity_id: int):
    activity = _family_activity(request, activity_id)
    mine = selectors.signup_of(activity=activity, user=request.user)
    form = SurveyForm(request.POST)
    if mine is None:
        messages.error(request, _("The survey is for families who attended."))
    elif not form.is_valid():
        messages.error(request, _("Choose from 1 to 5."))
    else:
        try:
            survey_submit(
                signup=mine,
                rating=form.cleaned_data["rating"],
                comment=form.cleaned_data.get("comment") or "",
            )
            messages.success(request, _("Thank you for your answer."))
        except ServiceError as error:
            messages.error(request, str(error))
    return redirect("activities:detail", activity_id=activity.pk)
