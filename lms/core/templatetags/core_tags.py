from django import template
from django.utils.safestring import mark_safe

from lms.core.header import header_links_for
from lms.core.panels import panels_for
from lms.core.semesters import SchoolYear, Semester, school_year_label, semester_label

register = template.Library()


@register.filter(name="semester_label")
def semester_label_filter(semester: Semester) -> str:
    """`{{ semester|semester_label }}`: "2026年秋季学期"; the code stays in links and forms."""
    return semester_label(semester)


@register.filter(name="school_year_label")
def school_year_label_filter(year: SchoolYear | None) -> str:
    """`{{ year|school_year_label }}`: "2026–2027学年"."""
    return school_year_label(year) if year is not None else ""


@register.simple_tag(takes_context=True)
def header_links(context) -> list:
    return header_links_for(user=context["request"].user)


@register.simple_tag(takes_context=True)
def panels(context, slot: str) -> str:
    """Each registered panel rendered as an inclusion tag would render it (a fresh context)."""
    parts = []
    for panel in panels_for(slot=slot):
        new_context = context.new(panel.context(context["request"]))
        if "csrf_token" in context:
            new_context["csrf_token"] = context["csrf_token"]
        parts.append(context.template.engine.get_template(panel.template).render(new_context))
    return mark_safe("".join(parts))  # noqa: S308 (rendered templates, escaped by them)
