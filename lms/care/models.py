"""Entrusted-care notices (委托照护告知, 二(一)4): a guardian working away tells the school and
the village or residents' committee who cares for the child while they are gone.

Only the minimum: what the family calls the caregiver ("奶奶"), how they are related, a phone
number, the dates and how often the parents call. No ID numbers, no addresses. A notice is
edited in place (who last changed it and when is kept, not old versions), and it never
reaches the support ledger by itself: designated ledger staff copy it there.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CareNotice(models.Model):
    class Relation(models.TextChoices):
        GRANDFATHER = "grandfather", _("grandfather (father's side)")
        GRANDMOTHER = "grandmother", _("grandmother (father's side)")
        MATERNAL_GRANDFATHER = "maternal_grandfather", _("grandfather (mother's side)")
        MATERNAL_GRANDMOTHER = "maternal_grandmother", _("grandmother (mother's side)")
        FATHER = "father", _("father")
        MOTHER = "mother", _("mother")
        RELATIVE = "relative", pgettext_lazy("caregiver", "another relative")
        NEIGHBOUR = "neighbour", pgettext_lazy("caregiver", "a neighbour or family friend")
        OTHER = "other", _("other")

    class CallRhythm(models.TextChoices):
        DAILY = "daily", pgettext_lazy("parents call", "every day")
        SEVERAL_WEEKLY = "several_weekly", pgettext_lazy("parents call", "a few times a week")
        WEEKLY = "weekly", pgettext_lazy("parents call", "once a week")
        MONTHLY = "monthly", pgettext_lazy("parents call", "once a month")
        LESS = "less", pgettext_lazy("parents call", "less often")

    student = models.ForeignKey("schools.Student", on_delete=models.CASCADE, related_name="+")
    # SET_NULL: the notice stays with the child when the account that filed it goes.
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    caregiver = models.CharField(_("who cares for the child"), max_length=20)
    relation = models.CharField(_("relation to the child"), max_length=24, choices=Relation.choices)
    phone = models.CharField(_("caregiver's mobile number"), max_length=11)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    call_rhythm = models.CharField(
        _("how often the parents call"), max_length=16, choices=CallRhythm.choices
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    # PROTECT: a community with notices is not deleted from under them.
    community = models.ForeignKey(
        "activities.Community",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("village or residents' committee"),
    )
    ended_on = models.DateField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    changed_at = models.DateTimeField(auto_now=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("entrusted-care notice")
        verbose_name_plural = _("entrusted-care notices")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="care_notice_ends_on_or_after_start",
            )
        ]
        indexes = [models.Index(fields=["ends_on", "reminded_at"])]

    def __str__(self) -> str:
        return f"#{self.pk}"

    def status_on(self, day: date) -> str:
        """current, upcoming or ended on `day`; ended early (`ended_on`) counts from that day."""
        if self.ended_on is not None or self.ends_on < day:
            return "ended"
        if self.starts_on > day:
            return "upcoming"
        return "current"
