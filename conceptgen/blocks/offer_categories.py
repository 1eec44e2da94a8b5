"""offer_categories: the categories of offers in inventory.yaml with their number of offers."""

from __future__ import annotations

from typing import Any

from conceptgen.model import Concept
from conceptgen.outline.block import Block, tab
from conceptgen.terms.grammar import count

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
`description`, `offers`, `offer_count`), `offer_count`, `offers_text` (the count in words with its noun
in the accusative, as „umfasst …“ needs: „zwanzig Angebote“, „einen Dienst“). Label: `tab:kategorien`."""

    def entries(self, concept: Concept, params: Any) -> list:
        return tab(CATEGORIES)

    def empty(self, concept: Concept, params: Any) -> bool:
        return not concept.categories

    def context(self, inputs: Any, params: Any) -> dict[str, Any]:
        context, language = inputs.context, inputs.language
        n = context["inventory"]["offer_count"]
        offer = language.terms["offer"]
        return {
            "categories": context["categories"],
            "offer_count": n,
            "offers_text": count(
                n, offer, language.spelled(n, getattr(offer, "gender", ""), "acc"), case="acc"
            ),
        }
