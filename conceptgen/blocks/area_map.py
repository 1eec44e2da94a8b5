"""area_map: the areas of one kind from inventory.yaml's ``geometry`` on a map, each in its own colour
(the study area of an Integriertes Handlungskonzept with its parts)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from conceptgen.model import Concept
from conceptgen.model.base import StrictModel
from conceptgen.outline.block import Block, Picture
from conceptgen.outline.map_geometry import no_map


class AreaMapChoice(StrictModel):
    kind: str | None = Field(None, description="Gebietsart der Karte (wie in geometry); sonst die erste")
    title: str | None = Field(None, description="Titel; sonst „Das Untersuchungsgebiet und seine Teilräume“")


def area_map_kind(concept: Concept, params: Any) -> str | None:
    kind = getattr(params, "kind", None)
    if kind:
        return kind
    return concept.geometry[0].kind if concept.geometry else None


def area_map_label(concept: Concept, params: Any) -> str:
    kind = area_map_kind(concept, params) or ""
    return "fig:karte-" + "".join(c if c.isalnum() else "-" for c in kind.lower())


class AreaMap(Block):
    name = "area_map"
    group = "types"
    position = 1
    description = (
        "Karte der Gebiete einer Art aus inventory.yaml (geometry): das Untersuchungsgebiet mit seinen "
        "Teilräumen, je Gebiet eine Farbe und sein Name"
    )
    params = AreaMapChoice
    snippet = False
    needs = ("inventory.yaml",)
    section = "geometry"
    picture = Picture(project="luenen")
    docs = """\
The areas of one kind drawn from inventory.yaml's `geometry` (GeoJSON, joined by `code`): each in its own
colour with its code on the map and its name in the legend, a scale bar and the geometry's source — the
study area of an Integriertes Handlungskonzept with its parts. Parameters: `kind` (the geometry's kind;
the first by default), `title`. Label: `fig:karte-<kind>` (`fig:karte-teilraum`)."""

    def entries(self, concept: Concept, params: Any) -> list:
        return [("label", area_map_label(concept, params))] if concept.geometry else []

    def data_entries(self, concept: Concept, data: Any, params: Any) -> list:
        return (
            [("label", area_map_label(concept, params))]
            if area_map_kind(concept, params) in data.geometry
            else []
        )

    def lost_map(self, concept: Concept) -> tuple[str, str, str] | None:
        return None if concept.geometry else no_map(self.name, "inventory.yaml")

    def empty(self, concept: Concept, params: Any) -> bool:
        return not concept.geometry

    def parts(self, inputs: Any, params: Any, node: Any) -> list[Any]:
        from conceptgen.document.type_blocks import area_map

        concept = inputs.concept
        kind, label = area_map_kind(concept, params), area_map_label(concept, params)
        figure = area_map(concept, params, inputs.language, inputs.data, kind, label.removeprefix("fig:"))
        return [figure] if figure is not None else []
