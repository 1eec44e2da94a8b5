"""``conceptgen export PROJECT --xlsx``: the working-group workbook — measures and tasks, goals, indicators
with their actual values, the progress report's statuses — for members to fill in: a bold, frozen header
row with filters, widths, German number formats (the workbook shows them in the reader's Excel as
1.234,5), drop-downs for status, priority and interval, the columns members may not change in grey and
locked against accidental edits (no password)."""

from __future__ import annotations

import datetime as dt
import io

from conceptgen.exchange.sheets import Sheet, sheets
from conceptgen.model import Concept

NUMBER_FORMAT = "#,##0.##"
EURO_FORMAT = '#,##0 "€"'


def export_workbook(concept: Concept, timestamp: dt.datetime | None = None) -> bytes:
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    created = (timestamp or dt.datetime(2000, 1, 1)).replace(tzinfo=None)
    book.set_properties(
        {
            "title": f"Arbeitsstand: {concept.project.title}",
            "author": concept.project.contractor,
            "created": created,
        }
    )
    styles = {
        "header": book.add_format(
            {
                "bold": True,
                "text_wrap": True,
                "valign": "top",
                "bottom": 1,
                "bg_color": "#D6E0EB",
                "locked": True,
            }
        ),
        "readonly": book.add_format(
            {"bg_color": "#F2F2F2", "valign": "top", "text_wrap": True, "locked": True}
        ),
        "text": book.add_format({"valign": "top", "text_wrap": True, "locked": False}),
        "number": book.add_format({"num_format": NUMBER_FORMAT, "valign": "top", "locked": False}),
        "euro": book.add_format({"num_format": EURO_FORMAT, "valign": "top", "locked": False}),
        "int": book.add_format({"num_format": "0", "valign": "top", "locked": False}),
    }
    for sheet in sheets(concept):
        _write_sheet(book, sheet, styles)
    book.close()
    return buffer.getvalue()


def _write_sheet(book, sheet: Sheet, styles: dict) -> None:
    page = book.add_worksheet(sheet.name)
    last = max(len(sheet.rows), 1)
    for c, column in enumerate(sheet.columns):
        page.write_string(0, c, column.header, styles["header"])
        page.set_column(c, c, column.width)
        if column.choices:
            page.data_validation(
                1,
                c,
                last + 200,
                c,
                {
                    "validate": "list",
                    "source": list(column.choices),
                    "error_title": column.header,
                    "error_message": "Bitte einen Wert aus der Liste wählen.",
                },
            )
        elif column.kind in ("int", "year"):
            page.data_validation(
                1,
                c,
                last + 200,
                c,
                {
                    "validate": "integer",
                    "criteria": "between",
                    "minimum": int(column.low if column.low is not None else 0),
                    "maximum": int(column.high if column.high is not None else 10**9),
                },
            )
        elif column.kind == "number" and column.low is not None:
            page.data_validation(
                1, c, last + 200, c, {"validate": "decimal", "criteria": ">=", "value": column.low}
            )
    for r, row in enumerate(sheet.rows, start=1):
        for c, (column, value) in enumerate(zip(sheet.columns, row.values, strict=True)):
            style = styles["readonly"] if not column.editable else styles["text"]
            if column.kind in ("number",) and column.editable:
                style = styles["euro"] if "€" in column.header else styles["number"]
            elif column.kind in ("int", "year"):
                style = styles["int"]
            if value is None:
                page.write_blank(r, c, None, style)
            elif isinstance(value, int | float) and not isinstance(value, bool):
                page.write_number(r, c, value, style)
            else:
                page.write_string(r, c, str(value), style)
    page.freeze_panes(1, 2)
    page.autofilter(0, 0, last, len(sheet.columns) - 1)
    page.protect("", {"autofilter": True, "sort": True, "format_columns": True, "format_rows": True})
