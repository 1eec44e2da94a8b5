"""Sheets as a formatted workbook (XLSX): a bold header row frozen at the top, a filter, column widths,
numbers as numbers with their decimals; texts never become formulas (render/workbooks.py)."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from conceptgen.ooxml import package
from conceptgen.render.workbooks import workbook


def write_workbook(sheets: list[Any], *, title: str, author: str, timestamp: dt.datetime | None) -> bytes:
    """The bytes of a workbook with ``sheets`` (document/social_export.py Sheet)."""
    buffer = io.BytesIO()
    book = workbook(buffer)
    created = (timestamp or dt.datetime(2000, 1, 1, tzinfo=dt.UTC)).replace(tzinfo=None)
    book.set_properties({"title": title, "author": author, "created": created})
    header = book.add_format({"bold": True, "text_wrap": True, "valign": "top", "bottom": 1})
    text = book.add_format({"valign": "top", "text_wrap": True})
    formats = {d: book.add_format({"num_format": "0" + ("." + "0" * d if d else "")}) for d in range(5)}
    for sheet in sheets:
        page = book.add_worksheet(sheet.name[:31])
        for column, name in enumerate(sheet.headers):
            page.write_string(0, column, name, header)
            width = sheet.widths[column] if column < len(sheet.widths) else 14
            page.set_column(column, column, width)
        for r, row in enumerate(sheet.rows, start=1):
            for c, value in enumerate(row):
                decimals = sheet.decimals[c] if c < len(sheet.decimals) else None
                if value is None:
                    continue
                if isinstance(value, int | float) and not isinstance(value, bool):
                    page.write_number(r, c, value, formats.get(decimals if decimals is not None else 0))
                else:
                    page.write_string(r, c, str(value), text)
        page.freeze_panes(1, 2 if len(sheet.headers) > 2 else 0)
        if sheet.rows:
            page.autofilter(0, 0, len(sheet.rows), len(sheet.headers) - 1)
    book.close()
    return package.normalize(buffer.getvalue())
