"""Class pages about who a family is: confirming unverified claims, reset codes for parents
without SMS, and unlocking the school's own people after failed sign-ins."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.accounts.selectors import lockouts_current
from lms.accounts.services import lockout_clear
from lms.core.errors import ServiceError
from lms.schools import access
from lms.schools.models import Guardian
from lms.schools.selectors.classes import class_guardian
from lms.schools.selectors.staff import lockout_scope
from lms.schools.services.joining import guardian_confirm, guardian_reset_code_issue
from lms.sms import phone_mask


def _class_guardian(request, class_id: int, guardian_id: int) -> Guardian:
    school_class = access.class_managed(user=request.user, class_id=class_id)
    if school_class is None:
        raise Http404
    guardian = class_guardian(school_class=school_class, guardian_id=guardian_id)
    if guardian is None:
        raise Http404
    return guardian


@require_POST
@login_required
def guardian_confirm_view(request, class_id: int, guardian_id: int):
    guardian = _class_guardian(request, class_id, guardian_id)
    guardian_confirm(guardian=guardian, by=request.user)
    messages.success(request, _("Confirmed."))
    return redirect("schools:class", class_id=class_id)


@require_POST
@login_required
def guardian_reset_code(request, class_id: int, guardian_id: int):
    guardian = _class_guardian(request, class_id, guardian_id)
    try:
        code = guardian_reset_code_issue(guardian=guardian, by=request.user)
    except ServiceError as error:
        messages.error(request, str(error))
        return redirect("schools:class", class_id=class_id)
    # Shown this once; only a hash is kept.
    return render(
        request,
        "schools/reset_code.html",
        {
            "guardian": guardian,
            "school_class": guardian.student.school_class,
            "code": code,
            "phone": phone_mask(guardian.user.phone),
        },
    )


@login_required
def lockouts(request):
    scope = lockout_scope(user=request.user)
    if scope is None:
        raise Http404
    if request.method == "POST":
        username = request.POST.get("username", "")
        if not scope.covers(username):
            raise Http404
        lockout_clear(username=username, by=request.user)
        messages.success(request, _("Unlocked. They can sign in again now."))
        return redirect("schools:lockouts")
    rows = [
        {"username": row.username, "shown": phone_mask(row.username), "lockout": row}
        for row in lockouts_current(usernames=scope.people)
    ]
    return render(request, "schools/lockouts.html", {"rows": rows})
