"""survey_open_answers: the open answers of a survey and the texts under „Sonstiges“, per question, without
e-mail addresses, telephone numbers and names, equal answers counted (for the appendix)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from conceptgen.blocks._survey import evaluated, survey_references, surveyed
from conceptgen.model import Concept
from conceptgen.model.base import StrictModel, Text
from conceptgen.outline.block import Block, Picture
from conceptgen.outline.survey_labels import open_entries


class SurveyQuestions(StrictModel):
    questions: list[Text] | None = Field(None, description="nur diese Fragen (Codes); sonst alle")


class SurveyOpenAnswers(Block):
    name = "survey_open_answers"
    group = "survey"
    position = 6
    description = (
        "offene Antworten und Angaben unter „Sonstiges“ je Frage, ohne E-Mail-Adressen, Telefonnummern "
        "und Namen, gleiche Antworten gezählt (für den Anhang)"
    )
    params = SurveyQuestions
    snippet = False
    needs = ("befragung.yaml",)
    picture = Picture(project="neubeckum", params={"questions": ["Q09"]})
    docs = """\
The open answers and the texts under „Sonstiges“, a table per question: each text once with how often it
was given, the most frequent first; e-mail addresses, telephone numbers and the names of `redact` removed.
Parameter: `questions`. Labels: `tab:offen-<code>`."""

    def data_entries(self, concept: Concept, data: Any, params: Any) -> list:
        result = evaluated(data)
        return open_entries(result, params) if result is not None else []

    def empty(self, concept: Concept, params: Any) -> bool:
        return not surveyed(concept)

    def references(self, params: Any) -> list[tuple[str, str]]:
        return survey_references(params)

    def parts(self, inputs: Any, params: Any, node: Any) -> Any:
        return inputs.survey.open_tables(params.questions) if inputs.survey is not None else None
