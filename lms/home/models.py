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
        from lms.learning.selectors import children_ages, recommendations_for

        context = super().get_context(request, *args, **kwargs)
        context.update(home_sections(home=self))
        if request.user.is_authenticated:
            context["recommended"] = recommendations_for(user=request.user)
            # The picker starts at the parent's (first) child, not at the first option, 0.
            context["child_age"] = next(iter(children_ages(user=request.user)), None)
        return context
