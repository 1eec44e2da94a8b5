"""Stage 3: analyse data — load datasets, compute views, table blocks, analyses and indicator values.

Only imported when a project declares data (pandas is heavy). Everything returned is plain: raw values
and column descriptions; formatting for the document's locale happens in the document stage.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from conceptgen.data.frames import Column, Frame
from conceptgen.data.indicators import indicator_values
from conceptgen.data.supply import supply_analysis
from conceptgen.data.tables import TableResult, table_block
from conceptgen.data.views import compute_view
from conceptgen.data.years import previous_year_gaps
from conceptgen.diagnostics import Diagnostic, DiagnosticError, diagnostic, did_you_mean
from conceptgen.loading import ProjectSource
from conceptgen.model import Concept
from conceptgen.model.data import ColumnType
from conceptgen.terms import Terms


@dataclass
class DataResult:
    frames: dict[str, Frame] = field(default_factory=dict)
    tables: dict[str, TableResult] = field(default_factory=dict)
    analyses: dict[str, TableResult] = field(default_factory=dict)
    indicator_values: dict[str, dict[int, float]] = field(default_factory=dict)
    social: Any = None  # SocialResult of a Sozialraumanalyse (data/social.py)
    survey: Any = None  # SurveyResult of a Befragung (data/survey.py)
    geometry: dict[str, Any] = field(default_factory=dict)  # kind → Layer of inventory.yaml's geometry


def analyse(concept: Concept, source: ProjectSource, terms: Terms) -> tuple[DataResult, list[Diagnostic]]:
    """Load every dataset and compute views, tables, analyses and indicator values.

    Returns the results and the diagnostics (a problem in one dataset does not hide the others'; views
    that depend on a broken dataset are skipped silently, their cause is already reported).
    """
    from conceptgen.data.sources import load_dataset

    result = DataResult()
    found: list[Diagnostic] = []
    if concept.geometry:
        from conceptgen.data.geometry import load_geometry

        result.geometry, problems = load_geometry(concept, source, own=True)
        found += problems
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
                sample=dataset.sample or c.sample,
            )
            for c in dataset.columns
        }
        sources = [dataset.source] if dataset.source else []
        result.frames[dataset.id] = Frame(loaded.frame, columns, sources)
        if dataset.area_column:
            found += _check_areas(concept, source, i, dataset, loaded)
    broken = {d.id for d in concept.datasets} - set(result.frames)
    found += _views(concept, result, source, terms, broken)
    for i, table in enumerate(concept.tables):
        if table.view in broken:
            continue
        try:
            result.tables[table.id] = table_block(table, result.frames, source, ("tables", i), terms)
        except DiagnosticError as exc:
            found += exc.diagnostics
    for i, analysis in enumerate(concept.analyses):
        if {analysis.population, analysis.need} & broken:
            continue
        try:
            result.analyses[analysis.id] = supply_analysis(
                analysis, concept, result.frames, source, ("analyses", i), terms
            )
        except DiagnosticError as exc:
            found += exc.diagnostics
    for i, indicator in enumerate(concept.indicators):
        if indicator.data is None or indicator.data.view in broken:
            continue
        try:
            result.indicator_values[indicator.id] = indicator_values(
                indicator.data, result.frames, source, ("indicators", i, "data")
            )
        except DiagnosticError as exc:
            found += exc.diagnostics
    if concept.social_space is not None:
        from conceptgen.data.social import analyse_social

        result.social, problems = analyse_social(concept, source)
        found += problems
    if concept.questionnaire is not None:
        from conceptgen.data.survey import analyse_survey

        result.survey, problems = analyse_survey(concept, source, terms)
        found += problems
    return result, found


def _views(
    concept: Concept, result: DataResult, source: ProjectSource, terms: Terms, broken: set[str]
) -> list[Diagnostic]:
    """Compute every view into ``result.frames`` (a view over a broken dataset or view joins ``broken``),
    with the warnings about missing years (CG313)."""
    found: list[Diagnostic] = []
    for i, view in enumerate(concept.views):
        if {view.dataset, *(j.dataset for j in view.join)} & broken:
            broken.add(view.id)
            continue
        try:
            result.frames[view.id] = compute_view(view, result.frames, source, ("views", i), terms)
            found += previous_year_gaps(view, result.frames[view.id], source, ("views", i))
        except DiagnosticError as exc:
            found += exc.diagnostics
            broken.add(view.id)
    return found


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
                f"area_column „{column}“ ist keine erklärte Spalte",
                source.locate(("datasets", index, "area_column")),
            )
        ]
    for row, value in enumerate(loaded.frame[column]):
        if str(value) not in known:
            found.append(
                diagnostic(
                    "CG202",
                    f"unbekanntes Gebiet „{value}“ in der Spalte „{column}“",
                    Location(loaded.display, loaded.lines[row], 1),
                    hint=did_you_mean(str(value), known) or "die Gebiete stehen in inventory.yaml",
                )
            )
    return found[:20]
