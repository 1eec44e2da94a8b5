"""Blocks that draw a map, and what they lose without geometry: a map block placed in a project without
boundaries is reported where the outline places it (CG440), a profile without its locator map too
(CG441) — never dropped in silence."""

from __future__ import annotations

from typing import Any

# block → where its geometry is declared
NEEDS_GEOMETRY = {
    "map": "sozialraum.yaml (geometry:)",
    "maps": "sozialraum.yaml (geometry:)",
    "area_map": "inventory.yaml (geometry:)",
}


def missing_geometry(block: str, concept: Any) -> tuple[str, str, str] | None:
    """(code, message, hint) when ``block`` would draw a map but the project declares no geometry for
    it; None otherwise (no map, or geometry there)."""
    social = concept.social_space
    if block in ("map", "maps") and (social is None or not social.geometry):
        return (
            "CG440",
            f"der Baustein {block} zeichnet Karten, aber das Projekt hat keine Gebietsgrenzen: die Karte "
            "entfällt",
            f"Grenzen als GeoJSON in {NEEDS_GEOMETRY[block]} angeben oder den Baustein entfernen",
        )
    if block == "area_map" and not concept.geometry:
        return (
            "CG440",
            "der Baustein area_map zeichnet das Untersuchungsgebiet, aber das Projekt hat keine "
            "Gebietsgrenzen: die Karte entfällt",
            f"Grenzen als GeoJSON in {NEEDS_GEOMETRY[block]} angeben oder den Baustein entfernen",
        )
    if block == "area_profile" and social is not None and not social.geometry:
        return (
            "CG441",
            "die Steckbriefe haben keine Lagekarte: das Projekt hat keine Gebietsgrenzen",
            "Grenzen als GeoJSON in sozialraum.yaml (geometry:) angeben",
        )
    return None
