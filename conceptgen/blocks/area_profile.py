"""area_profile: the profile (Steckbrief) of one area of a Sozialraumanalyse."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from conceptgen.blocks._select import offer_samples
from conceptgen.blocks._social import social
from conceptgen.model import Concept
from conceptgen.model.base import Id, StrictModel
from conceptgen.outline.block import Block, Picture
from conceptgen.outline.map_geometry import no_locator


class AreaChoice(StrictModel):
    area: Id | None = Field(None, description="das Gebiet (ID); sonst das des Dokuments oder Abschnitts")


class AreaProfile(Block):
    name = "area_profile"
    group = "social"
    position = 6
    description = (
        "Steckbrief eines Gebiets: Kennzahlen gegenüber übergeordnetem Gebiet und Stadt, Klasse, Rang, "
        "Veränderung, Lagekarte, Vergleichsdiagramm, Angebote"
    )
    params = AreaChoice
    needs = ("sozialraum.yaml",)
    picture = Picture(project="dortmund", params={"area": "hafen"})
    docs = """\
The profile (Steckbrief) of one area: its kind, parent and population; class, rank and previous class of
each index; its key figures against its parent area and the city with the change since the previous year;
a chart of the first status index with this area highlighted and every bar labelled — all rated areas up to
18, beyond that the areas five ranks around it and the city's distribution in grey („Max“, „Q3“, „Md“,
„Q1“, „Min“, explained in a line under the chart); a locator map; the offers in it. Parameters: `area`
(ID; else the area of the document or of the repeated section). Data: `id`,
`code`, `name`, `kind`, `parent`, `parent_kind`, `parent_header` (the parent's column: its kind and
name, „Stadtbezirk Eving“), `region` (`social_space.region`, else „Stadt gesamt“), `population`, `year`,
`previous_year`, `change_header` („Veränderung seit 2022“, „Veränderung“ with one year),
`rows[]` (`name`, `unit`, `value`, `parent`, `region`, `change` with its unit: „+2,1 %-Punkte“, „+8,4 je
1.000“, `context`), `indices[]` (`name`, `rated`, `value`, `class`, `rank`, `of`, `previous_class`,
`previous_rank`, `previous_year`), `offers[]` (`name`,
`category`, `provider`), `comparison` and `locator` (pictures: `{{p block.locator }}`), `privacy` (the
legend of the symbol, only when the table shows it), `source`."""

    def lost_map(self, concept: Concept) -> tuple[str, str, str] | None:
        return no_locator() if social(concept) and not concept.social_space.geometry else None

    def samples(self, concept: Concept, params: Any) -> set[str]:
        """The sample entries it shows (the cover's note names them)."""
        return offer_samples([o for o in concept.offers if o.area == params.area])

    def empty(self, concept: Concept, params: Any) -> bool:
        return not social(concept) or params.area is None

    def context(self, inputs: Any, params: Any) -> dict[str, Any] | None:
        from conceptgen.document.social_blocks import profile

        return profile(inputs.social, params.area) if inputs.social is not None else None
