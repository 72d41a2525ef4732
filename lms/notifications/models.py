"""In-site notices to one person, and what leaves the site: the daily digest and urgent notices.

A Notification is stored at once and listed on the notifications page. Delivery outside the
site (SMS, WeChat, email) is done by lms.notifications.delivery: one digest a day per person,
urgent notices on their own; `delivered_at` marks what has gone, so nothing goes twice.
"""

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
    # Set when a digest (or, for an urgent notice, its own message) took it off the site.
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        # Born in lms.schools: the table and its index keep their names (no data moves).
        db_table = "schools_notification"
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["user", "read_at"], name="schools_not_user_id_60a468_idx"),
            models.Index(fields=["delivered_at", "created_at"], name="notification_pending_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def link(self) -> str:
        """What the page links to; rows stored before links were checked are checked here."""
        return site_relative_url(self.url)


class Channel(models.TextChoices):
    """Where the digest goes besides the notifications page (which always has everything)."""

    SMS = "sms", pgettext_lazy("delivery channel", "Text message (SMS)")
    WECHAT = "wechat", pgettext_lazy("delivery channel", "WeChat message")
    EMAIL = "email", pgettext_lazy("delivery channel", "Email")
    NONE = "none", pgettext_lazy("delivery channel", "Only on this site")


class KindOptOut(models.Model):
    """This person wants no digest lines (and no reminders) of this kind."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_opt_outs"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="one_opt_out_a_kind")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind}"


class DeliveryChoice(models.Model):
    """The channel a person chose; without a row, settings.LMS_DELIVERY_CHANNEL applies."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="delivery_choice"
    )
    channel = models.CharField(max_length=8, choices=Channel.choices)
    # Filled by a WeChat (公众号) sign-in when one exists; the WeChat channel needs it.
    wechat_openid = models.CharField(max_length=64, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.user_id} {self.channel}"


class Delivery(models.Model):
    """One message leaving the site for one person: the day's digest, or one urgent notice.

    The row is written (with the notifications it covers marked delivered) in one
    transaction before anything is sent; its unique constraints are the caps. `pending`
    holds the channels still to send, so a failed one is retried by the next run."""

    class Sort(models.TextChoices):
        DIGEST = "digest", "digest"
        URGENT = "urgent", "urgent"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sort = models.CharField(max_length=8, choices=Sort.choices)
    day = models.DateField()
    notification = models.ForeignKey(
        Notification, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    count = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=120)
    body = models.TextField(blank=True)
    pending = models.CharField(max_length=40, blank=True)
    sent = models.CharField(max_length=40, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # A run holds the row while it sends; another run leaves it alone until then.
    claimed_until = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "day"],
                condition=models.Q(sort="digest"),
                name="one_digest_a_day_per_person",
            ),
            models.UniqueConstraint(fields=["notification"], name="urgent_notice_sent_once"),
        ]
        indexes = [models.Index(fields=["pending", "created_at"], name="delivery_pending_idx")]

    def __str__(self) -> str:
        return f"{self.sort} {self.user_id} {self.day}"
