"""Start-up checks: a digest hour that quiet hours would swallow is a configuration error."""

from __future__ import annotations

from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone


@checks.register(checks.Tags.compatibility)
def digest_hour_check(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    from lms.core.quiet_hours import quiet_hours_now
    from lms.notifications.delivery import digest_at

    try:
        at = digest_at()
        moment = timezone.localtime().replace(
            hour=at.hour, minute=at.minute, second=0, microsecond=0
        )
        quiet = quiet_hours_now(at=moment)
    except ImproperlyConfigured as error:
        return [checks.Error(str(error), id="notifications.E001")]
    if quiet:
        return [
            checks.Error(
                "LMS_DIGEST_AT falls inside LMS_QUIET_HOURS: no digest would ever be sent",
                hint="Choose a digest time outside the quiet hours, e.g. 19:30.",
                id="notifications.E002",
            )
        ]
    return []
