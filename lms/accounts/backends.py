from axes.backends import AxesStandaloneBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from lms.accounts.phone import phone_normalize


class ThrottleBackend(AxesStandaloneBackend):
    """django-axes' lockout check for every sign-in that comes with a request.

    A call without a request (a management command, a shell) is not a sign-in attempt from
    outside and is not throttled, where axes itself would refuse it.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class PhoneOrUsernameBackend(ModelBackend):
    """Sign in with a mobile number (in any common spelling) or a username."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if username is None or password is None:
            return None
        phone = phone_normalize(username)
        if phone is None:
            return super().authenticate(request, username=username, password=password, **kwargs)
        user_model = get_user_model()
        try:
            user = user_model._default_manager.get(phone=phone)
        except user_model.DoesNotExist:
            # Perhaps a username made of digits; ModelBackend also evens out timing.
            return super().authenticate(request, username=username, password=password, **kwargs)
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None


class PhoneCodeBackend(ModelBackend):
    """Sign in with a mobile number and an SMS code: authenticate(request, username=, code=).

    Going through authenticate() lets django-axes count a wrong code like a wrong password.
    Why a code failed is left on the request (`sign_in_code_error`) for the form to show.
    """

    def authenticate(self, request, username=None, code=None, **kwargs):
        if username is None or code is None or kwargs.get("password") is not None:
            return None
        from lms.accounts.services import user_by_code
        from lms.core.errors import ServiceError

        try:
            user = user_by_code(phone=username, code=code)
        except ServiceError as error:
            if request is not None:
                request.sign_in_code_error = str(error)
            return None
        return user if self.user_can_authenticate(user) else None
