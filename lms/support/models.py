"""The support ledger. Nothing here is read by class pages, reports or exports elsewhere;
only designated staff reach it, and every access is written to the audit log."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Designation(models.Model):
    """Who may work with the ledger: staff at one school, or bureau staff (no school)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="support_designations",
        verbose_name=_("staff member"),
        help_text=_("A staff member of the school, or bureau staff when no school is chosen."),
    )
    school = models.ForeignKey(
        "schools.School",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("school"),
        help_text=_("Empty for bureau staff, who see the ledger of every school."),
    )
    granted_at = models.DateTimeField(_("designated at"), auto_now_add=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("designated by"),
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "school"], name="one_designation_per_school")
        ]
        verbose_name = _("support ledger designation")
        verbose_name_plural = _("support ledger designations")

    def __str__(self) -> str:
        return f"{self.user} · {self.school or _('bureau')}"


class Category(models.TextChoices):
    LEFT_BEHIND = "left_behind", pgettext_lazy("support category", "Left-behind child")
    DISABLED = "disabled", pgettext_lazy("support category", "Child with a disability")
    ORPHANED = "orphaned", pgettext_lazy("support category", "Orphan")
    SINGLE_PARENT = "single_parent", pgettext_lazy("support category", "Single-parent family")
    BLENDED = "blended", pgettext_lazy("support category", "Blended family")
    PARENT_IMPRISONED = "imprisoned", pgettext_lazy("support category", "Parent in prison")
    HARDSHIP = "hardship", pgettext_lazy("support category", "Family in hardship")
    OTHER = "other", pgettext_lazy("support category", "Other")


class SupportRecord(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    student = models.ForeignKey("schools.Student", on_delete=models.CASCADE, related_name="+")
    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="+")
    categories = models.JSONField(_("categories"), default=list)
    caregiver = models.CharField(
        _("who cares for the child"), max_length=80, help_text=_("For example: 祖母（70岁）")
    )
    parents_work_location = models.CharField(
        _("where the parents work (left-behind children)"), max_length=80, blank=True
    )
    contact_rhythm = models.CharField(
        _("how often the parents are in touch"), max_length=80, blank=True
    )
    needs = models.TextField(_("needs"), max_length=2000)
    plan = models.TextField(_("support plan"), max_length=2000, blank=True)
    # SET_NULL: removing a departed teacher's account must not fail or take the record with it.
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("responsible teacher"),
    )
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    next_review_on = models.DateField(_("next review"))
    opened_on = models.DateField(auto_now_add=True)
    closed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["next_review_on"]

    def __str__(self) -> str:
        return f"#{self.pk}"

    def category_labels(self) -> list[str]:
        labels = dict(Category.choices)
        return [str(labels.get(code, code)) for code in self.categories]

    def overdue_on(self, day: date) -> bool:
        """An open record whose review date has passed."""
        return self.status == self.Status.OPEN and self.next_review_on < day


class SupportAction(models.Model):
    class Kind(models.TextChoices):
        VISIT = "visit", _("visit")
        CALL = "call", _("call")
        RESOURCE = "resource", _("resources or a course")
        REFERRAL = "referral", _("referral")
        REVIEW = "review", _("review")

    record = models.ForeignKey(SupportRecord, on_delete=models.CASCADE, related_name="actions")
    done_on = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    note = models.TextField(_("note"), max_length=2000)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-done_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.record_id} {self.done_on} {self.kind}"


class AuditEntry(models.Model):
    """Who touched the ledger, when, and how. Record and school are plain ids so the trail
    outlives the purge of closed records."""

    # A context of their own: "listed" elsewhere means shown publicly (the directory).
    class Action(models.TextChoices):
        VIEW = "view", pgettext_lazy("ledger audit", "viewed")
        LIST = "list", pgettext_lazy("ledger audit", "listed")
        CREATE = "create", pgettext_lazy("ledger audit", "created")
        CHANGE = "change", pgettext_lazy("ledger audit", "changed")
        EXPORT = "export", pgettext_lazy("ledger audit", "exported")
        DENIED = "denied", pgettext_lazy("ledger audit", "refused")
        PURGE = "purge", pgettext_lazy("ledger audit", "purged")
        GRANT = "grant", pgettext_lazy("ledger audit", "designated")
        AMEND = "amend", pgettext_lazy("ledger audit", "designation changed")
        REVOKE = "revoke", pgettext_lazy("ledger audit", "designation ended")

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=8, choices=Action.choices)
    record_id = models.PositiveIntegerField(null=True)
    school_id = models.PositiveIntegerField(null=True)
    detail = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user_id} {self.action} {self.record_id}"
