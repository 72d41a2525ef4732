from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from courses.vocabulary import STAGES


class Venue(models.Model):
    """A base or public venue families can visit, with its policy for students."""

    class Kind(models.TextChoices):
        PATRIOTIC = "patriotic", pgettext_lazy("venue type", "Patriotic education site")
        LAW = "law", pgettext_lazy("venue type", "Law education site")
        STUDY = "study", pgettext_lazy("venue type", "Study and practice site")
        SCIENCE = "science", pgettext_lazy("venue type", "Popular science site")
        LIBRARY = "library", pgettext_lazy("venue type", "Library")
        MUSEUM = "museum", pgettext_lazy("venue type", "Museum")
        CULTURE = "culture", pgettext_lazy("venue type", "Cultural centre")
        HERITAGE = "heritage", pgettext_lazy("venue type", "Intangible heritage centre")
        ART = "art", pgettext_lazy("venue type", "Art gallery")
        MEMORIAL = "memorial", pgettext_lazy("venue type", "Memorial hall")
        TECH = "tech", pgettext_lazy("venue type", "Science and technology museum")
        PERFORMANCE = "performance", pgettext_lazy("venue type", "Performance venue")
        SPORTS = "sports", pgettext_lazy("venue type", "Sports venue")
        PARK = "park", pgettext_lazy("venue type", "National park")
        YOUTH_PALACE = "youth_palace", pgettext_lazy("venue type", "Children's palace")
        CHILDREN = "children", pgettext_lazy("venue type", "Children's activity centre")

    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("type"), max_length=16, choices=Kind.choices)
    township = models.CharField(_("township"), max_length=40)
    address = models.CharField(_("address"), max_length=200)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    opening_hours = models.CharField(_("opening hours"), max_length=200, blank=True)
    student_policy = models.CharField(
        _("for students"), max_length=200, help_text=_("e.g. 学生凭学生证免费")
    )
    preschool_policy = models.CharField(
        _("for pre-school children"), max_length=200, blank=True, help_text=_("e.g. 1.2米以下免票")
    )
    booking_url = models.URLField(_("booking link"), blank=True)
    booking_phone = models.CharField(_("booking phone"), max_length=30, blank=True)
    stages = models.ManyToManyField(
        "courses.Stage", verbose_name=_("suitable stages"), blank=True, related_name="+"
    )
    topics = models.CharField(
        _("topics"), max_length=200, blank=True, help_text=_("Comma-separated, e.g. 科学, 劳动教育")
    )
    summary = models.TextField(_("about"), blank=True)
    published = models.BooleanField(_("listed"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["township", "name"]
        verbose_name = _("venue")
        verbose_name_plural = _("venues")

    def __str__(self) -> str:
        return self.name

    @property
    def topic_list(self) -> list[str]:
        return [t.strip() for t in self.topics.replace("，", ",").split(",") if t.strip()]

    @property
    def has_location(self) -> bool:
        return self.latitude is not None and self.longitude is not None


STAGE_CODES = [stage.code for stage in STAGES]
