"""monitoring: the indicators of indicators.yaml with frequency, source and their actual values (the
yearly progress report is the template fortschritt with the blocks of monitoring.yaml)."""

from __future__ import annotations

from typing import Any

from conceptgen.blocks._indicators import indicators_context
from conceptgen.blocks._select import IndicatorSelection, indicator_samples, indicators
from conceptgen.diagnostics import Level
from conceptgen.model import Concept
from conceptgen.outline.block import Block, tab

MONITORING = "tab:monitoring"


class Monitoring(Block):
    name = "monitoring"
    group = "goals"
    position = 4
    description = "Monitoring: Kennzahlen mit Rhythmus, Quelle und Istwerten"
    params = IndicatorSelection
    needs = ("indicators.yaml",)
    labels = (MONITORING,)
    docs = """\
Indicators with frequency, source and their actual values by year; an indicator without actual values
yet (a concept before its first report) shows its baseline, the first value measured. Parameters and data
as indicator_table. Label: `tab:monitoring`."""

    def entries(self, concept: Concept, params: Any) -> list:
        return tab(MONITORING)

    def samples(self, concept: Concept, params: Any) -> set[str]:
        """The sample entries it shows (the cover's note names them)."""
        return indicator_samples(indicators(concept, params))

    def empty(self, concept: Concept, params: Any) -> bool:
        return not indicators(concept, params)

    def problems(self, concept: Concept, params: Any) -> list[tuple[str, str, tuple, str]]:
        """The column of actual values empty in every row: no indicator shown has an actual value, a
        baseline value or data to compute them from (CG323) — said only when no finding at an indicator
        says it already: an indicator without baseline is CG305's, a baseline without value CG102's (each
        names the indicator where it stands; one cause, one finding). With that code set to ``ignore``
        under ``checks:`` the empty column is said here."""
        shown = indicators(concept, params)
        if any(k.actuals or k.data or (k.baseline and k.baseline.value is not None) for k in shown):
            return []
        ignored = {code for code, level in concept.project.checks.items() if level is Level.IGNORE}
        if not any(("CG305" if k.baseline is None else "CG102") in ignored for k in shown):
            return []
        return [
            (
                "CG323",
                "Tabelle „Monitoring der Kennzahlen“: die Spalte „Istwerte“ ist in jeder Zeile leer",
                ("indicators",),
                "Ausgangswerte (baseline: {value, year}) oder Istwerte (actuals: {Jahr: Wert}) angeben",
            )
        ]

    def context(self, inputs: Any, params: Any) -> dict[str, Any]:
        block = indicators_context(inputs, params)
        block["indicators"] = [_with_baseline(k, inputs) for k in block["indicators"]]
        return block


def _with_baseline(indicator: dict[str, Any], inputs: Any) -> dict[str, Any]:
    """An indicator without actual values yet shows its baseline as its first one (its year's measured
    value), so that a concept's monitoring table has no empty column."""
    model = next((k for k in inputs.concept.indicators if k.id == indicator["id"]), None)
    base = model.baseline if model is not None else None
    if indicator["actuals"] or base is None or base.value is None:
        return indicator
    language = inputs.language
    value = language.number(base.value, 1 if not float(base.value).is_integer() else None)
    if model.sample or base.year in model.sample_years:
        value += language.terms["sample_mark"]
    return indicator | {"actuals": [{"year": base.year, "value": value}]}
