"""survey_results: the results of a survey topic by topic — a heading per topic, per question its chart
and, where wanted, its table with the base (built by code)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from conceptgen.blocks._survey import SurveySelection, evaluated, survey_references, surveyed
from conceptgen.blocks.survey_open_answers import SurveyOpenAnswers
from conceptgen.model import Concept
from conceptgen.outline.block import Block, Picture
from conceptgen.outline.survey_labels import results_entries


class SurveyResultsChoice(SurveySelection):
    charts: bool = Field(True, description="je Frage ihr Diagramm")
    tables: bool = Field(
        False, description="je Frage auch ihre Häufigkeitstabelle (sonst nur, wo es kein Diagramm gibt)"
    )


class SurveyResults(Block):
    name = "survey_results"
    group = "survey"
    position = 2
    description = (
        "Ergebnisse einer Befragung je Thema: Überschrift und Einleitung des Themas, je Frage ihr "
        "Diagramm (Balken, gestapelte Balken für Skalen) und, wo gewünscht, ihre Tabelle mit Basis"
    )
    params = SurveyResultsChoice
    snippet = False
    needs = ("befragung.yaml",)
    picture = Picture(project="neubeckum", params={"topics": ["bewertung"]})
    docs = """\
The results topic by topic (built by code): a heading per topic (numbered, in the table of contents) with
its introduction, then per question its chart — bars for single and multiple choice (sorted by frequency
where the question says `order: frequency`, „weiß nicht“ grey), 100 % stacked bars for a scale with the
neutral answer apart and n and mean at each item — and its table where there is no chart (a number
question) or `tables: true`. An open question gets a sentence with the number of answers. Under every
chart and table the base: how many answered, who was asked (the filter), how many gave no answer.
Parameters: `topics`, `questions` (only these), `charts`, `tables`. Labels: `sec:thema-<topic>`,
`fig:frage-<code>`, `tab:frage-<code>` (codes in lower case, `[` and `]` as `-`)."""

    def data_entries(self, concept: Concept, data: Any, params: Any) -> list:
        result = evaluated(data)
        return results_entries(result, params) if result is not None else []

    def empty(self, concept: Concept, params: Any) -> bool:
        return not surveyed(concept)

    def references(self, params: Any) -> list[tuple[str, str]]:
        return survey_references(params)

    def parts(self, inputs: Any, params: Any, node: Any) -> Any:
        from conceptgen.document.survey_blocks import results

        if inputs.survey is None:
            return None
        return results(inputs.survey, params, node.level, inputs.source, inputs.placed(SurveyOpenAnswers))
