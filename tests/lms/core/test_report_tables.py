"""The one report-table template shows exactly the cells the exports write, on every screen."""

import re

import pytest
from django.template import Context, Template

from lms.core.tables import Table, table_csv
from tests.lms.schools.tables import csv_table, html_table


def _table(rows):
    return Table(title="三年级2班", headers=["学生", "家长", "第1课", "状态"], rows=rows)


ROWS = [
    ["小明", "母亲 王芳", "✓", "已完成 2026-09-03"],
    ["乐乐", "父亲", "—", "未开始（截止 2026-09-10）"],
    ["<b>豆豆</b>", "奶奶 & 爷爷", "50%", "学习中"],
]


def _render(source: str, **context) -> str:
    return Template("{% load report_tables %}" + source).render(Context(context))


def test_the_screen_shows_the_same_cells_as_the_csv():
    table = _table(ROWS)
    html = _render('{% report_table table label="进度" %}', table=table)
    assert html_table(html.encode()) == csv_table(table_csv(table))


def test_each_cell_carries_its_header_for_the_phone_cards():
    html = _render('{% report_table table label="进度" %}', table=_table(ROWS[:1]))
    body = html.split("<tbody", 1)[1]
    labels = re.findall(r'data-label="([^"]*)"', body)
    assert labels == ["学生", "家长", "第1课", "状态"]
    # A proper table for screen readers even when CSS makes cards of it.
    assert 'role="table"' in html and 'role="columnheader"' in html
    assert '<th scope="row" role="rowheader" data-label="学生">小明</th>' in body


def test_names_are_escaped():
    html = _render('{% report_table table label="进度" %}', table=_table(ROWS))
    assert "<b>豆豆</b>" not in html and "&lt;b&gt;豆豆&lt;/b&gt;" in html


def test_a_total_row_goes_in_the_footer_and_still_equals_the_csv():
    table = _table([*ROWS, ["合计", "", "2", ""]])
    html = _render('{% report_table table label="进度" total=True %}', table=table)
    foot = html.split("<tfoot", 1)[1]
    assert "合计" in foot and "合计" not in html.split("<tfoot", 1)[0]
    assert html_table(html.encode()) == csv_table(table_csv(table))


def test_an_empty_table_says_so_and_keeps_its_headers():
    html = _render(
        '{% report_table table label="进度" empty="还没有家庭加入。" %}', table=_table([])
    )
    assert html_table(html.encode()) == [["学生", "家长", "第1课", "状态"], ["还没有家庭加入。"]]


def test_a_link_template_gets_the_row_object_and_the_extra_cell_is_not_exported():
    table = _table(ROWS[:2])
    pairs = list(zip(["a", "b"], table.rows, strict=True))
    html = _render(
        '{% report_table table label="进度" pairs=pairs first_cell="t/first.html"'
        ' row_end="t/end.html" row_end_header="调整" %}',
        table=table,
        pairs=pairs,
    )
    assert html_table(html.encode()) == csv_table(table_csv(table))
    assert '<a href="/a/">小明</a>' in html and 'class="no-export"><i>b</i>' in html


def test_row_objects_that_do_not_match_the_rows_are_refused():
    table = _table(ROWS[:2])
    with pytest.raises(ValueError):
        _render(
            '{% report_table table label="进度" pairs=pairs %}',
            table=table,
            pairs=[("a", table.rows[1]), ("b", table.rows[0])],
        )


@pytest.fixture(autouse=True)
def _link_templates(settings):
    """Two tiny link templates, as the report pages have theirs."""
    settings.TEMPLATES = [
        {
            **settings.TEMPLATES[0],
            "APP_DIRS": False,
            "OPTIONS": {
                **settings.TEMPLATES[0]["OPTIONS"],
                "loaders": [
                    (
                        "django.template.loaders.locmem.Loader",
                        {
                            "t/first.html": '<a href="/{{ obj }}/">{{ cell }}</a>',
                            "t/end.html": "<i>{{ obj }}</i>",
                        },
                    ),
                    "django.template.loaders.filesystem.Loader",
                    "django.template.loaders.app_directories.Loader",
                ],
            },
        }
    ]


def test_an_export_is_named_by_what_it_holds_and_the_date_in_plain_ascii():
    from django.utils import timezone

    from lms.core.tables import table_response

    today = timezone.localdate().isoformat()
    response = table_response(_table(ROWS), fmt="csv", name="attendance-7-s1-2026-autumn")
    assert response["Content-Disposition"] == (
        f'attachment; filename="attendance-7-s1-2026-autumn-{today}.csv"'
    )
    # Quotes, spaces, slashes and Chinese never reach the header.
    odd = table_response(_table(ROWS), fmt="xlsx", name='三年级"2班/../x y')
    disposition = odd["Content-Disposition"]
    assert disposition == f'attachment; filename="2-x-y-{today}.xlsx"'
    assert disposition.isascii()
