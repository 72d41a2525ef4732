"""The catalogue's pages: courses and their lessons, talks, and the lecturer team."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from courses.blocks import QuizQuestionBlock
from courses.models.home import SectionIndexPage
from courses.models.taxonomy import CourseTopic, TalkTopic

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "image", "document-link"]


def _stage_panel():
    from django import forms

    return FieldPanel("stages", widget=forms.CheckboxSelectMultiple)


class CourseIndexPage(SectionIndexPage):
    """The catalogue: courses filtered by child age or stage, topic and type."""

    subpage_types = ["courses.CoursePage"]

    class Meta:
        verbose_name = _("course catalogue")

    def get_context(self, request, *args, **kwargs):
        from courses.selectors import catalogue_filters_parse, catalogue_list

        context = super().get_context(request, *args, **kwargs)
        filters = catalogue_filters_parse(request.GET)
        context.update(catalogue_list(index_page=self, filters=filters))
        return context


class CoursePage(Page):
    """A graded course: ordered lessons, stages, topics, lecturers and credit hours (学时)."""

    summary = models.TextField(_("summary"), max_length=500)
    cover = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = RichTextField(_("description"), blank=True, features=RICH_TEXT_FEATURES)
    stages = ParentalManyToManyField(
        "courses.Stage", verbose_name=_("stages"), related_name="courses"
    )
    topics = ClusterTaggableManager(
        through=CourseTopic,
        verbose_name=_("topics"),
        blank=True,
        help_text=_("Choose curated topics where they fit; other tags are allowed."),
    )
    lecturers = ParentalManyToManyField(
        "courses.Lecturer", verbose_name=_("lecturers"), blank=True, related_name="courses"
    )
    credit_hours = models.DecimalField(
        _("credit hours (学时)"),
        max_digits=4,
        decimal_places=1,
        default=Decimal("1.0"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("99"))],
    )
    import_key = models.CharField(
        max_length=100, unique=True, null=True, blank=True, editable=False
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("cover"),
        MultiFieldPanel([_stage_panel(), FieldPanel("topics")], heading=_("Who and what")),
        FieldPanel("lecturers"),
        FieldPanel("credit_hours"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.RelatedFields("topics", [index.SearchField("name", boost=3)]),
        index.FilterField("live"),
    ]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.LessonPage"]

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def get_context(self, request, *args, **kwargs):
        from courses.selectors import course_context

        context = super().get_context(request, *args, **kwargs)
        context.update(course_context(course=self, user=request.user))
        return context


class LessonPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("media") and not cleaned.get("body"):
            self.add_error("body", _("A lesson without media is a reading lesson: write its text."))
        return cleaned


class LessonPage(Page):
    """One lesson: a video or audio with transcript, or a reading lesson (no media)."""

    summary = models.CharField(_("summary"), max_length=300, blank=True)
    media = models.ForeignKey(
        "media_pipeline.MediaAsset",
        verbose_name=_("video or audio"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Leave empty for a reading lesson."),
    )
    duration_seconds = models.PositiveIntegerField(
        _("duration (seconds)"),
        null=True,
        blank=True,
        help_text=_("Leave empty to use the length of the processed media."),
    )
    body = RichTextField(_("text"), blank=True, features=RICH_TEXT_FEATURES)
    transcript = models.TextField(
        _("transcript"),
        blank=True,
        help_text=_("Shown folded under the player. Leave empty to show the text of the captions."),
    )
    quiz = StreamField(
        [("question", QuizQuestionBlock())],
        verbose_name=_("self-check quiz"),
        blank=True,
        help_text=_(
            "Optional questions for parents to check themselves; they never block progress."
        ),
    )
    required = models.BooleanField(
        _("required for completion"),
        default=True,
        help_text=_("Optional lessons do not count towards completing the course."),
    )
    completion_threshold = models.DecimalField(
        _("share to watch for completion"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("0.90"),
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("1.0"))],
    )
    min_reading_seconds = models.PositiveIntegerField(
        _("minimum reading time (seconds)"),
        default=60,
        help_text=_("For reading lessons: how long before “mark as read” counts."),
    )
    import_key = models.CharField(
        max_length=100, unique=True, null=True, blank=True, editable=False
    )

    base_form_class = LessonPageForm
    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("media"),
        FieldPanel("body"),
        FieldPanel("transcript"),
        InlinePanel("attachments", label=_("Attachments")),
        FieldPanel("quiz"),
    ]
    settings_panels = [
        *Page.settings_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("required"), FieldPanel("completion_threshold")]),
                FieldPanel("min_reading_seconds"),
                FieldPanel("duration_seconds"),
            ],
            heading=_("Completion"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.SearchField("transcript"),
    ]
    parent_page_types = ["courses.CoursePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    @property
    def is_reading(self) -> bool:
        return self.media_id is None

    @property
    def duration(self) -> float | None:
        """Seconds: as entered, else the processed media's own length."""
        if self.duration_seconds:
            return float(self.duration_seconds)
        return self.media.duration if self.media_id and self.media else None

    def get_context(self, request, *args, **kwargs):
        from courses.selectors import lesson_context

        context = super().get_context(request, *args, **kwargs)
        context.update(lesson_context(lesson=self))
        return context


class LessonAttachment(Orderable):
    lesson = ParentalKey(LessonPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    panels = [FieldPanel("document")]


class TalkIndexPage(SectionIndexPage):
    """The lecturer team's talks: upcoming live sessions and replays."""

    subpage_types = ["courses.TalkPage"]

    class Meta:
        verbose_name = _("talks")

    def get_context(self, request, *args, **kwargs):
        from courses.selectors import talks_list

        context = super().get_context(request, *args, **kwargs)
        context.update(talks_list(index_page=self))
        return context


class TalkPage(Page):
    """A lecturer-team talk: a recording, or a scheduled live session with its replay later."""

    summary = models.TextField(_("summary"), max_length=500)
    lecturer = models.ForeignKey(
        "courses.Lecturer",
        verbose_name=_("lecturer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="talks",
    )
    stages = ParentalManyToManyField(
        "courses.Stage", verbose_name=_("stages"), related_name="talks", blank=True
    )
    topics = ClusterTaggableManager(through=TalkTopic, verbose_name=_("topics"), blank=True)
    date = models.DateField(_("date"))
    starts_at = models.DateTimeField(_("starts at (live talks)"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    live_url = models.URLField(_("live link"), blank=True)
    signup_open = models.BooleanField(_("sign-up open"), default=False)
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        help_text=_("How many families may sign up; leave empty for no limit."),
    )
    media = models.ForeignKey(
        "media_pipeline.MediaAsset",
        verbose_name=_("recording or replay"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    body = RichTextField(_("description"), blank=True, features=RICH_TEXT_FEATURES)
    # Watching the recording (or the replay) to the threshold earns these 学时, counted
    # through the same intervals as a lesson.
    credit_hours = models.DecimalField(
        _("credit hours (学时) for watching the replay"),
        max_digits=4,
        decimal_places=1,
        default=Decimal("1.0"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("99"))],
    )
    completion_threshold = models.DecimalField(
        _("share to watch for completion"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("0.90"),
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("1.0"))],
    )
    import_key = models.CharField(
        max_length=100, unique=True, null=True, blank=True, editable=False
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("lecturer"),
        MultiFieldPanel([_stage_panel(), FieldPanel("topics")], heading=_("Who and what")),
        MultiFieldPanel(
            [
                FieldPanel("date"),
                FieldPanel("starts_at"),
                FieldPanel("place"),
                FieldPanel("live_url"),
                FieldPanel("signup_open"),
                FieldPanel("capacity"),
            ],
            heading=_("When and where"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("media"),
                FieldRowPanel([FieldPanel("credit_hours"), FieldPanel("completion_threshold")]),
            ],
            heading=_("Recording or replay"),
        ),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.RelatedFields("topics", [index.SearchField("name", boost=3)]),
    ]
    parent_page_types = ["courses.TalkIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("talk")
        verbose_name_plural = _("talks")
        ordering = ["-date"]

    def get_context(self, request, *args, **kwargs):
        from courses.selectors import talk_context

        context = super().get_context(request, *args, **kwargs)
        context.update(talk_context(talk=self, user=request.user))
        return context


class LecturerIndexPage(RoutablePageMixin, SectionIndexPage):
    """The lecturer team, and a page for each lecturer with their courses and talks."""

    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("lecturer team")

    @path("")
    def team(self, request):
        from courses.selectors import lecturers_by_category

        return self.render(request, context_overrides={"categories": lecturers_by_category()})

    @path("<int:lecturer_id>/")
    def lecturer(self, request, lecturer_id: int):
        from courses.models.lecturers import Lecturer
        from courses.selectors import lecturer_work

        lecturer = get_object_or_404(Lecturer.objects.select_related("photo"), pk=lecturer_id)
        return self.render(
            request,
            template="courses/lecturer_detail.html",
            context_overrides={"lecturer": lecturer, **lecturer_work(lecturer=lecturer)},
        )
