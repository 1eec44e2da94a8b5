"""abbreviations: the abbreviations of abbreviations.yaml, alphabetically."""

from __future__ import annotations

from typing import Any

from conceptgen.model import Concept
from conceptgen.outline.block import Block, tab

ABBREVIATIONS = "tab:abkuerzungen"


class Abbreviations(Block):
    name = "abbreviations"
    group = "data"
    position = 7
    description = "Abkürzungsverzeichnis"
    needs = ("abbreviations.yaml",)
    labels = (ABBREVIATIONS,)
    docs = """\
The abbreviations, alphabetically. Data: `abbreviations[]` (`abbreviation`, `meaning`). Label:
`tab:abkuerzungen`."""

    def entries(self, concept: Concept, params: Any) -> list:
        return tab(ABBREVIATIONS)

    def empty(self, concept: Concept, params: Any) -> bool:
        return not concept.abbreviations

    def context(self, inputs: Any, params: Any) -> dict[str, Any]:
        return {"abbreviations": inputs.context["abbreviations"]}
