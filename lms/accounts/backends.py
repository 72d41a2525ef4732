from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from lms.accounts.phone import phone_normalize


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
