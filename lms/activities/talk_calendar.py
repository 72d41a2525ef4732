"""A talk as an iCalendar file (RFC 5545) for the parent's phone calendar."""

from __future__ import annotations

from datetime import UTC, timedelta
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.utils import timezone

from courses.models import TalkPage

# Talks carry a start time only; a lecturer-team talk runs about an hour and a half.
TALK_LENGTH = timedelta(minutes=90)


def talk_ics(*, talk: TalkPage, page_url: str, now=None) -> bytes | None:
    """One VEVENT whose UID stays the same for the talk (a calendar updates, not doubles,
    on a second download); times in UTC. None when the talk has no start time."""
    if talk.starts_at is None:
        return None
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//{settings.WAGTAIL_SITE_NAME}//talks//ZH")
    calendar.add("version", "2.0")
    event = icalendar.Event()
    host = urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "localhost"
    event.add("uid", f"talk-{talk.pk}@{host}")
    event.add("dtstamp", (now or timezone.now()).astimezone(UTC))
    event.add("dtstart", talk.starts_at.astimezone(UTC))
    event.add("dtend", (talk.starts_at + TALK_LENGTH).astimezone(UTC))
    event.add("summary", talk.title)
    if talk.summary:
        event.add("description", talk.summary)
    event.add("url", page_url)
    if talk.place:
        event.add("location", talk.place)
    # Not the live link: it opens at the start time on the talk's page, which URL leads to.
    calendar.add_component(event)
    return calendar.to_ical()
