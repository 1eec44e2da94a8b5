"""The inventory (Bestandsaufnahme) in a document's context: offers, areas, categories and their
aggregation (offers by area and category, a count matrix category × area)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from conceptgen.language import Language
from conceptgen.markup import Markdown
from conceptgen.model import Concept
from conceptgen.model.content import Offer
from conceptgen.terms.grammar import count

Context = dict[str, Any]


class InventoryContext:
    """Offers, areas and categories of a concept as template data."""

    def __init__(
        self,
        concept: Concept,
        language: Language,
        md: Callable[[str | None, tuple], Markdown],
        scalar: Callable[[Any, tuple], Any] = lambda value, path: value,
    ):
        self.concept = concept
        self.scalar = scalar  # a text as written, with its place (document/context.py)
        self.language = language
        self.terms = language.terms
        self.md = md
        self.areas = {a.id: a for a in concept.areas}
        self.categories = {c.id: c for c in concept.categories}

    def build(self) -> Context:
        """``offers``, ``areas``, ``categories`` and ``inventory`` of the context."""
        offers = [self.offer(i, o) for i, o in enumerate(self.concept.offers)]
        return {
            "areas": [self.area(i, a, offers) for i, a in enumerate(self.concept.areas)],
            "categories": [self.category(i, c, offers) for i, c in enumerate(self.concept.categories)],
            "offers": offers,
            "inventory": self.inventory(offers),
        }

    def offer(self, i: int, o: Offer) -> Context:
        area = self.areas.get(o.area)
        category = self.categories.get(o.category)
        mark = self.terms["sample_mark"]
        capacity = (
            count(
                o.capacity.value,
                self.terms.noun(o.capacity.unit),
                self.language.number(o.capacity.value),
                space="\u00a0",
            )
            + (mark if o.capacity.sample or o.sample else "")
            if o.capacity
            else self.terms["none"]
        )
        return {
            "id": o.id,
            "name": self.scalar(o.name, ("offers", i, "name")),
            "mark": mark if o.sample else "",
            "sample": o.sample or bool(o.capacity and o.capacity.sample),
            "category": category.name if category else o.category,
            "category_id": o.category,
            "provider": self.scalar(o.provider, ("offers", i, "provider")),
            "area": area.name if area else o.area,
            "area_id": o.area,
            "capacity": capacity,
            "capacity_value": o.capacity.value if o.capacity else None,
            "capacity_unit": o.capacity.unit if o.capacity else "",
            "target_group": self.scalar(o.target_group, ("offers", i, "target_group")) or "",
            "legal_basis": self.scalar(o.legal_basis, ("offers", i, "legal_basis")) or "",
            "funding": self.scalar(o.funding, ("offers", i, "funding")) or "",
            "description": self.md(o.description, ("offers", i, "description")),
        }

    def area(self, i: int, a: Any, offers: list[Context]) -> Context:
        own = [o for o in offers if o["area_id"] == a.id]
        return {
            "id": a.id,
            "name": self.scalar(a.name, ("areas", i, "name")),
            "kind": a.kind or "",
            "population": self.language.number(a.population) if a.population is not None else "",
            "population_value": a.population,
            "population_year": a.population_year or "",
            "note": a.note or "",
            "offers": own,
            "offer_count": len(own),
            "sample_note": self.sample_note(own),
        }

    def category(self, i: int, c: Any, offers: list[Context]) -> Context:
        own = [o for o in offers if o["category_id"] == c.id]
        return {
            "id": c.id,
            "name": self.scalar(c.name, ("categories", i, "name")),
            "description": self.md(c.description, ("categories", i, "description")),
            "offers": own,
            "offer_count": len(own),
        }

    def inventory(self, offers: list[Context]) -> Context:
        """Offers grouped by area, then category; a count matrix category × area."""
        by_area = []
        for a in self.concept.areas:
            own = [o for o in offers if o["area_id"] == a.id]
            if not own:
                continue
            groups = [
                {"category": c.name, "offers": [o for o in own if o["category_id"] == c.id]}
                for c in self.concept.categories
            ]
            by_area.append(
                {
                    "id": a.id,
                    "area": a.name,
                    "offers": own,
                    "groups": [g for g in groups if g["offers"]],
                    "sample_note": self.sample_note(own),
                }
            )
        matrix = []
        for c in self.concept.categories:
            counts = [
                sum(1 for o in offers if o["category_id"] == c.id and o["area_id"] == a.id)
                for a in self.concept.areas
            ]
            matrix.append({"category": c.name, "counts": counts, "total": sum(counts)})
        return {
            "sample_note": self.sample_note(offers),
            "offer_count": len(offers),
            "by_area": by_area,
            "area_names": [a.name for a in self.concept.areas],
            "matrix": matrix,
        }

    def sample_note(self, offers: list[Context]) -> str:
        """„* Beispielangabe“ under a table that holds a marked offer or capacity, else ''."""
        return self.terms["sample_legend"] if any(o["sample"] for o in offers) else ""
