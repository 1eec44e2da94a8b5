"""chart: one chart of charts.yaml with its caption and source line, built by code."""

from __future__ import annotations

from typing import Any

from conceptgen.blocks._select import ItemId
from conceptgen.model import Concept
from conceptgen.outline.block import Block, Picture, Shows


class Chart(Block):
    name = "chart"
    group = "data"
    position = 5
    description = "ein Diagramm aus charts.yaml mit Abbildungsunterschrift und Quellenzeile"
    params = ItemId
    snippet = False
    shows = Shows("charts", "fig", "chart")
    picture = Picture(params={"id": "untergebrachte_kommunen"})
    docs = """\
A chart of charts.yaml with its caption and source line (a native Word chart or a picture). Parameters:
`id`. Label: `fig:<id>`."""

    def entries(self, concept: Concept, params: Any) -> list:
        return [("label", f"fig:{params.id}")]
