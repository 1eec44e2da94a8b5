"""monitoring_summary: the progress report's year at a glance (monitoring.yaml)."""

from __future__ import annotations

from typing import Any

from conceptgen.blocks._select import indicator_samples
from conceptgen.model import Concept
from conceptgen.outline.block import Block, Picture, tab

SUMMARY = "tab:monitoring-stand"


class MonitoringSummary(Block):
    name = "monitoring_summary"
    group = "progress"
    position = 1
    description = (
        "Fortschrittsbericht: der Stand im Berichtsjahr auf einen Blick — Kennzahlen je Ampelstufe, "
        "Maßnahmen je Umsetzungsstand"
    )
    snippet = False
    picture = Picture(project="neuss")
    docs = """\
The report year at a glance: the indicators per traffic light and the measures and tasks per status.
Label: `tab:monitoring-stand`."""

    def entries(self, concept: Concept, params: Any) -> list:
        return tab(SUMMARY) if concept.monitoring else []

    def samples(self, concept: Concept, params: Any) -> set[str]:
        """The sample entries it shows (the cover's note names them)."""
        return indicator_samples(concept.indicators)

    def empty(self, concept: Concept, params: Any) -> bool:
        return concept.monitoring is None

    def parts(self, inputs: Any, params: Any, node: Any) -> list[Any]:
        from conceptgen.document.monitoring import summary_table

        return [summary_table(inputs.concept, inputs.data, inputs.language)]
