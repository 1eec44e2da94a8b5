"""areas: the areas of inventory.yaml with kind and population."""

from __future__ import annotations

from typing import Any

from conceptgen.blocks._select import AreaSelection, only
from conceptgen.model import Concept
from conceptgen.outline.block import Block, tab

AREAS = "tab:gebiete"


class Areas(Block):
    name = "areas"
    group = "inventory"
    position = 1
    description = "Gebiete: Art, Einwohnerzahl mit Stand, Hinweise"
    params = AreaSelection
    needs = ("inventory.yaml",)
    labels = (AREAS,)
    docs = """\
The areas with kind and population (with its year); notes below the table.
Parameters: `areas` (IDs). Data: `areas[]` (`id`, `name`, `kind`, `population`, `population_value`,
`population_year`, `note`, `offers`, `offer_count`), `with_population`. Label: `tab:gebiete`."""

    def entries(self, concept: Concept, params: Any) -> list:
        return tab(AREAS)

    def empty(self, concept: Concept, params: Any) -> bool:
        return not concept.areas

    def context(self, inputs: Any, params: Any) -> dict[str, Any]:
        areas = only(inputs.context["areas"], params.areas)
        return {"areas": areas, "with_population": any(a["population"] for a in areas)}
