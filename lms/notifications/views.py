from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.core.errors import ServiceError
from lms.core.forms import form_error_add
from lms.notifications.forms import PreferencesForm
from lms.notifications.selectors import notifications_for
from lms.notifications.services import notification_preferences_set, notifications_mark_read


def _form(context: dict, data=None) -> PreferencesForm:
    return PreferencesForm(
        data,
        channels_open=context["channels_open"],
        initial={"kinds": context["wanted_kinds"], "channel": context["channel"]},
    )


@login_required
def notifications(request):
    context = notifications_for(user=request.user)
    context["form"] = _form(context)
    response = render(request, "notifications/notifications.html", context)
    notifications_mark_read(user=request.user)
    return response


@require_POST
@login_required
def preferences(request):
    context = notifications_for(user=request.user)
    form = _form(context, request.POST)
    if form.is_valid():
        try:
            notification_preferences_set(
                user=request.user,
                wanted_kinds=form.cleaned_data["kinds"],
                channel=form.cleaned_data["channel"],
            )
        except ServiceError as error:
            form_error_add(form, error)
        else:
            messages.success(request, _("Your choices are saved."))
            return redirect("notifications")
    context["form"] = form
    return render(request, "notifications/notifications.html", context, status=400)
