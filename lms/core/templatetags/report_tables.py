"""`{% report_table %}`: every report screen renders its `Table` through this one tag.

The cells come only from the `Table` the CSV and XLSX exports write, so the screen, the
cards a phone shows and the files cannot disagree. Pages add links through small
templates that receive the row's object, never through cells of their own.
"""

from __future__ import annotations

from django import template

from lms.core.tables import Table

register = template.Library()


def _cells(headers: list[str], row: list[str]) -> list[tuple[str, str]]:
    if len(row) != len(headers):
        raise ValueError(f"a row has {len(row)} cells for {len(headers)} headers")
    return list(zip(headers, row, strict=True))


@register.inclusion_tag("core/includes/report_table.html", takes_context=True)
def report_table(
    context,
    table: Table,
    *,
    label: str,
    pairs=None,
    total: bool = False,
    empty: str = "",
    first_cell: str = "",
    row_end: str = "",
    row_end_header: str = "",
):
    """The table, one card per row on a phone.

    pairs: (object, cells) per body row, as the views zip them, for the link templates;
    total: the last row is a total and goes in the footer;
    first_cell / row_end: templates for the row header's link and a last, unexported cell.
    """
    rows = list(table.rows)
    foot = rows.pop() if total and rows else None
    objects = [None] * len(rows)
    if pairs is not None:
        pairs = list(pairs)
        if len(pairs) != len(rows) or any(
            list(cells) != row for (_obj, cells), row in zip(pairs, rows, strict=True)
        ):
            raise ValueError("the row objects do not match the table's rows")
        objects = [obj for obj, _cells in pairs]
    return {
        **context.flatten(),
        "rt": {
            "table": table,
            "label": label,
            "body": [
                {"obj": obj, "cells": _cells(table.headers, row)}
                for obj, row in zip(objects, rows, strict=True)
            ],
            "foot": _cells(table.headers, foot) if foot is not None else None,
            "empty": empty,
            "first_cell": first_cell,
            "row_end": row_end,
            "row_end_header": row_end_header,
            "columns": len(table.headers) + (1 if row_end else 0),
        },
    }
