"""tables: the data tables of data.yaml, each with its caption; under a heading of its own where data.yaml
gives one (``heading``)."""

from __future__ import annotations

from typing import Any

from conceptgen.blocks._select import DataSelection, context_items, data_items, data_mentions, data_references
from conceptgen.model import Concept
from conceptgen.outline.block import Block, Picture


class Tables(Block):
    name = "tables"
    group = "data"
    position = 2
    description = "die Datentabellen aus data.yaml (tables), jede mit ihrer Beschriftung"
    params = DataSelection
    data_labels = True  # each table brings its caption and label ({{p t }})
    needs = ("data.yaml",)
    picture = Picture(params={"only": ["entwicklung"]})
    labels = ("tab:{}",)
    docs = """\
Data tables of data.yaml, each with its caption „Tabelle n: <title>“ and, where data.yaml gives one, a
section heading of its own above it (`heading`, short: the caption already says the title). Parameters:
`only` (IDs, in this order), `skip` (IDs shown elsewhere). Data: `tables[]` (each inserted with
`{{p t }}`, or `title`, `headers`, `rows`, `total`, `source`, `heading` for a design of your own).
Labels: `tab:<id>`."""

    def entries(self, concept: Concept, params: Any) -> list:
        return [
            e
            for t in data_items(concept.tables, params)
            for e in ((("heading", None),) if t.heading else ()) + (("label", f"tab:{t.id}"),)
        ]

    def empty(self, concept: Concept, params: Any) -> bool:
        return not data_items(concept.tables, params)

    def references(self, params: Any) -> list[tuple[str, str]]:
        return data_references(params, "table")

    def mentions(self, concept: Concept, params: Any) -> set[str]:
        return data_mentions(concept.tables, params)

    def context(self, inputs: Any, params: Any) -> dict[str, Any]:
        return {"tables": context_items(inputs.context["tables"], params)}
