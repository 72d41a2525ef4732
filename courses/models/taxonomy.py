from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from taggit.models import TagBase, TaggedItemBase
from wagtail.admin.panels import FieldPanel

from courses.vocabulary import STAGE_LABELS, topic_label


class Stage(models.Model):
    """A school stage (codes in courses.vocabulary); seeded by a migration, not edited."""

    code = models.SlugField(max_length=32, unique=True)
    name = models.CharField(max_length=32)
    min_age = models.PositiveSmallIntegerField()
    max_age = models.PositiveSmallIntegerField()
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order"]
        verbose_name = _("stage")
        verbose_name_plural = _("stages")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The stage's name in the visitor's language (`name` stays the seeded Chinese)."""
        label = STAGE_LABELS.get(self.code)
        return str(label) if label is not None else self.name


class Topic(TagBase):
    """A topic tag. Curated topics drive the catalogue's facets; free tags are allowed too."""

    curated = models.BooleanField(
        _("curated"), default=False, help_text=_("Shown as a filter in the catalogue.")
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=100)

    panels = [FieldPanel("name"), FieldPanel("curated"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    @property
    def label(self) -> str:
        """A curated topic's translated label; the stored name is what search and URLs use."""
        return topic_label(self.name)


class CourseTopic(TaggedItemBase):
    tag = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="course_items")
    content_object = ParentalKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="topic_items"
    )


class TalkTopic(TaggedItemBase):
    tag = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="talk_items")
    content_object = ParentalKey(
        "courses.TalkPage", on_delete=models.CASCADE, related_name="topic_items"
    )
