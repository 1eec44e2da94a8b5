"""network: networks, round tables and cooperations of participation.yaml (``networks``)."""

from __future__ import annotations

from typing import Any

from conceptgen.model import Concept
from conceptgen.outline.block import Block, Picture, tab

NETWORKS = "tab:netzwerke"
EXAMPLE = """
networks:
  - id: rt
    name: Runder Tisch Wohnungsnotfallhilfe
    kind: Netzwerk
    lead: Rhein-Kreis Neuss, Sozialamt
    members: [Caritas, SKM, SkF, Sozialämter der Kommunen, Jobcenter]
    rhythm: viermal jährlich
    description: Der Runde Tisch stimmt die Hilfen der Träger und Kommunen ab.
"""


class Network(Block):
    name = "network"
    group = "participation"
    position = 4
    description = (
        "Netzwerke und Partner: Gremien und Kooperationen mit Koordination, Mitgliedern und Rhythmus"
    )
    needs = ("participation.yaml",)
    picture = Picture(extra=EXAMPLE)
    labels = (NETWORKS,)
    docs = """\
Networks, round tables and cooperations (participation.yaml `networks`) with coordination, members and
rhythm, descriptions after the table. Data: `networks[]` (`id`, `name`, `mark`, `kind`, `lead`,
`members`, `members_text`, `rhythm`, `description`), `sample_note`. Label: `tab:netzwerke`."""

    def entries(self, concept: Concept, params: Any) -> list:
        return tab(NETWORKS) if concept.networks else []

    def samples(self, concept: Concept, params: Any) -> set[str]:
        """The sample entries it shows (the cover's note names them)."""
        return {f"network:{n.id}" for n in concept.networks}

    def empty(self, concept: Concept, params: Any) -> bool:
        return not concept.networks

    def context(self, inputs: Any, params: Any) -> dict[str, Any]:
        participation = inputs.context["participation"]
        return {"networks": participation["networks"], "sample_note": participation["networks_sample_note"]}
