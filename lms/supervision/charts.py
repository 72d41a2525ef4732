"""Charts of supervision: station coverage per township against the county's target, and
(from lms.schools.charts) completion and participation by week and by stage.

The coverage chart is drawn from the rows of the coverage table itself (the one the
compliance page and its export show), so the two cannot disagree. Townships come in the
order of their names, never of their coverage: the chart shows where stations are missing,
it does not rank townships.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _

from lms.core.charts import Chart, Series
from lms.supervision.compliance import station_coverage


def coverage_chart() -> Chart:
    """Coverage per township as bars, the county's target as a line; the table beside it
    adds the county's total (its last row)."""
    table = station_coverage()
    townships = table.rows[:-1]
    target = settings.LMS_STATION_COVERAGE_TARGET
    return Chart(
        key="coverage",
        kind="bar",
        title=_("Station coverage"),
        labels=[row[0] for row in townships],
        # Whole percent, as the table writes it: the cells are our own str(int) counts.
        series=[
            Series(
                _("Coverage"),
                [round(100 * int(row[2]) / int(row[1])) for row in townships],
            )
        ],
        table=table,
        empty=not townships,
        empty_text=_("No communities or villages have been entered yet."),
        target=target,
        target_label=_("The county's target: a station in %(target)s%% of communities and villages")
        % {"target": target},
    )
