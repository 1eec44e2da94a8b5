"""index_groups: how many areas of a Sozialraumanalyse fall into each class of a status index × a
dynamic index, built by code."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from conceptgen.blocks._social import index_id, social
from conceptgen.model import Concept
from conceptgen.model.base import Id, StrictModel
from conceptgen.outline.block import Block, Picture, tab


class GroupChoice(StrictModel):
    status: Id | None = Field(None, description="Statusindex (ID); sonst der erste ohne dynamic")
    dynamic: Id | None = Field(None, description="Dynamikindex (ID); sonst der erste mit dynamic")


def _indices(concept: Concept, params: Any) -> tuple[str | None, str | None]:
    return params.status or index_id(concept, params, False), params.dynamic or index_id(
        concept, params, True
    )


class IndexGroups(Block):
    name = "index_groups"
    group = "social"
    position = 3
    description = "Gebiete nach Status- und Dynamikklasse (Anzahl je Gruppe)"
    params = GroupChoice
    snippet = False
    needs = ("sozialraum.yaml",)
    picture = Picture(project="dortmund")
    docs = """\
How many areas fall into each class of a status index × a dynamic index (built by code). Parameters:
`status`, `dynamic` (IDs; else the first without and the first with `dynamic`). Label:
`tab:gruppen-<status>-<dynamic>`."""

    def entries(self, concept: Concept, params: Any) -> list:
        status, dynamic = _indices(concept, params)
        return tab(f"tab:gruppen-{status}-{dynamic}")

    def empty(self, concept: Concept, params: Any) -> bool:
        return not social(concept) or None in _indices(concept, params)

    def references(self, params: Any) -> list[tuple[str, str]]:
        return [("index", i) for i in (params.status, params.dynamic) if i]

    def parts(self, inputs: Any, params: Any, node: Any) -> Any:
        from conceptgen.document.social_blocks import groups

        return groups(inputs.social, params) if inputs.social is not None else None
