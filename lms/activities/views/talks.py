"""The lecturer team's talks (courses.TalkPage): families sign up, cancel and add the talk to
their calendar; the organiser (the talk's lecturer, the bureau) sees who signed up."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.activities import selectors as activity_selectors
from lms.activities import talk_selectors
from lms.activities.talk_calendar import talk_ics
from lms.activities.talk_forms import OnlineReplayForm, TalkReplayForm
from lms.activities.talk_online import online_replay_set
from lms.activities.talk_services import (
    talk_replay_attach,
    talk_signup_cancel,
    talk_signup_create,
)
from lms.core.errors import ServiceError


def _live_talk(talk_id: int):
    talk = talk_selectors.talk_live_get(talk_id=talk_id)
    if talk is None:
        raise Http404
    return talk


@login_required
@require_POST
def talk_signup(request, talk_id: int):
    talk = _live_talk(talk_id)
    try:
        created = talk_signup_create(talk=talk, user=request.user)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("You are signed up.") if created else _("You were already signed up.")
        )
    return redirect(talk.url)


@login_required
@require_POST
def talk_cancel(request, talk_id: int):
    talk = _live_talk(talk_id)
    try:
        cancelled = talk_signup_cancel(talk=talk, user=request.user)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        if cancelled:
            messages.success(request, _("Your sign-up is cancelled; the place is free again."))
        else:
            messages.info(request, _("You had no sign-up to cancel (it may already be cancelled)."))
    return redirect(talk.url)


def talk_calendar(request, talk_id: int):
    """The talk as an .ics file; a talk without a start time has none (404)."""
    talk = _live_talk(talk_id)
    body = talk_ics(talk=talk, page_url=request.build_absolute_uri(talk.url))
    if body is None:
        raise Http404
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="talk-{talk.pk}.ics"'
    return response


def _organised_talk(request, talk_id: int):
    talk = talk_selectors.talk_organised_get(talk_id=talk_id, user=request.user)
    if talk is None:
        raise Http404
    return talk


@login_required
def talk_signups(request, talk_id: int, replay_form: TalkReplayForm | None = None):
    """The organiser's list of who signed up, and the replay picker; others get a 404."""
    talk = _organised_talk(request, talk_id)
    rows = talk_selectors.talk_signups_listed(talk=talk)
    choices = talk_selectors.talk_replay_choices(talk=talk, user=request.user)
    return render(
        request,
        "activities/talk_signups.html",
        {
            "talk": talk,
            "rows": rows,
            "count": talk_selectors.talk_places_taken(talk=talk),
            "replay_editable": talk_selectors.talk_replay_editable(talk=talk, user=request.user),
            "replay_form": replay_form or TalkReplayForm(choices=choices),
            "replay_offered": bool(choices.assets or choices.lessons),
        },
        status=400 if replay_form is not None else 200,
    )


@login_required
@require_POST
def talk_replay(request, talk_id: int):
    """Attach the chosen recording as the replay, in one action (published, or sent for review)."""
    talk = _organised_talk(request, talk_id)
    choices = talk_selectors.talk_replay_choices(talk=talk, user=request.user)
    form = TalkReplayForm(request.POST, choices=choices)
    if not form.is_valid():
        return talk_signups(request, talk_id, replay_form=form)
    try:
        talk, published = talk_replay_attach(talk=talk, user=request.user, **form.picked)
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect("activities:talk_signups", talk_id=talk.pk)
    if not published:
        messages.success(
            request,
            _(
                "The replay is sent for review: families can watch it on the talk page "
                "once a reviewer approves it."
            ),
        )
        return redirect("activities:talk_signups", talk_id=talk.pk)
    messages.success(request, _("The replay is attached: families can watch it on the talk page."))
    return redirect(talk.url)


@login_required
@require_POST
def online_replay(request, activity_id: int):
    """An online activity's organiser attaches its recording and the share to watch."""
    activity = activity_selectors.activity_managed(user=request.user, activity_id=activity_id)
    if activity is None:
        raise Http404
    choices = talk_selectors.replay_choices(user=request.user)
    form = OnlineReplayForm(request.POST, choices=choices)
    if not form.is_valid():
        messages.error(
            request,
            _("Choose a recording that is ready to play (or a lesson whose video is ready)."),
        )
        return redirect("activities:manage", activity_id=activity.pk)
    try:
        online_replay_set(
            activity=activity, user=request.user, share=form.cleaned_data["share"], **form.picked
        )
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("The recording is attached: families can watch it on the activity page.")
        )
    return redirect("activities:manage", activity_id=activity.pk)


@login_required
def talks_mine(request):
    """A lecturer's own talks, each with its places taken and a way to its sign-ups."""
    return render(
        request,
        "activities/talks_mine.html",
        {"given": talk_selectors.talks_given(user=request.user)},
    )
