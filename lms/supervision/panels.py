"""Station coverage on the county page (the lms.core.panels slot "county_report")."""

from __future__ import annotations

from lms.supervision.charts import coverage_chart
from lms.supervision.selectors import may_supervise


def county_coverage_context(request) -> dict:
    shown = may_supervise(user=request.user)
    return {"shown": shown, "chart": coverage_chart() if shown else None}
