"""analysis: one supply-and-need analysis of data.yaml (``analyses``), built by code like a table."""

from __future__ import annotations

from typing import Any

from conceptgen.blocks._select import ItemId
from conceptgen.model import Concept
from conceptgen.outline.block import Block, Picture, Shows, tab


class Analysis(Block):
    name = "analysis"
    group = "data"
    position = 3
    description = "eine Angebots- und Bedarfsanalyse aus data.yaml (analyses)"
    params = ItemId
    snippet = False
    shows = Shows("analyses", "tab", "analysis")
    picture = Picture(params={"id": "fachberatung"})
    docs = """\
A supply-and-need analysis of data.yaml (`analyses`), built by code like a table. Parameters: `id`.
Label: `tab:<id>`."""

    def entries(self, concept: Concept, params: Any) -> list:
        return tab(f"tab:{params.id}")
