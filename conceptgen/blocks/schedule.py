"""schedule: the measures of measures.yaml and their tasks with period, lead and status."""

from __future__ import annotations

from typing import Any

from conceptgen.blocks._measures import measures_context
from conceptgen.blocks._select import MeasureSelection, field_references, measure_samples, measures
from conceptgen.model import Concept
from conceptgen.outline.block import Block, tab

SCHEDULE = "tab:zeitplan"


class Schedule(Block):
    name = "schedule"
    group = "measures"
    position = 3
    description = (
        "Zeitplan und Verantwortlichkeiten: Maßnahmen und Aufgaben mit Zeitraum, Federführung, Stand"
    )
    params = MeasureSelection
    needs = ("measures.yaml",)
    labels = (SCHEDULE,)
    docs = """\
Measures and their tasks with period, lead and status. Parameters: `measures`. Data: as
measure_overview. Label: `tab:zeitplan`. (The Gantt chart is a chart, `type: timeline`; tasks with only a
horizon appear with its window, see docs/project-format.md.)"""

    def entries(self, concept: Concept, params: Any) -> list:
        return tab(SCHEDULE)

    def samples(self, concept: Concept, params: Any) -> set[str]:
        """The sample entries it shows (the cover's note names them)."""
        return measure_samples(measures(concept, params))

    def empty(self, concept: Concept, params: Any) -> bool:
        return not measures(concept, params)

    def references(self, params: Any) -> list[tuple[str, str]]:
        return field_references(params)

    def context(self, inputs: Any, params: Any) -> dict[str, Any]:
        return measures_context(inputs, params)
