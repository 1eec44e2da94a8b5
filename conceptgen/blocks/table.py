"""table: one data table of data.yaml (``tables``) with caption and source line, built by code."""

from __future__ import annotations

from typing import Any

from conceptgen.blocks._select import ItemId
from conceptgen.model import Concept
from conceptgen.outline.block import Block, Picture, Shows, tab


class Table(Block):
    name = "table"
    group = "data"
    position = 1
    description = "eine Datentabelle aus data.yaml (tables) mit Überschrift und Quellenzeile"
    params = ItemId
    snippet = False
    shows = Shows("tables", "tab", "table")
    picture = Picture(params={"id": "untergebrachte"})
    docs = """\
A data table of data.yaml (`tables`) with caption and source line, built in the template's styles (no
snippet). Parameters: `id`. Label: `tab:<id>`."""

    def entries(self, concept: Concept, params: Any) -> list:
        return tab(f"tab:{params.id}")
