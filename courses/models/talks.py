from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TalkSignup(models.Model):
    """A parent's sign-up for a scheduled live talk."""

    talk = models.ForeignKey("courses.TalkPage", on_delete=models.CASCADE, related_name="signups")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # A cancelled sign-up stays (its row is reused if the parent signs up again) and frees
    # its place; the reminder the day before is sent once, marked here.
    cancelled_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["talk", "user"], name="one_signup_per_talk")]
        verbose_name = _("talk sign-up")

    def __str__(self) -> str:
        return f"{self.user_id} → {self.talk_id}"

    @property
    def holds_place(self) -> bool:
        return self.cancelled_at is None
