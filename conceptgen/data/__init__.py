"""Stage 3: analyse data — load datasets, compute views, table blocks, analyses and indicator values.

Only imported when a project declares data (pandas is heavy). Everything returned is plain: raw values
and column descriptions; formatting for the document's locale happens in the document stage.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from conceptgen.diagnostics import Diagnostic, DiagnosticError, diagnostic, did_you_mean
from conceptgen.loading import ProjectSource
from conceptgen.loading.yaml_loader import format_path
from conceptgen.model import Concept
from conceptgen.model.data import ColumnType, Computation, SupplyAnalysis, TableBlock, View


@dataclass
class Column:
    """What a table needs to know about a column."""

    name: str
    label: str
    unit: str = ""
    numeric: bool = False
    decimals: int | None = None
    percent: bool = False
    year: bool = False


@dataclass
class Frame:
    """A dataset or view: the DataFrame, its columns and the sources it rests on."""

    data: Any  # pandas.DataFrame
    columns: dict[str, Column]
    sources: list[str]
    sample: bool = False
    computed: bool = False


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


@dataclass
class DataResult:
    frames: dict[str, Frame] = field(default_factory=dict)
    tables: dict[str, TableResult] = field(default_factory=dict)
    analyses: dict[str, TableResult] = field(default_factory=dict)
    indicator_values: dict[str, dict[int, float]] = field(default_factory=dict)


def declares_data(concept: Concept) -> bool:
    """True when the project has datasets (and so needs pandas)."""
    return bool(concept.datasets)


def analyse(concept: Concept, source: ProjectSource) -> tuple[DataResult, list[Diagnostic]]:
    """Load every dataset and compute views, tables, analyses and indicator values.

    Returns the results and the diagnostics (a problem in one dataset does not hide the others'; views
    that depend on a broken dataset are skipped silently, their cause is already reported).
    """
    from conceptgen.data.sources import load_dataset

    result = DataResult()
    found: list[Diagnostic] = []
    for i, dataset in enumerate(concept.datasets):
        try:
            loaded = load_dataset(dataset, source, ("datasets", i))
        except DiagnosticError as exc:
            found += exc.diagnostics
            continue
        columns = {
            c.key: Column(
                c.key,
                c.label or c.name,
                c.unit or "",
                c.type in (ColumnType.INTEGER, ColumnType.NUMBER),
                0 if c.type is ColumnType.INTEGER else None,
                year=c.type is ColumnType.YEAR,
            )
            for c in dataset.columns
        }
        sources = [dataset.source] if dataset.source else []
        result.frames[dataset.id] = Frame(loaded.frame, columns, sources, dataset.sample)
        if dataset.area_column:
            found += _check_areas(concept, source, i, dataset, loaded)
    broken = {d.id for d in concept.datasets} - set(result.frames)
    for i, view in enumerate(concept.views):
        if {view.dataset, *(j.dataset for j in view.join)} & broken:
            broken.add(view.id)
            continue
        try:
            result.frames[view.id] = _view(view, result.frames, source, ("views", i))
        except DiagnosticError as exc:
            found += exc.diagnostics
            broken.add(view.id)
    for i, table in enumerate(concept.tables):
        if table.view in broken:
            continue
        try:
            result.tables[table.id] = _table(table, result.frames, source, ("tables", i))
        except DiagnosticError as exc:
            found += exc.diagnostics
    for i, analysis in enumerate(concept.analyses):
        if {analysis.population, analysis.need} & broken:
            continue
        try:
            result.analyses[analysis.id] = supply_analysis(
                analysis, concept, result.frames, source, ("analyses", i)
            )
        except DiagnosticError as exc:
            found += exc.diagnostics
    for i, indicator in enumerate(concept.indicators):
        if indicator.data is None or indicator.data.view in broken:
            continue
        try:
            result.indicator_values[indicator.id] = _indicator_values(
                indicator.data, result.frames, source, ("indicators", i, "data")
            )
        except DiagnosticError as exc:
            found += exc.diagnostics
    return result, found


# --- helpers -------------------------------------------------------------------------------------


def frame_by_id(frames: dict[str, Frame], ident: str, source: ProjectSource, path: tuple) -> Frame:
    if ident not in frames:
        raise DiagnosticError(
            diagnostic(
                "CG202",
                f"unknown dataset or view '{ident}'",
                source.locate(path),
                key_path=format_path(path),
                hint=did_you_mean(ident, frames) or f"known: {', '.join(sorted(frames))}",
            )
        )
    return frames[ident]


def need_columns(frame: Frame, names: list[str], source: ProjectSource, path: tuple) -> None:
    missing = [n for n in names if n not in frame.data.columns]
    if missing:
        raise DiagnosticError(
            [
                diagnostic(
                    "CG601",
                    f"unknown column '{name}'",
                    source.locate(path),
                    key_path=format_path(path),
                    hint=did_you_mean(name, list(frame.data.columns))
                    or f"columns: {', '.join(map(str, frame.data.columns))}",
                )
                for name in missing
            ]
        )


def filter_rows(frame: Frame, filters: dict[str, Any], source: ProjectSource, path: tuple) -> Any:
    data = frame.data
    need_columns(frame, list(filters), source, path)
    for column, wanted in filters.items():
        values = wanted if isinstance(wanted, list) else [wanted]
        if frame.columns.get(column, Column(column, column)).numeric or data[column].dtype.kind in "if":
            try:
                numbers = [float(v) for v in values]
            except ValueError:
                raise DiagnosticError(
                    diagnostic(
                        "CG103",
                        f"filter value for numeric column '{column}' is not a number",
                        source.locate((*path, column)),
                        key_path=format_path((*path, column)),
                    )
                ) from None
            data = data[data[column].isin(numbers)]
        else:
            data = data[data[column].astype(str).isin([str(v) for v in values])]
    return data


def _check_areas(
    concept: Concept, source: ProjectSource, index: int, dataset: Any, loaded: Any
) -> list[Diagnostic]:
    from conceptgen.diagnostics import Location

    column = dataset.area_column
    known = {a.id for a in concept.areas}
    found = []
    if column not in loaded.frame.columns:
        return [
            diagnostic(
                "CG601",
                f"area_column '{column}' is not a declared column",
                source.locate(("datasets", index, "area_column")),
            )
        ]
    for row, value in enumerate(loaded.frame[column]):
        if str(value) not in known:
            found.append(
                diagnostic(
                    "CG202",
                    f"unknown area '{value}' in column '{column}'",
                    Location(loaded.display, dataset.header_row + 1 + row, 1),
                    hint=did_you_mean(str(value), known) or "areas are defined in inventory.yaml",
                )
            )
    return found[:20]


def _view(view: View, frames: dict[str, Frame], source: ProjectSource, path: tuple) -> Frame:
    base = frame_by_id(frames, view.dataset, source, (*path, "dataset"))
    data = base.data.copy()
    columns = dict(base.columns)
    sources = list(base.sources)
    sample = base.sample
    for j, join in enumerate(view.join):
        other = frame_by_id(frames, join.dataset, source, (*path, "join", j, "dataset"))
        need_columns(Frame(data, columns, []), join.on, source, (*path, "join", j, "on"))
        need_columns(other, join.on, source, (*path, "join", j, "on"))
        extra = [c for c in other.data.columns if c not in data.columns or c in join.on]
        data = data.merge(other.data[extra], on=join.on, how="left")
        columns.update({k: v for k, v in other.columns.items() if k not in columns})
        sources += [s for s in other.sources if s not in sources]
        sample = sample or other.sample
    data = filter_rows(Frame(data, columns, sources), view.filter, source, (*path, "filter"))
    if view.aggregate:
        agg = view.aggregate
        need_columns(Frame(data, columns, []), agg.by + agg.sum + agg.mean, source, (*path, "aggregate"))
        spec = {c: "sum" for c in agg.sum} | {c: "mean" for c in agg.mean}
        data = data.groupby(agg.by, as_index=False, sort=True).agg(spec)
        columns = {c: columns[c] for c in agg.by + agg.sum + agg.mean}
    for k, computation in enumerate(view.compute):
        data, columns[computation.name] = _compute(data, columns, computation, source, (*path, "compute", k))
    return Frame(data.reset_index(drop=True), columns, sources, sample, computed=True)


def _compute(data: Any, columns: dict[str, Column], c: Computation, source: ProjectSource, path: tuple):
    frame = Frame(data, columns, [])
    data = data.copy()
    if c.rate:
        need_columns(frame, [c.rate.value, c.rate.population], source, (*path, "rate"))
        population = data[c.rate.population].astype(float)
        data[c.name] = data[c.rate.value].astype(float) / population.where(population != 0) * c.rate.per
        unit = c.unit or f"je {c.rate.per:,} EW".replace(",", ".")
        return data, Column(
            c.name, c.label or c.name, unit, True, c.decimals if c.decimals is not None else 1
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
        )
    if c.change:
        ch = c.change
        keys = [ch.value, ch.over, *([ch.by] if ch.by else [])]
        need_columns(frame, keys, source, (*path, "change"))
        data = data.sort_values([*([ch.by] if ch.by else []), ch.over])
        groups = data.groupby(ch.by)[ch.value] if ch.by else data[ch.value]
        if ch.base == "previous":
            base = groups.shift(1)
        else:
            at_base = data[data[ch.over] == int(ch.base)]
            if at_base.empty:
                raise DiagnosticError(
                    diagnostic(
                        "CG604",
                        f"base year {ch.base} not in column '{ch.over}'",
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
        )
    rank = c.rank
    assert rank is not None  # the model guarantees exactly one operation
    need_columns(frame, [rank.value, *([rank.within] if rank.within else [])], source, (*path, "rank"))
    series = data.groupby(rank.within)[rank.value] if rank.within else data[rank.value]
    data[c.name] = series.rank(ascending=not rank.descending, method="min")
    return data, Column(c.name, c.label or c.name, c.unit or "", True, 0)


def _table(table: TableBlock, frames: dict[str, Frame], source: ProjectSource, path: tuple) -> TableResult:
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
                f"table '{table.id}' has no rows after filtering",
                source.locate(path),
                key_path=format_path(path),
                hint="check filter values against the data",
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
                total.append(table.totals.label if i == 0 else None)
    return TableResult(
        table.id, table.title, columns, rows, total, table.source or source_line(frame), table.note or ""
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


def source_line(frame: Frame) -> str:
    parts = list(frame.sources)
    text = "; ".join(parts)
    if frame.computed:
        text = f"{text}; eigene Berechnung" if text else "eigene Berechnung"
    if frame.sample:
        text = f"{text} (Beispieldaten)"
    return text


def supply_analysis(
    analysis: SupplyAnalysis, concept: Concept, frames: dict[str, Frame], source: ProjectSource, path: tuple
) -> TableResult:
    """Supply (offer capacity) per inhabitants and area against a reference value or the average."""
    population = frame_by_id(frames, analysis.population, source, (*path, "population"))
    area_column = (
        next((d.area_column for d in concept.datasets if d.id == analysis.population), None) or "area"
    )
    need_columns(population, [area_column, analysis.population_column], source, (*path, "population_column"))
    data = filter_rows(population, analysis.filter, source, (*path, "filter"))
    inhabitants = {
        str(a): float(v) for a, v in zip(data[area_column], data[analysis.population_column], strict=True)
    }
    capacity: dict[str, float] = {}
    for offer in concept.offers:
        if offer.category != analysis.category or offer.capacity is None:
            continue
        if analysis.capacity_unit and offer.capacity.unit != analysis.capacity_unit:
            continue
        capacity[offer.area] = capacity.get(offer.area, 0.0) + offer.capacity.value
    need: dict[str, float] = {}
    if analysis.need:
        need_frame = frame_by_id(frames, analysis.need, source, (*path, "need"))
        need_area = (
            next((d.area_column for d in concept.datasets if d.id == analysis.need), None) or area_column
        )
        need_columns(need_frame, [need_area, analysis.need_column or ""], source, (*path, "need_column"))
        need_data = (
            filter_rows(need_frame, analysis.filter, source, (*path, "filter"))
            if all(k in need_frame.data.columns for k in analysis.filter)
            else need_frame.data
        )
        need = {
            str(a): float(v)
            for a, v in zip(need_data[need_area], need_data[analysis.need_column], strict=True)
        }
    areas = [a for a in concept.areas if a.id in inhabitants]
    total_inhabitants = sum(inhabitants[a.id] for a in areas)
    total_capacity = sum(capacity.get(a.id, 0.0) for a in areas)
    average = total_capacity / total_inhabitants * analysis.per if total_inhabitants else 0.0
    reference = average if analysis.reference.average else float(analysis.reference.value or 0)
    rows, flags = [], []
    for area in areas:
        supply = capacity.get(area.id, 0.0)
        rate = supply / inhabitants[area.id] * analysis.per if inhabitants[area.id] else 0.0
        deviation = (rate - reference) / reference * 100 if reference else None
        if rate < reference * (1 - analysis.tolerance):
            flag, verdict = "under", "Unterversorgung"
        elif rate > reference * (1 + analysis.tolerance):
            flag, verdict = "over", "überdurchschnittlich"
        else:
            flag, verdict = "", "im Rahmen"
        row = [area.name, inhabitants[area.id], supply, rate, reference, deviation, verdict]
        if analysis.need:
            row.insert(3, need.get(area.id))
        rows.append(row)
        flags.append(flag)
    per = f"{analysis.per:,}".replace(",", ".")
    columns = [
        Column("area", "Gebiet"),
        Column("inhabitants", "EW", "", True, 0),
        Column("supply", "Angebot", analysis.capacity_unit or "", True, 1),
        Column("rate", f"Angebot je {per} EW", "", True, 2),
        Column("reference", "Richtwert" if not analysis.reference.average else "Ø Kreis", "", True, 2),
        Column("deviation", "Abw.", "%", True, 0, percent=True),
        Column("verdict", "Bewertung"),
    ]
    if analysis.need:
        columns.insert(
            3, Column("need", analysis.need_label or analysis.need_column or "Bedarf", "", True, 1)
        )
    offers_county = sum(
        o.capacity.value
        for o in concept.offers
        if o.category == analysis.category
        and o.capacity
        and o.area not in inhabitants
        and (not analysis.capacity_unit or o.capacity.unit == analysis.capacity_unit)
    )
    note = ""
    if offers_county:
        note = (
            f"Zusätzlich kreisweite Angebote dieser Kategorie: {offers_county:g} "
            f"{analysis.capacity_unit or ''}".strip()
            + " (keiner Kommune zugeordnet)."
        )
    total = ["Kreis gesamt", total_inhabitants, total_capacity, average, reference, None, ""]
    if analysis.need:
        total.insert(3, None)
    line = "; ".join([*population.sources, "Bestandsaufnahme", "eigene Berechnung"])
    if population.sample:
        line += " (Beispieldaten)"
    return TableResult(analysis.id, analysis.title, columns, rows, total, line, note, flags)


def _indicator_values(
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
                    f"{len(series)} rows for year {int(year)}; the indicator needs one",
                    source.locate(path),
                    key_path=format_path(path),
                    hint="add a filter (e.g. {area: kreis}) or aggregate: sum",
                )
            )
        values[int(year)] = float(series.mean() if data_spec.aggregate == "mean" else series.sum())
    return values
