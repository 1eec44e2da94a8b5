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
    heading: str = ""  # a section heading of its own above it (the caption says the title)


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
        weighted = [*table.totals.weighted, *table.totals.weighted.values()]
        need_columns(frame, table.totals.sum + table.totals.mean + weighted, source, (*path, "totals"))
        total = _totals(table, wanted, frame, data, terms)
    return TableResult(
        table.id,
        table.title,
        columns,
        rows,
        total,
        table.source or source_line(frame, terms, wanted),
        table.note or "",
        heading=table.heading or "",
    )


def _totals(table: TableBlock, wanted: list[str], frame: Frame, data: Any, terms: Terms) -> list[Any]:
    totals = table.totals
    assert totals is not None
    total: list[Any] = []
    for i, name in enumerate(wanted):
        if name in totals.sum:
            total.append(float(data[name].sum()))
        elif name in totals.mean:
            total.append(float(data[name].mean()))
        elif name in totals.weighted:
            values, weights = data[name].astype(float), data[totals.weighted[name]].astype(float)
            known = values.notna() & weights.notna()
            weight = float(weights[known].sum())
            total.append(float((values * weights)[known].sum()) / weight if weight else None)
        elif i == 0:
            total.append(totals.label or terms["total"])
        else:
            total.append(_total_cell(name, frame.columns.get(name), data))
    return total


def _total_cell(name: str, column: Column | None, data: Any) -> float | None:
    """A rate or change column's value for the totals row, computed from the rows' sums (the county's
    rate is the sum of cases per the sum of inhabitants, not the mean of the rates); None otherwise."""
    formula = column.formula if column else None
    if not formula or any(c not in data for c in formula[1:3] if isinstance(c, str)):
        return None
    if formula[0] == "rate":
        _, value, population, per = formula
        inhabitants = float(data[population].astype(float).sum())
        return float(data[value].astype(float).sum()) / inhabitants * per if inhabitants else None
    _, value, percent = formula
    values, changes = data[value].astype(float), data[name].astype(float)
    if changes.isna().any() or values.isna().any():
        return None  # a row without a base: the sum of the bases is unknown
    if not percent:
        return float(changes.sum())
    if (changes <= -100).any():
        return None
    bases = values / (1 + changes / 100)
    return float((values.sum() - bases.sum()) / bases.sum() * 100) if bases.sum() else None


def _plain(value: Any) -> Any:
    """numpy scalars → Python; NaN → None."""
    if value is None:
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and value != value:
        return None
    return value
