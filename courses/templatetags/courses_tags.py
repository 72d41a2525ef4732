import math

from django import template

register = template.Library()


@register.filter
def minutes(seconds) -> int:
    """Whole minutes, rounded up, never 0 for a non-empty recording."""
    try:
        return max(1, math.ceil(float(seconds) / 60))
    except (TypeError, ValueError):
        return 0
