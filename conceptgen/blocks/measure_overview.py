"""measure_overview: the measures of measures.yaml and their tasks, grouped by priority."""

from __future__ import annotations

from typing import Any

from conceptgen.blocks._measures import measures_context, priority_label
from conceptgen.blocks._select import MeasureSelection, field_references, measure_samples, measures
from conceptgen.model import Concept
from conceptgen.outline.block import Block, tab

OVERVIEW = "tab:prioritaet"
FIELD_OVERVIEW = "tab:prioritaet-{}"  # with fields: tab:prioritaet-HF1 (-HF2 …)


class MeasureOverview(Block):
    name = "measure_overview"
    group = "measures"
    position = 1
    description = "Maßnahmen und Aufgaben nach Priorität mit Wirkungsebene, Federführung, Zeitraum"
    params = MeasureSelection
    needs = ("measures.yaml",)
    labels = (OVERVIEW, FIELD_OVERVIEW)
    docs = """\
Measures and tasks grouped by priority with level, lead and period, and a sentence with their numbers.
Parameters: `measures` (IDs of key measures), `fields` (the measures of these fields of action: a chapter
per Handlungsfeld). Data: `label`, `subject` (the fields' names, in the caption), `measures[]`, `groups[]`
(`priority`, `label`, `measures[]`), `measure_count`, `task_count`, `sample_note`. Label:
`tab:prioritaet`, with `fields` `tab:prioritaet-<field>` (e.g. `tab:prioritaet-HF1`)."""

    def entries(self, concept: Concept, params: Any) -> list:
        return tab(f"tab:{priority_label(params)}")  # OVERVIEW, or FIELD_OVERVIEW with fields

    def samples(self, concept: Concept, params: Any) -> set[str]:
        """The sample entries it shows (the cover's note names them)."""
        return measure_samples(measures(concept, params))

    def empty(self, concept: Concept, params: Any) -> bool:
        return not measures(concept, params)

    def references(self, params: Any) -> list[tuple[str, str]]:
        return field_references(params)

    def context(self, inputs: Any, params: Any) -> dict[str, Any]:
        return measures_context(inputs, params)
