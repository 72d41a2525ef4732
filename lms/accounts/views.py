"""Registration, sign-in by SMS code and password reset: each is two steps on one page.

Step one asks for the number and sends a code; step two takes the code (and a password where
one is set). No JavaScript is needed; static/js/sms_code.js only counts down the resend button.
"""

from django.contrib import messages
from django.contrib.auth import login
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from lms.accounts.codes import CODE_MINUTES, phone_code_send
from lms.accounts.forms import CodeSignInForm, PasswordResetForm, PhoneForm, RegisterForm
from lms.accounts.models import PhoneCode
from lms.accounts.services import parent_register_with_code, password_reset
from lms.accounts.throttle import client_ip
from lms.core.errors import ServiceError
from lms.core.forms import form_error_add
from lms.sms import phone_mask

BACKEND = "lms.accounts.backends.PhoneOrUsernameBackend"


def _next_url(request) -> str:
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        return ""
    return next_url


def _code_flow(request, *, purpose, form_class, template, context, complete, form_kwargs=None):
    """Step one (send a code) or step two (use it); `complete(form)` returns a response or
    raises ServiceError."""
    form_kwargs = form_kwargs or {}
    context = {**context, "next": _next_url(request), "code_minutes": CODE_MINUTES}
    if request.method == "POST" and "send" in request.POST:
        phone_form = PhoneForm(request.POST)
        if phone_form.is_valid():
            try:
                number = phone_code_send(
                    phone=phone_form.cleaned_data["phone"],
                    purpose=purpose,
                    ip_address=client_ip(request),
                )
            except ServiceError as error:
                form_error_add(phone_form, error)
                status = 429 if error.retry_after else 200
                response = render(
                    request, template, {**context, "phone_form": phone_form}, status=status
                )
                if error.retry_after:
                    response["Retry-After"] = str(error.retry_after)
                return response
            # The same words whether or not the number has an account.
            context["sent_to"] = phone_mask(number)
            form = form_class(initial={"phone": number}, **form_kwargs)
            return render(request, template, {**context, "form": form, "phone": number})
        return render(request, template, {**context, "phone_form": phone_form})
    if request.method == "POST":
        form = form_class(request.POST, **form_kwargs)
        if form.is_valid():
            try:
                return complete(form)
            except ServiceError as error:
                form_error_add(form, error)
        return render(
            request, template, {**context, "form": form, "phone": request.POST.get("phone", "")}
        )
    if request.GET.get("step") == "code":
        form = form_class(initial={"phone": request.GET.get("phone", "")}, **form_kwargs)
        return render(request, template, {**context, "form": form})
    return render(request, template, {**context, "phone_form": PhoneForm()})


def register(request):
    next_url = _next_url(request)
    if request.user.is_authenticated:
        return redirect(next_url or "learning:home")

    def complete(form):
        user = parent_register_with_code(
            phone=form.cleaned_data["phone"],
            code=form.cleaned_data["code"],
            password=form.cleaned_data["password1"],
            display_name=form.cleaned_data["display_name"],
        )
        login(request, user, backend=BACKEND)
        return redirect(next_url or "learning:child_add")

    return _code_flow(
        request,
        purpose=PhoneCode.Purpose.REGISTER,
        form_class=RegisterForm,
        template="accounts/register.html",
        context={},
        complete=complete,
    )


def login_by_code(request):
    next_url = _next_url(request)
    if request.user.is_authenticated:
        return redirect(next_url or "/")

    def complete(form):
        login(request, form.user, backend="lms.accounts.backends.PhoneCodeBackend")
        return redirect(next_url or "/")

    return _code_flow(
        request,
        purpose=PhoneCode.Purpose.LOGIN,
        form_class=CodeSignInForm,
        template="accounts/login_code.html",
        context={},
        complete=complete,
        form_kwargs={"request": request},
    )


def password_reset_view(request):
    def complete(form):
        password_reset(
            phone=form.cleaned_data["phone"],
            code=form.cleaned_data["code"],
            password=form.cleaned_data["password1"],
        )
        messages.success(request, _("Your password is changed. Sign in with the new one."))
        return redirect("accounts:login")

    return _code_flow(
        request,
        purpose=PhoneCode.Purpose.RESET,
        form_class=PasswordResetForm,
        template="accounts/password_reset.html",
        context={},
        complete=complete,
    )
