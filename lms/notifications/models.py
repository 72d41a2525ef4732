"""In-site notices to one person."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


def site_relative_url(url: str) -> str:
    """The url when it is a path on this site ("/learning/"), else "".

    A notice links only inside the site: no other host, no `//host`, no `javascript:`.
    """
    url = (url or "").strip()
    if not url.startswith("/") or url.startswith(("//", "/\\")):
        return ""
    return url if url_has_allowed_host_and_scheme(url, allowed_hosts=set()) else ""


class Kind(models.TextChoices):
    """What a notice is about: the digest groups by kind, and each kind can be switched off."""

    NOTICE = "notice", pgettext_lazy("notification kind", "School notices")
    MESSAGE = "message", pgettext_lazy("notification kind", "Messages with teachers")
    ACTIVITY = "activity", pgettext_lazy("notification kind", "Activities and meetings")
    ASSIGNMENT = "assignment", pgettext_lazy("notification kind", "Assigned courses")
    TALK = "talk", pgettext_lazy("notification kind", "Talks")
    CARE = "care", pgettext_lazy("notification kind", "Entrusted-care notices")
    ACCOUNT = "account", pgettext_lazy("notification kind", "Account and family")


class Notification(models.Model):
    """An in-site message to one person (reminder digests, join approvals)."""

    Kind = Kind

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    title = models.CharField(max_length=120)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.ACCOUNT)
    # Urgent notices (a school closing today) go out at once instead of in the daily digest.
    urgent = models.BooleanField(_("urgent"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        # Born in lms.schools: the table and its index keep their names (no data moves).
        db_table = "schools_notification"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"], name="schools_not_user_id_60a468_idx")]

    def __str__(self) -> str:
        return self.title

    @property
    def link(self) -> str:
        """What the page links to; rows stored before links were checked are checked here."""
        return site_relative_url(self.url)
