from django import template

from lms.core.header import header_links_for

register = template.Library()


@register.simple_tag(takes_context=True)
def header_links(context) -> list:
    return header_links_for(user=context["request"].user)
