"""interviews: the interviews of participation.yaml — how many, when, with whom."""

from __future__ import annotations

from typing import Any

from conceptgen.model import Concept
from conceptgen.outline.block import Block


class Interviews(Block):
    name = "interviews"
    group = "participation"
    position = 2
    description = "Interviews: Anzahl, Zeitraum, befragte Gruppen, Beschreibung"
    needs = ("participation.yaml",)
    docs = """\
How many interviews, when, with whom. Data: `count`, `period`, `groups[]`, `description`. Empty without
a count."""

    def empty(self, concept: Concept, params: Any) -> bool:
        return not (concept.interviews and concept.interviews.count)

    def context(self, inputs: Any, params: Any) -> dict[str, Any]:
        return dict(inputs.context["participation"]["interviews"])
