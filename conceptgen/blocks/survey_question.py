"""survey_question: one question of a survey with its chart and frequency table — for a survey inside
another concept."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from conceptgen.blocks._survey import evaluated, survey_references, surveyed
from conceptgen.blocks.survey_open_answers import SurveyOpenAnswers
from conceptgen.model import Concept
from conceptgen.model.base import StrictModel, Text
from conceptgen.outline.block import Block, Picture
from conceptgen.outline.survey_labels import question_block_entries


class SurveyQuestionChoice(StrictModel):
    question: Text = Field(description="Code der Frage, z. B. Q05")
    charts: bool = Field(True, description="ihr Diagramm")
    tables: bool = Field(True, description="ihre Häufigkeitstabelle")


class SurveyQuestion(Block):
    name = "survey_question"
    group = "survey"
    position = 3
    description = "eine Frage einer Befragung: Diagramm und Häufigkeitstabelle (auch in anderen Konzepten)"
    params = SurveyQuestionChoice
    snippet = False
    needs = ("befragung.yaml",)
    picture = Picture(project="neubeckum", params={"question": "Q08"})
    docs = """\
One question with its chart and frequency table — for a survey inside another concept (a
Wohnungsnotfallkonzept with a stakeholder survey). Parameters: `question` (its code), `charts`, `tables`.
Labels: `fig:frage-<code>`, `tab:frage-<code>`."""

    def data_entries(self, concept: Concept, data: Any, params: Any) -> list:
        result = evaluated(data)
        return question_block_entries(result, params) if result is not None else []

    def empty(self, concept: Concept, params: Any) -> bool:
        return not surveyed(concept)

    def references(self, params: Any) -> list[tuple[str, str]]:
        return survey_references(params)

    def parts(self, inputs: Any, params: Any, node: Any) -> Any:
        from conceptgen.document.survey_blocks import one_question

        if inputs.survey is None:
            return None
        return one_question(inputs.survey, params, inputs.placed(SurveyOpenAnswers))
