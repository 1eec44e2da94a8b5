"""needs: the needs for action of needs.yaml with the findings they follow from."""

from __future__ import annotations

from typing import Any

from conceptgen.blocks._select import offer_samples
from conceptgen.model import Concept
from conceptgen.outline.block import Block, tab

NEEDS = "tab:handlungsbedarfe"


class Needs(Block):
    name = "needs"
    group = "needs"
    position = 2
    description = "Handlungsbedarfe mit Beschreibung, Befunden und Angeboten"
    needs = ("needs.yaml",)
    labels = (NEEDS,)
    docs = """\
The needs for action with description and the findings they follow from. Data: `needs[]` (`id`,
`title`, `text`, `findings`, `offers`). Label: `tab:handlungsbedarfe`."""

    def entries(self, concept: Concept, params: Any) -> list:
        return tab(NEEDS)

    def samples(self, concept: Concept, params: Any) -> set[str]:
        """The sample entries it shows (the cover's note names them)."""
        named = {o for n in concept.needs for o in n.offers}
        return offer_samples([o for o in concept.offers if o.id in named])

    def empty(self, concept: Concept, params: Any) -> bool:
        return not concept.needs

    def problems(self, concept: Concept, params: Any) -> list[tuple[str, str, tuple, str]]:
        """A need without text leaves its „Beschreibung“ cell empty (CG322)."""
        return [
            (
                "CG322",
                f"Handlungsbedarf {need.id} „{need.title}“: die Tabelle zeigt eine leere Beschreibung",
                ("needs", index, "text"),
                "text: in einem Satz sagen, was zu tun ist und warum (aus den Befunden)",
            )
            for index, need in enumerate(concept.needs)
            if not (need.text or "").strip()
        ]

    def context(self, inputs: Any, params: Any) -> dict[str, Any]:
        return {"needs": inputs.context["needs"]}
