from django import template

from lms.schools.selectors.families import assignments_for_family

register = template.Library()


@register.inclusion_tag("schools/includes/family_assignments.html", takes_context=True)
def family_assignments(context):
    user = context["request"].user
    return {"items": assignments_for_family(user=user, include_done=False)}
