"""survey_tables: the frequency tables of every question of a survey with their base, for the appendix."""

from __future__ import annotations

from typing import Any

from conceptgen.blocks._survey import SurveySelection, evaluated, survey_references, surveyed
from conceptgen.model import Concept
from conceptgen.outline.block import Block, Picture
from conceptgen.outline.survey_labels import tables_entries


class SurveyTables(Block):
    name = "survey_tables"
    group = "survey"
    position = 4
    description = "Häufigkeitstabellen aller Fragen einer Befragung mit Basis (für den Anhang)"
    params = SurveySelection
    snippet = False
    needs = ("befragung.yaml",)
    picture = Picture(project="neubeckum", params={"questions": ["Q02", "Q03"]})
    docs = """\
The frequency tables of every question (or `topics`, `questions`) with their base, for the appendix.
Labels: `tab:haeufigkeiten-<code>`."""

    def data_entries(self, concept: Concept, data: Any, params: Any) -> list:
        result = evaluated(data)
        return tables_entries(result, params) if result is not None else []

    def empty(self, concept: Concept, params: Any) -> bool:
        return not surveyed(concept)

    def references(self, params: Any) -> list[tuple[str, str]]:
        return survey_references(params)

    def parts(self, inputs: Any, params: Any, node: Any) -> Any:
        from conceptgen.document.survey_blocks import frequency_tables

        return frequency_tables(inputs.survey, params) if inputs.survey is not None else None
