"""Data tables for the document: raw results formatted for the locale (German numbers, units in headers)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from conceptgen.language import Language


@dataclass(frozen=True)
class DataTable:
    """A formatted table; ``{{p tables.x }}`` (or ``[[table:x]]`` in a text) inserts it with caption
    and source line."""

    id: str
    title: str
    headers: list[str]
    numeric: list[bool]
    rows: list[list[str]]
    total: list[str] | None = None
    source: str = ""
    note: str = ""
    flags: list[str] = field(default_factory=list)
    widths: list[float] | None = None  # relative column widths; else shared out by content
    heading: str = ""  # data.yaml's tables and analyses: a section heading of its own above the caption

    @property
    def label(self) -> str:
        return f"tab:{self.id}"


def format_table(result: Any, fmt: Language) -> DataTable:
    """Format a data-stage TableResult: numbers by locale and decimals, units in the headers."""
    headers = [
        f"{c.label} ({c.unit})"
        if c.unit and not c.percent and c.unit not in c.label
        else (fmt.terms("percent_in", label=c.label) if c.percent else c.label)
        for c in result.columns
    ]

    def cell(value: Any, column: Any) -> str:
        if value is None:
            return fmt.terms["none"]
        if column.year and isinstance(value, int | float):
            return str(int(value))
        if column.numeric and isinstance(value, int | float):
            return fmt.number(value, column.decimals)
        return str(value)

    rows = [[cell(v, c) for v, c in zip(row, result.columns, strict=True)] for row in result.rows]
    total = None
    if result.total is not None:
        total = ["" if v is None else cell(v, c) for v, c in zip(result.total, result.columns, strict=True)]
    source = f"{fmt.terms['source']}: {result.source}" if result.source else ""
    return DataTable(
        result.id,
        result.title,
        headers,
        [c.numeric for c in result.columns],
        rows,
        total,
        source,
        result.note,
        list(result.flags),
        heading=result.heading,
    )
