"""``conceptgen export PROJECT --xlsx``: the working-group workbook — measures and tasks, goals, indicators
with their actual values, the progress report's statuses — for members to fill in: a bold, frozen header
row with filters, widths, German number formats (the workbook shows them in the reader's Excel as
1.234,5), drop-downs for status, priority and interval, the columns members may not change in grey and
locked against accidental edits (no password).

A hidden sheet records what the workbook was exported from: a fingerprint of every editable cell's value
per row (exchange/imports.py tells a member's edit from a YAML edit made after the export by it). A text
longer than Excel's cell limit is written cut, locked, and said (CG624): it is never exchanged."""

from __future__ import annotations

import datetime as dt
import io
import json

from conceptgen.diagnostics import Diagnostic, Location, diagnostic
from conceptgen.exchange.sheets import (
    EXCEL_CELL_CHARS,
    RECORD_MARK,
    RECORD_SHEET,
    Sheet,
    canonical,
    digest,
    sheets,
)
from conceptgen.language import grouped
from conceptgen.model import Concept

NUMBER_FORMAT = "#,##0.##"
SHOWN = 300  # longer values are recorded by their fingerprint only (a record row stays below Excel's limit)
EURO_FORMAT = '#,##0 "€"'


def export_workbook(
    concept: Concept, timestamp: dt.datetime | None = None, notes: list[Diagnostic] | None = None
) -> bytes:
    """The workbook's bytes; what a reader should know (texts too long for a cell) goes into ``notes``."""
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
    found = sheets(concept)
    for sheet in found:
        _write_sheet(book, sheet, styles, notes if notes is not None else [])
    _write_record(book, found)
    book.close()
    return buffer.getvalue()


def _write_record(book, found: list[Sheet]) -> None:
    """The hidden sheet: per row its sheet, ID and its editable cells as exported — a fingerprint, and the
    value itself where it is short (a conflict shows it)."""
    page = book.add_worksheet(RECORD_SHEET)
    page.write_row(0, 0, [RECORD_MARK, 1, "Nicht ändern: was exportiert wurde (für conceptgen import)"])
    r = 1
    for sheet in found:
        for row in sheet.rows:
            cells = {
                column.header: [digest(value), canonical(value) if len(canonical(value)) <= SHOWN else None]
                for column, value in zip(sheet.columns, row.values, strict=True)
                if column.editable
            }
            page.write_row(r, 0, [sheet.name, row.key, json.dumps(cells, ensure_ascii=False)])
            r += 1
    page.very_hidden()
    page.protect("")


def _write_sheet(book, sheet: Sheet, styles: dict, notes: list[Diagnostic]) -> None:
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
            if isinstance(value, str) and len(value) > EXCEL_CELL_CHARS:
                notes.append(_cut(sheet, row.key, column.header, len(value)))
                page.write_string(r, c, value[:EXCEL_CELL_CHARS], styles["readonly"])
            elif value is None:
                page.write_blank(r, c, None, style)
            elif isinstance(value, int | float) and not isinstance(value, bool):
                page.write_number(r, c, value, style)
            else:
                page.write_string(r, c, str(value), style)
    page.freeze_panes(1, 2)
    page.autofilter(0, 0, last, len(sheet.columns) - 1)
    page.protect("", {"autofilter": True, "sort": True, "format_columns": True, "format_rows": True})


def _cut(sheet: Sheet, key: str, header: str, length: int) -> Diagnostic:
    return diagnostic(
        "CG624",
        f"Text mit {grouped(length)} Zeichen in der Arbeitsmappe auf die {grouped(EXCEL_CELL_CHARS)} "
        "von Excel gekürzt",
        Location(sheet.file),
        key_path=f"{key}: {header}",
        hint="die Zelle ist gesperrt und wird nie zurückgelesen; diesen Text in der YAML ändern",
    )
