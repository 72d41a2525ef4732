from django import template

from lms.activities.selectors import activities_for_family

register = template.Library()


@register.inclusion_tag("activities/includes/family_activities.html", takes_context=True)
def family_activities(context):
    request = context["request"]
    return {"items": activities_for_family(user=request.user)}
