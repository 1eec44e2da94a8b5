"""swot: strengths, weaknesses, opportunities and threats of needs.yaml (``swot``) in four fields."""

from __future__ import annotations

from typing import Any

from conceptgen.model import Concept
from conceptgen.outline.block import Block, Picture, tab

SWOT = "tab:swot"


class Swot(Block):
    name = "swot"
    group = "types"
    position = 5
    description = "SWOT: Stärken, Schwächen, Chancen und Risiken in vier Feldern"
    snippet = False
    needs = ("needs.yaml",)
    picture = Picture(project="luenen")
    docs = """\
Strengths and weaknesses, opportunities and threats (needs.yaml `swot`) in four fields. Label: `tab:swot`."""

    def entries(self, concept: Concept, params: Any) -> list:
        return tab(SWOT) if concept.swot else []

    def empty(self, concept: Concept, params: Any) -> bool:
        return concept.swot is None

    def parts(self, inputs: Any, params: Any, node: Any) -> list[Any]:
        from conceptgen.document.type_blocks import swot_table

        return [swot_table(inputs.concept, inputs.language)]
