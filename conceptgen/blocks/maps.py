"""maps: the maps of every index and indicator of a Sozialraumanalyse, built by code."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from conceptgen.blocks._social import mappable, social
from conceptgen.model import Concept
from conceptgen.model.base import Id, StrictModel
from conceptgen.outline.block import Block, Picture
from conceptgen.outline.map_geometry import no_map

MAP = "fig:karte-{}"


class MapSelection(StrictModel):
    only: list[Id] | None = Field(
        None, description="nur diese Indikatoren und Indizes, in dieser Reihenfolge"
    )
    skip: list[Id] = Field(default_factory=list, description="diese auslassen")


def map_ids(concept: Concept, params: Any) -> list[str]:
    """Every index, then every indicator (or ``only``), without ``skip``."""
    if concept.social_space is None:
        return []
    every = [i.id for i in concept.social_space.indices] + [i.id for i in concept.social_space.indicators]
    chosen = getattr(params, "only", None) or every
    return [i for i in chosen if i not in getattr(params, "skip", [])]


class Maps(Block):
    name = "maps"
    group = "social"
    position = 5
    description = "Karten aller Indizes und Indikatoren"
    params = MapSelection
    snippet = False
    needs = ("sozialraum.yaml",)
    picture = Picture(project="dortmund", params={"only": ["sgb2"]})
    docs = """\
The maps of every index and indicator (or `only` these; without `skip`) that has values in the report year.
Labels: `fig:karte-<id>`."""

    def entries(self, concept: Concept, params: Any) -> list:
        return [("label", MAP.format(i)) for i in map_ids(concept, params)]

    def data_entries(self, concept: Concept, data: Any, params: Any) -> list:
        return [("label", MAP.format(i)) for i in map_ids(concept, params) if mappable(data.social, i, None)]

    def lost_map(self, concept: Concept) -> tuple[str, str, str] | None:
        if not social(concept) or not concept.social_space.geometry:
            return no_map(self.name, "sozialraum.yaml")
        return None

    def empty(self, concept: Concept, params: Any) -> bool:
        return not social(concept) or not concept.social_space.geometry or not map_ids(concept, params)

    def references(self, params: Any) -> list[tuple[str, str]]:
        return [("mapped", i) for i in (*(params.only or []), *params.skip)]

    def parts(self, inputs: Any, params: Any, node: Any) -> Any:
        from conceptgen.document.social_blocks import one_map

        if inputs.social is None:
            return None
        result = inputs.social.result
        maps = [
            one_map(result, ident, result.year, inputs.language) for ident in map_ids(inputs.concept, params)
        ]
        return [m for m in maps if m is not None]
