from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


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


class RegisterForm(forms.Form):
    """Parents register with a mobile number and a password."""

    phone = forms.CharField(
        label=_("Mobile number"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    display_name = forms.CharField(
        label=_("How should we address you?"),
        max_length=40,
        required=False,
        help_text=_("For example 小明妈妈. Optional."),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_phone(self):
        from django.contrib.auth import get_user_model

        from lms.accounts.phone import phone_normalize

        phone = phone_normalize(self.cleaned_data["phone"])
        if phone is None:
            raise forms.ValidationError(
                _("Enter an 11-digit mainland mobile number, such as 13800138000.")
            )
        if get_user_model().objects.filter(phone=phone).exists():
            raise forms.ValidationError(_("This number is already registered. Sign in instead."))
        return phone

    def clean(self):
        from django.contrib.auth import get_user_model, password_validation

        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first and cleaned.get("phone"):
            user = get_user_model()(username=cleaned["phone"], phone=cleaned["phone"])
            try:
                password_validation.validate_password(first, user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned
