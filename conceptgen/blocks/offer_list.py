"""offer_list: all offers of inventory.yaml in one table."""

from __future__ import annotations

from typing import Any

from conceptgen.blocks._select import offer_samples
from conceptgen.model import Concept
from conceptgen.outline.block import Block, tab

OFFERS = "tab:angebote"


class OfferList(Block):
    name = "offer_list"
    group = "inventory"
    position = 4
    description = "alle Angebote in einer Tabelle: Gebiet, Angebot, Kategorie, Träger, Kapazität"
    needs = ("inventory.yaml",)
    labels = (OFFERS,)
    docs = """\
All offers in one table: area, offer, category, provider, capacity. Data: `offers[]`, `sample_note`.
Label: `tab:angebote`."""

    def entries(self, concept: Concept, params: Any) -> list:
        return tab(OFFERS)

    def samples(self, concept: Concept, params: Any) -> set[str]:
        """The sample entries it shows (the cover's note names them)."""
        return offer_samples(concept.offers)

    def empty(self, concept: Concept, params: Any) -> bool:
        return not concept.offers

    def context(self, inputs: Any, params: Any) -> dict[str, Any]:
        return {"offers": inputs.context["offers"], "sample_note": inputs.context["inventory"]["sample_note"]}
