"""offer_categories: the categories of offers in inventory.yaml with their number of offers."""

from __future__ import annotations

from typing import Any

from conceptgen.model import Concept
from conceptgen.outline.block import Block, tab

CATEGORIES = "tab:kategorien"


class OfferCategories(Block):
    name = "offer_categories"
    group = "inventory"
    position = 2
    description = "Angebotskategorien mit Anzahl der Angebote und Beschreibung"
    needs = ("inventory.yaml",)
    labels = (CATEGORIES,)
    docs = """\
The categories with their number of offers and description. Data: `categories[]` (`id`, `name`,
`description`, `offers`, `offer_count`), `offer_count`. Label: `tab:kategorien`."""

    def entries(self, concept: Concept, params: Any) -> list:
        return tab(CATEGORIES)

    def empty(self, concept: Concept, params: Any) -> bool:
        return not concept.categories

    def context(self, inputs: Any, params: Any) -> dict[str, Any]:
        context = inputs.context
        return {"categories": context["categories"], "offer_count": context["inventory"]["offer_count"]}
