"""A chart and the table of its numbers, built from the same rows.

The page shows the table always (screen readers, exports, phones without JavaScript) and
`static/js/report_charts.js` draws the chart from `Chart.data` (passed with `json_script`,
so no inline script is needed under the CSP). Charts show distributions and trends only:
their labels come in an order fixed by time, stage or name, never by value.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lms.core.tables import Table


@dataclass(frozen=True)
class Series:
    label: str
    values: list[float | None]


@dataclass(frozen=True)
class Chart:
    """key: a slug, unique on the page (element ids and export names are built from it);
    kind: "line" or "bar"; values in percent (0–100) unless `percent` is False;
    target: a horizontal line (a percent), e.g. the county's station coverage goal;
    empty: nothing to show this semester, so the page says so (`empty_text`, or "no data
    for this semester yet") instead of drawing."""

    key: str
    kind: str
    title: str
    labels: list[str]
    series: list[Series]
    table: Table
    empty: bool = False
    empty_text: str = ""
    percent: bool = True
    target: float | None = None
    target_label: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def data_id(self) -> str:
        return f"chart-{self.key}-data"

    @property
    def data(self) -> dict:
        """What report_charts.js reads: labels, one list of values per series, the target."""
        return {
            "kind": self.kind,
            "labels": self.labels,
            "series": [{"label": s.label, "values": s.values} for s in self.series],
            "percent": self.percent,
            "target": self.target,
            "targetLabel": self.target_label,
        }


def percent_of(part: int, whole: int) -> float | None:
    """A share in percent with one decimal, None when there is nothing to divide by."""
    return round(100 * part / whole, 1) if whole else None


def percent_text(value: float | None) -> str:
    """As the tables write it: "42%", "12.5%", or "—"."""
    if value is None:
        return "—"
    return f"{value:g}%"
