"""What the catalogue's pages show of a family's learning, without the catalogue knowing it."""

from django import template

from lms.learning.selectors import children_ages, recommendations_for

register = template.Library()


@register.inclusion_tag("learning/includes/recommended_courses.html", takes_context=True)
def recommended_courses(context):
    """Courses for the stages of the signed-in parent's children (nothing for a visitor)."""
    request = context["request"]
    recommended = []
    if request.user.is_authenticated:
        recommended = recommendations_for(user=request.user)
    return {"request": request, "recommended": recommended}


@register.simple_tag(takes_context=True)
def child_age(context) -> int | None:
    """The age an age picker starts at: the parent's (first) child's, else none (not 0)."""
    user = context["request"].user
    if not user.is_authenticated:
        return None
    return next(iter(children_ages(user=user)), None)
