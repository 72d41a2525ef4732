from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from lms.notifications.selectors import notifications_for
from lms.notifications.services import notifications_mark_read, reminders_opt


@login_required
def notifications(request):
    context = notifications_for(user=request.user)
    response = render(request, "notifications/notifications.html", context)
    notifications_mark_read(user=request.user)
    return response


@require_POST
@login_required
def reminders(request):
    reminders_opt(user=request.user, wanted=request.POST.get("wanted") == "1")
    return redirect("notifications")
