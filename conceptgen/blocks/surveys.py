"""surveys: the surveys of participation.yaml, each under a heading of its own (a survey evaluated in
full is the block survey_results)."""

from __future__ import annotations

from typing import Any

from conceptgen.model import Concept
from conceptgen.outline.block import Block, Picture

EXAMPLE = """
surveys:
  - title: Befragung der Kommunen
    target_group: Sozial- und Ordnungsämter
    period: Februar 2023
    responses: 8
    description: Schriftliche Abfrage der Angebote und Fallzahlen.
"""


class Surveys(Block):
    name = "surveys"
    group = "participation"
    position = 3
    description = "Befragungen: Zielgruppe, Zeitraum, Rücklauf, Beschreibung"
    needs = ("participation.yaml",)
    picture = Picture(extra=EXAMPLE)
    docs = """\
Each survey under a heading of its own with target group, period and responses. Data: `surveys[]`
(`title`, `target_group`, `period`, `responses`, `description`)."""

    def entries(self, concept: Concept, params: Any) -> list:
        return [("heading", None) for _ in concept.surveys]

    def empty(self, concept: Concept, params: Any) -> bool:
        return not concept.surveys

    def context(self, inputs: Any, params: Any) -> dict[str, Any]:
        return {"surveys": inputs.context["participation"]["surveys"]}
