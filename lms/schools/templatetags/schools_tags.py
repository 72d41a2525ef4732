from django import template

from lms.schools.access import is_school_staff
from lms.schools.selectors import assignments_for_family, unread_count

register = template.Library()


@register.inclusion_tag("schools/includes/family_assignments.html", takes_context=True)
def family_assignments(context):
    user = context["request"].user
    return {"items": assignments_for_family(user=user, include_done=False)}


@register.simple_tag(takes_context=True)
def notifications_unread(context) -> int:
    return unread_count(user=context["request"].user)


@register.simple_tag(takes_context=True)
def school_staff(context) -> bool:
    return is_school_staff(context["request"].user)
