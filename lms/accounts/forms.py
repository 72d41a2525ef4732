from django import forms
from django.contrib.auth import authenticate, get_user_model, password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from lms.accounts.phone import phone_normalize


class SignInForm(AuthenticationForm):
    """Sign in with a mobile number or a username."""

    username = forms.CharField(
        label=_("Mobile number or username"),
        max_length=150,
        widget=forms.TextInput(
            attrs={"autofocus": True, "autocomplete": "username", "inputmode": "text"}
        ),
    )
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "That mobile number or username and password do not match. Check them and try again."
        ),
    }


def _phone_field():
    return forms.CharField(
        label=_("Mobile number"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel", "type": "tel"}),
    )


def _code_field(label=None, help_text=""):
    return forms.CharField(
        label=label or _("Verification code"),
        max_length=12,
        help_text=help_text,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True}
        ),
    )


def _clean_phone(value: str) -> str:
    phone = phone_normalize(value)
    if phone is None:
        raise forms.ValidationError(
            _("Enter an 11-digit mainland mobile number, such as 13800138000.")
        )
    return phone


class PhoneForm(forms.Form):
    """The first step everywhere a code is sent: the number."""

    phone = _phone_field()

    def clean_phone(self):
        return _clean_phone(self.cleaned_data["phone"])


def _new_password_field(label):
    return forms.CharField(
        label=label, strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )


class _NewPasswordMixin:
    """A number and a new password typed twice: the two must agree and pass the validators."""

    def clean_phone(self):
        return _clean_phone(self.cleaned_data["phone"])

    def clean(self):
        cleaned = super().clean()
        self._check_passwords(cleaned)
        return cleaned

    def _check_passwords(self, cleaned):
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first and cleaned.get("phone"):
            user = get_user_model()(username=cleaned["phone"], phone=cleaned["phone"])
            try:
                password_validation.validate_password(first, user)
            except forms.ValidationError as error:
                self.add_error("password1", error)


class RegisterForm(_NewPasswordMixin, forms.Form):
    """Parents register with a mobile number proved by an SMS code, and a password.

    Whether the number is registered is said only after the code (to whoever holds the phone).
    """

    phone = _phone_field()
    code = _code_field(help_text=_("The 6 digits in the text message we sent."))
    display_name = forms.CharField(
        label=_("How should we address you?"),
        max_length=40,
        required=False,
        help_text=_("For example Xiaoming's mum. Optional."),
    )
    password1 = _new_password_field(_("Password"))
    password2 = _new_password_field(_("Password again"))


class CodeSignInForm(forms.Form):
    """Sign in with the number and the code texted to it (checked through authenticate, so
    django-axes counts a wrong code like a wrong password)."""

    phone = _phone_field()
    code = _code_field()

    def __init__(self, *args, request=None, **kwargs):
        self.request = request
        self.user = None
        super().__init__(*args, **kwargs)

    def clean_phone(self):
        return _clean_phone(self.cleaned_data["phone"])

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("phone") and cleaned.get("code"):
            self.user = authenticate(self.request, username=cleaned["phone"], code=cleaned["code"])
            if self.user is None:
                message = getattr(self.request, "sign_in_code_error", None) or _(
                    "This code has expired or is not valid. Ask for a new one."
                )
                self.add_error("code", message)
        return cleaned


class PasswordResetForm(_NewPasswordMixin, forms.Form):
    phone = _phone_field()
    code = _code_field(
        help_text=_("The 6 digits in the text message, or the reset code your teacher gave you.")
    )
    password1 = _new_password_field(_("New password"))
    password2 = _new_password_field(_("New password again"))
