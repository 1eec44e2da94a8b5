"""survey_crosstabs: the cross-tabs of a survey with shares per group, small cells hidden, and charts."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from conceptgen.blocks._survey import evaluated, surveyed
from conceptgen.model import Concept
from conceptgen.model.base import StrictModel
from conceptgen.outline.block import Block, Picture
from conceptgen.outline.survey_labels import crosstab_entries


class SurveyCharts(StrictModel):
    charts: bool = Field(True, description="zu jeder Kreuztabelle ein gruppiertes Säulendiagramm")


class SurveyCrosstabs(Block):
    name = "survey_crosstabs"
    group = "survey"
    position = 5
    description = (
        "Kreuztabellen einer Befragung mit Anteilen je Gruppe, kleine Zellen verborgen, und Diagrammen"
    )
    params = SurveyCharts
    snippet = False
    needs = ("befragung.yaml",)
    picture = Picture(project="neubeckum")
    docs = """\
Every cross-tab of befragung.yaml (`crosstabs`): the answers by group in percent of each group, with a
grouped column chart; cells of fewer than `min_cell` respondents, and cells from which such a cell could
be computed back from a total, are shown as „·“ (and left out of the chart). Parameter: `charts`. Labels:
`fig:kreuz-<question>-<by>`, `tab:kreuz-<question>-<by>`."""

    def data_entries(self, concept: Concept, data: Any, params: Any) -> list:
        result = evaluated(data)
        return crosstab_entries(result, params) if result is not None else []

    def empty(self, concept: Concept, params: Any) -> bool:
        return not surveyed(concept) or not concept.questionnaire.crosstabs

    def parts(self, inputs: Any, params: Any, node: Any) -> Any:
        from conceptgen.document.survey_blocks import crosstabs

        return crosstabs(inputs.survey, params) if inputs.survey is not None else None
