"""Class pages about who a family is: confirming unverified claims, reset codes for parents
without SMS, and unlocking the school's own people after failed sign-ins."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.accounts.selectors import lockouts_current
from lms.accounts.services import lockout_clear
from lms.core.errors import ServiceError
from lms.schools import access
from lms.schools.models import Guardian, SchoolStaff
from lms.schools.services import guardian_confirm, guardian_reset_code_issue
from lms.sms import phone_mask


def _class_guardian(request, class_id: int, guardian_id: int) -> Guardian:
    school_class = access.class_managed(user=request.user, class_id=class_id)
    if school_class is None:
        raise Http404
    return get_object_or_404(
        Guardian.objects.select_related("student__school_class__school", "user"),
        pk=guardian_id,
        student__school_class=school_class,
    )


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


def _people(user) -> set[str] | None:
    """Usernames and numbers the user may unlock: the bureau everyone, a school admin the
    families and staff of their schools; None means everyone."""
    if access.is_bureau(user):
        return None
    schools = access.schools_administered(user=user)
    if not schools.exists():
        raise Http404
    phones = set(
        Guardian.objects.filter(student__school_class__school__in=schools)
        .exclude(phone="")
        .values_list("phone", flat=True)
    )
    staff_ids = SchoolStaff.objects.filter(school__in=schools).values_list("user_id", flat=True)
    accounts = get_user_model().objects.filter(
        Q(pk__in=staff_ids) | Q(school_guardianships__student__school_class__school__in=schools)
    )
    for username, phone in accounts.values_list("username", "phone"):
        phones.add(username)
        if phone:
            phones.add(phone)
    return phones


@login_required
def lockouts(request):
    people = _people(request.user)
    if request.method == "POST":
        username = request.POST.get("username", "")
        if people is not None and username not in people:
            raise Http404
        lockout_clear(username=username, by=request.user)
        messages.success(request, _("Unlocked. They can sign in again now."))
        return redirect("schools:lockouts")
    rows = [
        {"username": row.username, "shown": phone_mask(row.username), "lockout": row}
        for row in lockouts_current(usernames=people)
    ]
    return render(request, "schools/lockouts.html", {"rows": rows})
