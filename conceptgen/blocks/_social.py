"""What the blocks of a Sozialraumanalyse share (sozialraum.yaml): which index they show by default."""

from __future__ import annotations

from typing import Any

from conceptgen.model import Concept


def social(concept: Concept) -> bool:
    return concept.social_space is not None


def index_id(concept: Concept, params: Any, dynamic: bool | None = None) -> str | None:
    """The index a block shows: its parameter, else the first (the first with or without dynamic)."""
    chosen = getattr(params, "index", None)
    if chosen or concept.social_space is None:
        return chosen
    for index in concept.social_space.indices:
        if dynamic is None or bool(index.dynamic) == dynamic:
            return index.id
    return None


def mappable(result: Any, ident: str, year: int | None) -> bool:
    """Whether a map of ``ident`` can be drawn: geometry, and values (or the index) in that year."""
    if result is None or not result.geometry:
        return False
    year = year or result.year
    if ident in result.indices:
        return year in result.indices[ident]
    values = result.values.get(ident, {}).get(year, {})
    return any(v.value is not None and not v.hidden for a, v in values.items() if a in result.units)
