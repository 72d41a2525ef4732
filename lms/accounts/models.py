from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from lms.accounts.phone import validate_phone


class User(AbstractUser):
    """Anyone who signs in: parents, lecturers, reviewers, teachers, administrators.

    Parents sign in with their mobile number; staff may use a username. Roles
    are Django groups (see lms.accounts.roles).
    """

    phone = models.CharField(
        _("mobile number"),
        max_length=11,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_phone],
        help_text=_("11 digits; used to sign in."),
    )
    display_name = models.CharField(
        _("display name"),
        max_length=40,
        blank=True,
        help_text=_("How the platform addresses this person, e.g. 小明妈妈."),
    )
    # Set when the person proved they hold the phone (an SMS code); a school's roster links
    # children to an account only then (or when a teacher confirms the family).
    phone_verified_at = models.DateTimeField(_("number verified"), null=True, blank=True)

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name or self.get_full_name() or self.username


class PhoneCode(models.Model):
    """One SMS code sent (or, for a number with no account, pretended to be sent).

    Only a keyed hash of the code is kept. The rows double as the record the send limits
    count, per number and per address, so they hold across processes and machines.
    """

    class Purpose(models.TextChoices):
        REGISTER = "register", _("registration")
        LOGIN = "login", _("sign-in")
        RESET = "reset", _("password reset")

    phone = models.CharField(max_length=11)
    purpose = models.CharField(max_length=8, choices=Purpose.choices)
    code_hash = models.CharField(max_length=64)
    # A keyed hash of the sender's address: enough to count, nothing to read back.
    client_hash = models.CharField(max_length=64)
    delivered = models.BooleanField(default=True)
    tries = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["phone", "created_at"]),
            models.Index(fields=["client_hash", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.purpose} code {self.pk}"


class RecoveryCode(models.Model):
    """A one-time reset code a head teacher or school administrator gave a parent without SMS."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recovery_codes"
    )
    code_hash = models.CharField(max_length=64)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    tries = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"reset code {self.pk} for user {self.user_id}"
