"""Views: a dataset joined, filtered, aggregated and extended by computed columns (rate, share, change,
rank), as declared in data.yaml."""

from __future__ import annotations

from typing import Any

from conceptgen.data.frames import Column, Frame, filter_rows, frame_by_id, need_columns
from conceptgen.diagnostics import DiagnosticError, diagnostic
from conceptgen.loading import ProjectSource
from conceptgen.loading.yaml_loader import format_path
from conceptgen.model.data import Computation, View
from conceptgen.terms import Terms


def compute_view(
    view: View, frames: dict[str, Frame], source: ProjectSource, path: tuple, terms: Terms
) -> Frame:
    base = frame_by_id(frames, view.dataset, source, (*path, "dataset"))
    data = base.data.copy()
    columns = dict(base.columns)
    sources = list(base.sources)
    for j, join in enumerate(view.join):
        other = frame_by_id(frames, join.dataset, source, (*path, "join", j, "dataset"))
        need_columns(Frame(data, columns, []), join.on, source, (*path, "join", j, "on"))
        need_columns(other, join.on, source, (*path, "join", j, "on"))
        repeated = other.data[other.data.duplicated(subset=join.on, keep=False)]
        if not repeated.empty:
            first = repeated.iloc[0]
            key = ", ".join(f"{c}={first[c]}" for c in join.on)
            raise DiagnosticError(
                diagnostic(
                    "CG607",
                    f"„{join.dataset}“ hat {len(repeated)} Zeilen mit demselben {key}: die Verknüpfung "
                    "zählte jede Zeile dieser Sicht mehrfach",
                    source.locate((*path, "join", j, "on")),
                    key_path=format_path((*path, "join", j, "on")),
                    hint="über mehr Spalten verknüpfen (z. B. [area, jahr]) oder jenen Datensatz "
                    "zusammenfassen oder filtern",
                )
            )
        extra = [c for c in other.data.columns if c not in data.columns or c in join.on]
        data = data.merge(other.data[extra], on=join.on, how="left")
        columns.update({k: v for k, v in other.columns.items() if k not in columns})
        sources += [s for s in other.sources if s not in sources]
    data = filter_rows(Frame(data, columns, sources), view.filter, source, (*path, "filter"))
    if view.aggregate:
        agg = view.aggregate
        need_columns(Frame(data, columns, []), agg.by + agg.sum + agg.mean, source, (*path, "aggregate"))
        spec = {c: "sum" for c in agg.sum} | {c: "mean" for c in agg.mean}
        data = data.groupby(agg.by, as_index=False, sort=True).agg(spec)
        columns = {c: columns[c] for c in agg.by + agg.sum + agg.mean}
    for k, computation in enumerate(view.compute):
        data, column = _compute(data, columns, computation, source, (*path, "compute", k), terms)
        columns[computation.name] = _with_formula(column, computation)
    return Frame(data.reset_index(drop=True), columns, sources, computed=True)


def _with_formula(column: Column, c: Computation) -> Column:
    """The column with how a totals row computes it: a rate from the summed counts and bases, a change
    from the summed values of both years (data/tables.py)."""
    from dataclasses import replace

    if c.rate:
        return replace(column, formula=("rate", c.rate.value, c.rate.population, c.rate.per))
    if c.change:
        return replace(column, formula=("change", c.change.value, c.change.percent))
    return column


def _compute(
    data: Any, columns: dict[str, Column], c: Computation, source: ProjectSource, path: tuple, terms: Terms
):
    frame = Frame(data, columns, [])
    data = data.copy()
    if c.rate:
        need_columns(frame, [c.rate.value, c.rate.population], source, (*path, "rate"))
        population = data[c.rate.population].astype(float)
        data[c.name] = data[c.rate.value].astype(float) / population.where(population != 0) * c.rate.per
        unit = c.unit or terms("per_inhabitants", per=terms.thousands(c.rate.per))
        return data, Column(
            c.name,
            c.label or c.name,
            unit,
            True,
            c.decimals if c.decimals is not None else 1,
            sample=_sample(columns, c.rate.value, c.rate.population),
        )
    if c.share:
        need_columns(
            frame, [c.share.value, *([c.share.within] if c.share.within else [])], source, (*path, "share")
        )
        values = data[c.share.value].astype(float)
        totals = (
            data.groupby(c.share.within)[c.share.value].transform("sum") if c.share.within else values.sum()
        )
        data[c.name] = values / totals * 100
        return data, Column(
            c.name,
            c.label or c.name,
            c.unit or "%",
            True,
            c.decimals if c.decimals is not None else 1,
            percent=True,
            sample=_sample(columns, c.share.value),
        )
    if c.change:
        ch = c.change
        keys = [ch.value, ch.over, *([ch.by] if ch.by else [])]
        need_columns(frame, keys, source, (*path, "change"))
        data = data.sort_values([*([ch.by] if ch.by else []), ch.over])
        if ch.base == "previous":  # the year before, not the row before: a missing year stays a gap
            base = _previous_year(data, ch.value, ch.over, ch.by)
        else:
            at_base = data[data[ch.over] == int(ch.base)]
            if at_base.empty:
                raise DiagnosticError(
                    diagnostic(
                        "CG604",
                        f"das Basisjahr {ch.base} steht nicht in der Spalte „{ch.over}“",
                        source.locate((*path, "change", "base")),
                        key_path=format_path((*path, "change")),
                    )
                )
            if ch.by:
                base = data[ch.by].map(dict(zip(at_base[ch.by], at_base[ch.value], strict=False)))
            else:
                base = float(at_base[ch.value].iloc[0])
        delta = data[ch.value].astype(float) - base
        data[c.name] = delta / base * 100 if ch.percent else delta
        unit = c.unit or ("%" if ch.percent else columns[ch.value].unit)
        return data.sort_index(), Column(
            c.name,
            c.label or c.name,
            unit,
            True,
            c.decimals if c.decimals is not None else 1,
            percent=ch.percent,
            sample=_sample(columns, ch.value),
        )
    rank = c.rank
    assert rank is not None  # the model guarantees exactly one operation
    need_columns(frame, [rank.value, *([rank.within] if rank.within else [])], source, (*path, "rank"))
    series = data.groupby(rank.within)[rank.value] if rank.within else data[rank.value]
    data[c.name] = series.rank(ascending=not rank.descending, method="min")
    return data, Column(c.name, c.label or c.name, c.unit or "", True, 0, sample=_sample(columns, rank.value))


def _previous_year(data: Any, value: str, over: str, by: str | None) -> Any:
    """Each row's value of the year before (in its group), or NaN where the data have no such year."""
    from conceptgen.data.years import as_year

    keys = [by] if by else []
    known = {
        (*(row[:-2]), as_year(row[-2])): row[-1]
        for row in data[[*keys, over, value]].itertuples(index=False, name=None)
    }
    previous = [
        known.get((*(row[:-1]), (as_year(row[-1]) or 0) - 1))
        for row in data[[*keys, over]].itertuples(index=False, name=None)
    ]
    import pandas as pd

    return pd.Series([float("nan") if v is None else float(v) for v in previous], index=data.index)


def _sample(columns: dict[str, Column], *inputs: str) -> bool:
    """A computed column holds sample figures when any column it is computed from does."""
    return any(columns[name].sample for name in inputs if name in columns)
