import math

from django import template

from courses import vocabulary

register = template.Library()


@register.filter
def minutes(seconds) -> int:
    """Whole minutes, rounded up, never 0 for a non-empty recording."""
    try:
        return max(1, math.ceil(float(seconds) / 60))
    except (TypeError, ValueError):
        return 0


@register.filter
def topic_label(name) -> str:
    """A topic name as the interface shows it (curated topics are translated)."""
    return vocabulary.topic_label(str(name))


@register.filter
def stage_label(code) -> str:
    """A stage code as the interface shows it, in the visitor's language."""
    return vocabulary.stage_label(str(code))
