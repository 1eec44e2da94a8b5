"""Indicator values from data: one value per year from a view or dataset column."""

from __future__ import annotations

from typing import Any

from conceptgen.data.frames import Frame, filter_rows, frame_by_id, need_columns
from conceptgen.diagnostics import DiagnosticError, diagnostic
from conceptgen.loading import ProjectSource
from conceptgen.loading.yaml_loader import format_path


def indicator_values(
    data_spec: Any, frames: dict[str, Frame], source: ProjectSource, path: tuple
) -> dict[int, float]:
    frame = frame_by_id(frames, data_spec.view, source, (*path, "view"))
    need_columns(frame, [data_spec.column, data_spec.year_column], source, (*path, "column"))
    data = filter_rows(frame, data_spec.filter, source, (*path, "filter"))
    values: dict[int, float] = {}
    for year, group in data.groupby(data_spec.year_column):
        series = group[data_spec.column].dropna().astype(float)
        if series.empty:
            continue
        if data_spec.aggregate == "single" and len(series) > 1:
            raise DiagnosticError(
                diagnostic(
                    "CG605",
                    f"{len(series)} Zeilen für das Jahr {int(year)}; der Indikator braucht eine",
                    source.locate(path),
                    key_path=format_path(path),
                    hint="einen Filter ergänzen (z. B. {area: kreis}) oder aggregate: sum",
                )
            )
        values[int(year)] = float(series.mean() if data_spec.aggregate == "mean" else series.sum())
    return values
