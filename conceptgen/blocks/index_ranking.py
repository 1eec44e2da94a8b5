"""index_ranking: the areas of a Sozialraumanalyse in the order of an index, built by code."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from conceptgen.blocks._social import index_id, social
from conceptgen.model import Concept
from conceptgen.model.base import Id, StrictModel
from conceptgen.outline.block import Block, Picture, tab


class IndexChoice(StrictModel):
    index: Id | None = Field(None, description="ID des Index; sonst der erste")
    year: int | None = Field(None, description="Jahr; sonst das Berichtsjahr")


class IndexRanking(Block):
    name = "index_ranking"
    group = "social"
    position = 2
    description = "Rangfolge der Gebiete in einem Index mit Klasse und Indikatorwerten"
    params = IndexChoice
    snippet = False
    needs = ("sozialraum.yaml",)
    picture = Picture(project="dortmund")
    docs = """\
The areas in the order of an index (rank 1 = most burdened): area, index value, class and the values of its
indicators; areas not rated at the end, hidden values „·“ (built by code). Parameters: `index` (ID; else
the first without `dynamic`), `year`. Label: `tab:rang-<index>`."""

    def entries(self, concept: Concept, params: Any) -> list:
        return tab(f"tab:rang-{index_id(concept, params)}")

    def empty(self, concept: Concept, params: Any) -> bool:
        return not social(concept) or index_id(concept, params) is None

    def references(self, params: Any) -> list[tuple[str, str]]:
        return [("index", params.index)] if params.index else []

    def parts(self, inputs: Any, params: Any, node: Any) -> Any:
        from conceptgen.document.social_blocks import ranking

        return ranking(inputs.social, params) if inputs.social is not None else None
