"""analyses: the supply-and-need analyses of data.yaml, each with its caption; under a heading of its own
where data.yaml gives one (``heading``)."""

from __future__ import annotations

from typing import Any

from conceptgen.blocks._select import DataSelection, context_items, data_items, data_mentions, data_references
from conceptgen.model import Concept
from conceptgen.outline.block import Block, Picture


class Analyses(Block):
    name = "analyses"
    group = "data"
    position = 4
    description = "die Angebots- und Bedarfsanalysen aus data.yaml (analyses), jede mit ihrer Beschriftung"
    params = DataSelection
    data_labels = True  # each analysis brings its caption and label ({{p a }})
    picture = Picture(params={"only": ["unterbringung"]})
    labels = ("tab:{}",)
    docs = """\
The analyses of data.yaml, each with its caption and, where data.yaml gives one, a section heading of its
own above it (`heading`). Parameters: `only`, `skip`. Data: `analyses[]`."""

    def entries(self, concept: Concept, params: Any) -> list:
        return [
            e
            for a in data_items(concept.analyses, params)
            for e in ((("heading", None),) if a.heading else ()) + (("label", f"tab:{a.id}"),)
        ]

    def empty(self, concept: Concept, params: Any) -> bool:
        return not data_items(concept.analyses, params)

    def references(self, params: Any) -> list[tuple[str, str]]:
        return data_references(params, "analysis")

    def mentions(self, concept: Concept, params: Any) -> set[str]:
        return data_mentions(concept.analyses, params)

    def context(self, inputs: Any, params: Any) -> dict[str, Any]:
        return {"analyses": context_items(inputs.context["analyses"], params)}
