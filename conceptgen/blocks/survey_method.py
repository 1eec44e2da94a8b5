"""survey_method: how a survey (befragung.yaml) was done — period, channels, questionnaires, response
rate, how the percentages are based."""

from __future__ import annotations

from typing import Any

from conceptgen.blocks._survey import surveyed
from conceptgen.model import Concept
from conceptgen.outline.block import Block, Picture, tab

RESPONSES = "tab:ruecklauf"


class SurveyMethod(Block):
    name = "survey_method"
    group = "survey"
    position = 1
    description = (
        "Methode einer Befragung: Zeitraum, Wege, verteilte, eingegangene und ausgewertete Fragebögen, "
        "Rücklaufquote, Rücklauf je Weg"
    )
    needs = ("befragung.yaml",)
    picture = Picture(project="neubeckum")
    labels = (RESPONSES,)
    docs = """\
How the survey was done, from befragung.yaml and the exports: period and channels, questionnaires
distributed, received and evaluated (with the rule for incomplete ones), the response rate overall and per
channel, and how the percentages are based. The snippet's data: `title`, `period`, `channel`,
`distributed`, `received`, `kept`, `dropped`, `keep_rule`, `response_rate`, `channels` (each `name`,
`distributed`, `received`, `kept`, `share`, `rate`, `mark`), `question_count`, `min_cell`, `sample_note`,
`source`. Label: `tab:ruecklauf`."""

    def entries(self, concept: Concept, params: Any) -> list:
        return tab(RESPONSES)

    def empty(self, concept: Concept, params: Any) -> bool:
        return not surveyed(concept)

    def context(self, inputs: Any, params: Any) -> dict[str, Any] | None:
        return inputs.survey.method() if inputs.survey is not None else None
