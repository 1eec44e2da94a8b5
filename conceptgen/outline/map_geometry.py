"""What a map block loses without geometry, said in the product's words: a map block placed in a project
without boundaries is reported where the outline places it (CG440), a profile without its locator map
(CG441) — never dropped in silence. The blocks say whether they lose a map (Block.lost_map)."""

from __future__ import annotations


def no_map(block: str, declared_in: str) -> tuple[str, str, str]:
    """CG440 for ``block``, whose geometry is declared in ``declared_in``."""
    return (
        "CG440",
        f"der Baustein {block} zeichnet eine Karte, aber das Projekt hat keine Gebietsgrenzen: die Karte "
        "entfällt",
        f"Grenzen als GeoJSON in {declared_in} (geometry:) angeben oder den Baustein entfernen",
    )


def no_locator() -> tuple[str, str, str]:
    """CG441: profiles without their locator map."""
    return (
        "CG441",
        "die Steckbriefe haben keine Lagekarte: das Projekt hat keine Gebietsgrenzen",
        "Grenzen als GeoJSON in sozialraum.yaml (geometry:) angeben",
    )
