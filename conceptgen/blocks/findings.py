"""findings: the findings of needs.yaml, each under a heading with its text, basis and sources."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from conceptgen.blocks._select import offer_samples, only
from conceptgen.model import Concept
from conceptgen.model.base import Id, StrictModel
from conceptgen.outline.block import Block, Picture

SECTION = "sec:befund-{}"


class FindingSelection(StrictModel):
    findings: list[Id] | None = Field(None, description="nur diese Befunde (IDs); sonst alle")


def chosen_findings(concept: Concept, params: Any) -> list:
    wanted = getattr(params, "findings", None)
    return [f for f in concept.findings if wanted is None or f.id in wanted]


class Findings(Block):
    name = "findings"
    group = "needs"
    position = 1
    description = "Befunde mit Text, Grundlagen (Angebote, Kennzahlen) und Quellen"
    params = FindingSelection
    needs = ("needs.yaml",)
    picture = Picture(params={"findings": ["B1"]})
    labels = (SECTION,)
    docs = """\
Each finding under a heading with its text, what it rests on (offers, indicators) and its sources as
cited („Destatis 2024; IT.NRW 2024“; they count as citations). Parameters: `findings` (IDs). Data:
`findings[]` (`id`, `title`, `text`, `offers`, `indicators`, `sources`, `sources_text`). Labels:
`sec:befund-<id>`."""

    def entries(self, concept: Concept, params: Any) -> list:
        return [("heading", SECTION.format(f.id)) for f in chosen_findings(concept, params)]

    def samples(self, concept: Concept, params: Any) -> set[str]:
        """The sample entries it shows (the cover's note names them)."""
        named = {o for f in chosen_findings(concept, params) for o in f.offers}
        return offer_samples([o for o in concept.offers if o.id in named])

    def empty(self, concept: Concept, params: Any) -> bool:
        return not chosen_findings(concept, params)

    def context(self, inputs: Any, params: Any) -> dict[str, Any]:
        return {"findings": only(inputs.context["findings"], params.findings)}
