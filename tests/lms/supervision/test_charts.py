"""Station coverage per township against the county's target, worked out by hand, in the
order of township names (as the database sorts them: by character, not yet by pinyin) whatever
the coverage; the charts on the compliance and county pages.

  城关镇: 东街社区 (station), 西街社区, 南街社区        → 1/3 = 33%
  河口镇: 河口村 (station), 柳树村 (station)            → 2/2 = 100%
  安平乡: 安平村                                        → 0/1 = 0%
  county                                                → 3/6 = 50%
"""

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from lms.accounts.roles import Role
from lms.activities.models import Community, Station
from lms.supervision.charts import coverage_chart
from tests.courses.factories import UserFactory
from tests.lms.schools.factories import school_add, staff_add
from tests.lms.schools.tables import html_table

pytestmark = pytest.mark.django_db


def _community(name, township, *, station=False):
    community = Community.objects.create(name=name, township=township)
    if station:
        Station.objects.create(name=f"{name}指导站", community=community, host="women_children")
    return community


@pytest.fixture
def county():
    _community("东街社区", "城关镇", station=True)
    _community("西街社区", "城关镇")
    _community("南街社区", "城关镇")
    _community("河口村", "河口镇", station=True)
    _community("柳树村", "河口镇", station=True)
    return {"anping": _community("安平村", "安平乡")}


def test_the_coverage_chart_and_its_table_hold_the_same_numbers_and_the_target(county):
    with translation.override("en"):
        chart = coverage_chart()
    assert chart.labels == ["城关镇", "安平乡", "河口镇"]
    assert chart.data["series"] == [{"label": "Coverage", "values": [33, 0, 100]}]
    assert chart.data["target"] == 90 and "90%" in chart.data["targetLabel"]
    assert chart.table.rows == [
        ["城关镇", "3", "1", "33%"],
        ["安平乡", "1", "0", "0%"],
        ["河口镇", "2", "2", "100%"],
        ["County total", "6", "3", "50%"],
    ]
    with override_settings(LMS_STATION_COVERAGE_TARGET=85):
        assert coverage_chart().target == 85


def test_townships_stay_in_name_order_when_their_coverage_changes(county):
    """安平乡 goes from the lowest coverage to the highest and keeps its place."""
    before = coverage_chart()
    Station.objects.create(name="安平村指导站", community=county["anping"], host="youth")
    after = coverage_chart()
    anping = before.labels.index("安平乡")
    assert before.series[0].values[anping] == 0 and after.series[0].values[anping] == 100
    assert before.labels == after.labels == sorted(after.labels)


def test_no_communities_is_an_empty_state_not_an_error():
    chart = coverage_chart()
    assert chart.empty and chart.labels == []
    assert [row[1:] for row in chart.table.rows] == [["0", "0", "—"]]  # the county's total
    assert chart.empty_text


def test_the_compliance_page_draws_coverage_and_the_semesters_charts(client, county):
    client.force_login(UserFactory(role=Role.BUREAU_ADMIN))
    page = client.get("/supervision/?semester=2025-spring").content
    text = page.decode()
    assert 'data-chart="chart-coverage-data"' in text and "js/report_charts.js" in text
    assert html_table(page, marker="data-chart-table")[-1] == ["全县合计", "6", "3", "50%"]
    # 2025-spring has no families and no assignments: the learning charts say so.
    assert text.count("本学期还没有数据") == 2
    weeks = client.get("/supervision/compliance.csv?semester=2025-spring&part=weeks")
    assert weeks.status_code == 200
    assert "compliance-weeks-2025-spring" in weeks["Content-Disposition"]


def test_the_county_page_shows_coverage_to_the_bureau(client, county):
    client.force_login(UserFactory(role=Role.BUREAU_ADMIN))
    text = client.get(reverse("schools:county")).content.decode()
    assert 'data-chart-table="coverage"' in text
    assert "全县目标：90% 的社区和村建有家庭教育指导站" in text
    assert "compliance.csv?part=coverage" in text


def test_the_county_page_without_communities_says_so_and_draws_nothing(client):
    client.force_login(UserFactory(role=Role.BUREAU_ADMIN))
    text = client.get(reverse("schools:county")).content.decode()
    assert "还没有录入社区和村" in text and "<canvas" not in text


def test_a_school_admin_sees_no_coverage_panel_on_a_school_page(client, county):
    school = school_add()
    client.force_login(staff_add(school, admin=True))
    text = client.get(reverse("schools:school", args=[school.code])).content.decode()
    assert "chart-coverage" not in text
