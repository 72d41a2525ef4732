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

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name or self.get_full_name() or self.username
