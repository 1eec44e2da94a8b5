"""map: a map of an indicator or an index of a Sozialraumanalyse, built by code."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from conceptgen.blocks._social import mappable, social
from conceptgen.model import Concept
from conceptgen.model.base import Id, StrictModel
from conceptgen.outline.block import Block, Picture
from conceptgen.outline.map_geometry import no_map


class MapChoice(StrictModel):
    of: Id = Field(description="ID eines Indikators oder Index (sozialraum.yaml)")
    year: int | None = Field(None, description="Jahr; sonst das Berichtsjahr")
    by: Id | None = Field(
        None,
        description="ein zweiter Index: eine Karte beider Klassen zugleich (bivariat), z. B. of: status, "
        "by: dynamik — Status × Dynamik wie im Monitoring Soziale Stadtentwicklung",
    )


def map_label(params: Any) -> str:
    by = getattr(params, "by", None)
    return f"fig:karte-{params.of}" + (f"-{by}" if by else "") + (f"-{params.year}" if params.year else "")


class Map(Block):
    name = "map"
    group = "social"
    position = 4
    description = "Karte eines Indikators (Quoten in fünf Klassen) oder eines Index (seine Klassen)"
    params = MapChoice
    snippet = False
    needs = ("sozialraum.yaml",)
    picture = Picture(project="dortmund", params={"of": "status"})
    docs = """\
A map of an indicator (its rates in up to five quantile classes, never counts) or of an index (its classes),
with a legend titled with what is mapped and its unit, each area's name where it fits and else its number
(keyed to the names in columns below the map, 7 pt), a north arrow, a scale bar and the geometry's source;
areas not rated or hidden apart from the lowest class. With `by` (a second index) one map shows both
indices' classes at once — status × dynamics, a grid legend, lightness by the first and hue by the second.
Parameters: `of` (indicator or index ID), `year`, `by`. Label: `fig:karte-<of>` (with `by`:
`fig:karte-<of>-<by>`; with `year`: `…-<year>`). Without geometry in the project: CG440."""

    def entries(self, concept: Concept, params: Any) -> list:
        return [("label", map_label(params))]

    def data_entries(self, concept: Concept, data: Any, params: Any) -> list:
        return [("label", map_label(params))] if mappable(data.social, params.of, params.year) else []

    def lost_map(self, concept: Concept) -> tuple[str, str, str] | None:
        if not social(concept) or not concept.social_space.geometry:
            return no_map(self.name, "sozialraum.yaml")
        return None

    def empty(self, concept: Concept, params: Any) -> bool:
        return not social(concept) or not concept.social_space.geometry

    def references(self, params: Any) -> list[tuple[str, str]]:
        return [("mapped", params.of)] + ([("index", params.by)] if params.by else [])

    def parts(self, inputs: Any, params: Any, node: Any) -> Any:
        from conceptgen.document.maps import bivariate_map
        from conceptgen.document.social_blocks import one_map

        if inputs.social is None:
            return None
        result = inputs.social.result
        year = params.year or result.year
        if params.by:
            figure = bivariate_map(result, params.of, params.by, year, inputs.language)
        else:
            figure = one_map(result, params.of, year, inputs.language)
        if figure is not None and (params.year or params.by):
            figure.id = map_label(params).removeprefix("fig:")  # the label the block declares
        return figure
