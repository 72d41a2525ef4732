"""The online activity's recording on its page (the player that counts attendance) and the
organiser's form to attach it, as inclusion tags so the activity views stay as they are."""

from __future__ import annotations

from django import template

from lms.activities.talk_forms import OnlineReplayForm
from lms.activities.talk_selectors import online_watch, replay_choices

register = template.Library()


@register.inclusion_tag("activities/includes/online_watch.html", takes_context=True)
def online_watch_panel(context, activity) -> dict:
    user = context["request"].user
    return {"watch": online_watch(activity=activity, user=user), "activity": activity}


@register.inclusion_tag("activities/includes/online_replay_form.html", takes_context=True)
def online_replay_panel(context, activity) -> dict:
    request = context["request"]
    if activity.kind != "online":
        return {"form": None}
    choices = replay_choices(user=request.user)
    return {
        "activity": activity,
        "form": OnlineReplayForm(choices=choices, initial={"share": activity.replay_share}),
        "offered": bool(choices.assets or choices.lessons),
        "csrf_token": context.get("csrf_token"),
    }
