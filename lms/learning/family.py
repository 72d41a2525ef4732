"""Family codes: a guardian invites another family member to a child (no class involved)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from lms.core.errors import ServiceError
from lms.core.forms import form_error_add
from lms.learning.models import Guardianship
from lms.learning.selectors import child_of_guardian
from lms.learning.services import FAMILY_CODE_DAYS, family_invite_accept, family_invite_create


class FamilyJoinForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Family code"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    relation = forms.ChoiceField(
        label=gettext_lazy("You are the child's"), choices=Guardianship.Relation.choices
    )


@require_POST
@login_required
def family_invite(request, child_id: int):
    child = child_of_guardian(user=request.user, child_id=child_id)
    if child is None:
        raise Http404
    code = family_invite_create(child=child, by=request.user)
    join_url = request.build_absolute_uri(reverse("learning:family_join") + f"?code={code}")
    # Shown once: only a hash is kept.
    return render(
        request,
        "learning/family_invite.html",
        {"child": child, "code": code, "join_url": join_url, "days": FAMILY_CODE_DAYS},
    )


@login_required
def family_join(request):
    form = FamilyJoinForm(request.POST or None, initial={"code": request.GET.get("code", "")})
    if request.method == "POST" and form.is_valid():
        try:
            guardianship = family_invite_accept(
                code=form.cleaned_data["code"],
                user=request.user,
                relation=form.cleaned_data["relation"],
            )
        except ServiceError as error:
            form_error_add(form, error)
        else:
            messages.success(
                request,
                _("You are now in %(child)s's family.") % {"child": guardianship.child.nickname},
            )
            return redirect("learning:home")
    return render(request, "learning/family_join.html", {"form": form})
