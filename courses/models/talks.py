from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TalkSignup(models.Model):
    """A parent's sign-up for a scheduled live talk."""

    talk = models.ForeignKey("courses.TalkPage", on_delete=models.CASCADE, related_name="signups")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["talk", "user"], name="one_signup_per_talk")]
        verbose_name = _("talk sign-up")

    def __str__(self) -> str:
        return f"{self.user_id} → {self.talk_id}"
