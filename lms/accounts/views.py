from django.contrib.auth import login
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from lms.accounts.forms import RegisterForm
from lms.accounts.services import parent_register
from lms.schools.services import guardians_claim


def register(request):
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    if request.user.is_authenticated:
        return redirect(next_url or "learning:home")
    form = RegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = parent_register(
            phone=form.cleaned_data["phone"],
            password=form.cleaned_data["password1"],
            display_name=form.cleaned_data["display_name"],
        )
        # A school may have listed this number in its roster already.
        guardians_claim(user=user)
        login(request, user, backend="lms.accounts.backends.PhoneOrUsernameBackend")
        return redirect(next_url or "learning:child_add")
    return render(request, "accounts/register.html", {"form": form, "next": next_url})
