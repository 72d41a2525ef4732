"""The top of the page tree: the home page and the base of the sections under it.

The catalogue owns the whole tree (as Wagtail's demo keeps its home page in the app whose pages
hang below it), so nothing here points up into lms/: the home page's recommendations come from
a template tag of lms.learning.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index


class HomePage(Page):
    """The site's front page: what the parent school is and where to start."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("A few sentences under the title, shown to every visitor."),
    )
    body = RichTextField(
        _("body"),
        blank=True,
        features=["h2", "h3", "bold", "italic", "ol", "ul", "link"],
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "courses.CourseIndexPage",
        "courses.TalkIndexPage",
        "courses.LecturerIndexPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from courses.selectors import home_sections

        context = super().get_context(request, *args, **kwargs)
        context.update(home_sections(home=self))
        return context


class SectionIndexPage(Page):
    """A fixed section under the home page (courses, talks, the lecturer team): one of each."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["courses.HomePage"]
    max_count = 1

    class Meta:
        abstract = True
