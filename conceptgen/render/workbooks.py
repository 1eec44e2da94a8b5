"""Workbooks conceptgen writes (behind native charts, and exports): every text a string cell.

XlsxWriter turns a string that starts with ``=`` into a live formula and one that looks like a URL into
a hyperlink. Texts come from data files and YAML (``=HYPERLINK(…)``, ``=cmd|' /C calc'!A0``), so every
workbook is opened with those conversions switched off: what Word opens behind „Daten bearbeiten“ holds
values, never formulas.
"""

from __future__ import annotations

import io
from contextlib import contextmanager
from typing import Any

from pptx.chart.data import CategoryChartData
from pptx.chart.xlsx import CategoryWorkbookWriter

SAFE_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}


def workbook(target: Any, **options: Any) -> Any:
    """A new XlsxWriter workbook writing to ``target`` (a path or a byte stream), texts as strings."""
    from xlsxwriter import Workbook

    return Workbook(target, {"in_memory": True, **SAFE_OPTIONS, **options})


class _SafeCategoryWorkbookWriter(CategoryWorkbookWriter):
    @contextmanager
    def _open_worksheet(self, xlsx_file: io.BytesIO):
        book = workbook(xlsx_file)
        sheet = book.add_worksheet()
        yield book, sheet
        book.close()


class SafeCategoryChartData(CategoryChartData):
    """python-pptx's chart data whose workbook holds no formulas."""

    @property
    def _workbook_writer(self) -> CategoryWorkbookWriter:
        writer = self.__dict__.get("_safe_writer")
        if writer is None:
            writer = self.__dict__["_safe_writer"] = _SafeCategoryWorkbookWriter(self)
        return writer
