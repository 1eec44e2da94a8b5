"""Table blocks: a view shown with chosen, renamed and sorted columns and a totals row, as raw values."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from conceptgen.data.frames import Column, Frame, filter_rows, frame_by_id, need_columns, source_line
from conceptgen.diagnostics import DiagnosticError, diagnostic
from conceptgen.loading import ProjectSource
from conceptgen.loading.yaml_loader import format_path
from conceptgen.model.data import TableBlock
from conceptgen.terms import Terms


@dataclass
class TableResult:
    """A table block (or analysis) as raw values, ready to be formatted."""

    id: str
    title: str
    columns: list[Column]
    rows: list[list[Any]]
    total: list[Any] | None = None
    source: str = ""
    note: str = ""
    flags: list[str] = field(default_factory=list)  # per row: "" or a marker such as "under"


def table_block(
    table: TableBlock, frames: dict[str, Frame], source: ProjectSource, path: tuple, terms: Terms
) -> TableResult:
    frame = frame_by_id(frames, table.view, source, (*path, "view"))
    wanted = [c.column for c in table.columns]
    for i, col in enumerate(table.columns):
        need_columns(frame, [col.column], source, (*path, "columns", i, "column"))
    data = filter_rows(frame, table.filter, source, (*path, "filter"))
    if table.sort:
        for k, key in enumerate(table.sort):
            need_columns(frame, [key.column], source, (*path, "sort", k, "column"))
        data = data.sort_values(
            [k.column for k in table.sort], ascending=[not k.descending for k in table.sort], kind="stable"
        )
    if data.empty:
        raise DiagnosticError(
            diagnostic(
                "CG602",
                f"die Tabelle „{table.id}“ hat nach dem Filtern keine Zeilen",
                source.locate(path),
                key_path=format_path(path),
                hint="die Filterwerte mit den Daten vergleichen",
            )
        )
    columns = []
    for spec in table.columns:
        base = frame.columns.get(spec.column, Column(spec.column, spec.column))
        numeric = base.numeric or (not base.year and data[spec.column].dtype.kind in "if")
        columns.append(
            Column(
                spec.column,
                spec.label or base.label,
                spec.unit if spec.unit is not None else base.unit,
                numeric,
                spec.decimals if spec.decimals is not None else base.decimals,
                base.percent,
                base.year,
            )
        )
    rows = [[_plain(row[c]) for c in wanted] for _, row in data.iterrows()]
    total = None
    if table.totals:
        need_columns(frame, table.totals.sum + table.totals.mean, source, (*path, "totals"))
        total = []
        for i, name in enumerate(wanted):
            if name in table.totals.sum:
                total.append(float(data[name].sum()))
            elif name in table.totals.mean:
                total.append(float(data[name].mean()))
            else:
                total.append((table.totals.label or terms["total"]) if i == 0 else None)
    return TableResult(
        table.id,
        table.title,
        columns,
        rows,
        total,
        table.source or source_line(frame, terms, wanted),
        table.note or "",
    )


def _plain(value: Any) -> Any:
    """numpy scalars → Python; NaN → None."""
    if value is None:
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and value != value:
        return None
    return value
