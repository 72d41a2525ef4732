"""An activity's attendance list as a plain table of text: the organiser's screen, the CSV and
the XLSX show these cells. Children by class and nickname, the family member by the name the
platform addresses them with (a phone number masked), as on the screen — nothing more."""

from __future__ import annotations

from contextlib import suppress

from django.utils import timezone
from django.utils.translation import gettext as _

from lms.activities.models import Activity
from lms.core.errors import ServiceError
from lms.core.semesters import semester_of
from lms.core.tables import Table


def attendance_table(*, activity: Activity, rows: list[dict]) -> Table:
    """`rows` as `selectors.check_list` gives them, in its order."""
    day = timezone.localdate(activity.starts_at).isoformat()
    return Table(
        title=_("Attendance · %(activity)s") % {"activity": f"{day} {activity.title}"},
        headers=[_("Family"), _("Signed up"), _("Attended"), _("How they checked in")],
        rows=[
            [
                " · ".join(filter(None, ["、".join(row["children"]), row["name"]])),
                "✓" if row["signed_up"] else (_("walk-in") if row["walk_in"] else ""),
                "✓" if row["attended"] else "",
                row["method"] if row["attended"] else "",
            ]
            for row in rows
        ],
    )


def attendance_file_name(*, activity: Activity) -> str:
    """attendance-<id>-<organiser>-<semester code>: the organiser is the school's code, the
    station's id or the lecturer team; the semester is the one the activity took place in."""
    if activity.school_id:
        organiser = activity.school.code
    elif activity.station_id:
        organiser = f"station-{activity.station_id}"
    else:
        organiser = "team"
    parts = ["attendance", str(activity.pk), organiser]
    # A day LMS_SEMESTERS leaves out of every semester: the name goes without one.
    with suppress(ServiceError):
        parts.append(semester_of(timezone.localdate(activity.starts_at)).name)
    return "-".join(parts)
