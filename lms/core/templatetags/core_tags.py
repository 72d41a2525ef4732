from django import template
from django.utils.safestring import mark_safe

from lms.core.header import header_links_for
from lms.core.panels import panels_for

register = template.Library()


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
