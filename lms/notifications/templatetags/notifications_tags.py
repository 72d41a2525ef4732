from django import template

from lms.notifications.selectors import unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def notifications_unread(context) -> int:
    return unread_count(user=context["request"].user)
