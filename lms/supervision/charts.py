"""Charts of supervision: station coverage per township against the county's target, and
(from lms.schools.charts) completion and participation by week and by stage.

Townships come in the order of their names, never of their coverage: the chart shows where
stations are missing, it does not rank townships.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from lms.activities.models import Community
from lms.core.charts import Chart, Series
from lms.core.tables import Table


@dataclass(frozen=True)
class TownshipCoverage:
    township: str
    communities: int
    with_station: int

    @property
    def rate(self) -> int | None:
        """Whole percent, as the compliance table has always written it."""
        return round(100 * self.with_station / self.communities) if self.communities else None


def coverage_by_township() -> list[TownshipCoverage]:
    """Communities and villages, and how many have a station, per township by name."""
    total, covered = Counter(), Counter()
    for township, station_id in Community.objects.values_list("township", "station__id"):
        total[township] += 1
        covered[township] += station_id is not None
    return [
        TownshipCoverage(township=name, communities=total[name], with_station=covered[name])
        for name in sorted(total)
    ]


def _rate_text(rate: int | None) -> str:
    return "—" if rate is None else f"{rate}%"


def coverage_table(rows: list[TownshipCoverage]) -> Table:
    county = TownshipCoverage(
        township=_("County total"),
        communities=sum(row.communities for row in rows),
        with_station=sum(row.with_station for row in rows),
    )
    return Table(
        title=_("Station coverage"),
        headers=[_("Township"), _("Communities and villages"), _("With a station"), _("Coverage")],
        rows=[
            [row.township, str(row.communities), str(row.with_station), _rate_text(row.rate)]
            for row in [*rows, county]
        ],
    )


def coverage_chart() -> Chart:
    """Coverage per township as bars, the county's target as a line; the table adds the
    county's total."""
    rows = coverage_by_township()
    target = settings.LMS_STATION_COVERAGE_TARGET
    return Chart(
        key="coverage",
        kind="bar",
        title=_("Station coverage"),
        labels=[row.township for row in rows],
        series=[Series(_("Coverage"), [row.rate for row in rows])],
        table=coverage_table(rows),
        empty=not rows,
        empty_text=_("No communities or villages have been entered yet."),
        target=target,
        target_label=_("The county's target: a station in %(target)s%% of communities and villages")
        % {"target": target},
    )
