from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class HomeVisit(models.Model):
    """One visit to a student's family. Notes are for the class's teachers and the school's
    administrators only; the bureau sees counts."""

    class Form(models.TextChoices):
        IN_PERSON = "home", _("at home, in person")
        SCHOOL = "school", _("at school, in person")
        VIDEO = "video", _("video call")
        PHONE = "phone", _("phone call")

    class Topic(models.TextChoices):
        STUDY = "study", _("study and homework")
        HEALTH = "health", _("health and sleep")
        SAFETY = "safety", _("safety (water, traffic, online)")
        EMOTIONS = "emotions", _("emotions and behaviour")
        SCREENS = "screens", _("phones and screen time")
        FAMILY = "family", _("family relations and care")
        POLICY = "policy", _("support policies")

    student = models.ForeignKey(
        "schools.Student", on_delete=models.CASCADE, related_name="home_visits"
    )
    visited_on = models.DateField(_("date of the visit"))
    form = models.CharField(_("form"), max_length=8, choices=Form.choices)
    participants = models.CharField(
        _("who took part"), max_length=120, help_text=_("For example: 班主任、母亲、奶奶")
    )
    topics = models.JSONField(_("topics"), default=list)
    follow_up_needed = models.BooleanField(_("follow-up needed"), default=False)
    notes = models.TextField(_("notes"), blank=True, max_length=2000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-visited_on"]
        indexes = [models.Index(fields=["student", "visited_on"])]

    def __str__(self) -> str:
        return f"{self.student_id} {self.visited_on}"

    def topic_labels(self) -> list[str]:
        labels = dict(self.Topic.choices)
        return [str(labels.get(code, code)) for code in self.topics]
