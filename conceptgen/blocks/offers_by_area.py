"""offers_by_area: one heading per area with offers, a table of its offers and their descriptions."""

from __future__ import annotations

from typing import Any

from conceptgen.blocks._select import AreaSelection, offer_samples, only
from conceptgen.model import Concept
from conceptgen.outline.block import Block, Picture

SECTION = "sec:kommune-{}"
OFFERS = "tab:angebote-{}"


def areas_with_offers(concept: Concept, params: Any) -> list:
    wanted = getattr(params, "areas", None)
    with_offers = {o.area for o in concept.offers}
    return [a for a in concept.areas if a.id in with_offers and (wanted is None or a.id in wanted)]


class OffersByArea(Block):
    name = "offers_by_area"
    group = "inventory"
    position = 3
    description = (
        "Angebote je Gebiet: Tabelle mit Kategorie, Träger, Kapazität, Rechtsgrundlage, dazu die "
        "Beschreibungen, Zielgruppen und Finanzierung"
    )
    params = AreaSelection
    needs = ("inventory.yaml",)
    picture = Picture(params={"areas": ["dormagen"]})
    labels = (SECTION, OFFERS)
    docs = """\
One heading per area with offers, a table of its offers (category, provider, capacity, legal basis; the
target group under the name, the funding under the legal basis) and the offers' descriptions.
Parameters: `areas` (IDs: an extract for one district). Data: `areas[]` (`id`, `area`, `offers[]` — see
`offers` in docs/templates.md —, `groups[]` by category, `sample_note`), `offer_count`. Labels:
`sec:kommune-<area>`, `tab:angebote-<area>`."""

    def entries(self, concept: Concept, params: Any) -> list:
        return [
            entry
            for a in areas_with_offers(concept, params)
            for entry in (("heading", SECTION.format(a.id)), ("label", OFFERS.format(a.id)))
        ]

    def samples(self, concept: Concept, params: Any) -> set[str]:
        """The sample entries it shows (the cover's note names them)."""
        shown = {a.id for a in areas_with_offers(concept, params)}
        return offer_samples([o for o in concept.offers if o.area in shown])

    def empty(self, concept: Concept, params: Any) -> bool:
        return not areas_with_offers(concept, params)

    def context(self, inputs: Any, params: Any) -> dict[str, Any]:
        areas = only(inputs.context["inventory"]["by_area"], params.areas)
        return {"areas": areas, "offer_count": sum(len(a["offers"]) for a in areas)}
