"""events: participation events of participation.yaml (``events``: Fachtagung, Werkstatt, Quartiersfest)
by date."""

from __future__ import annotations

from typing import Any

from conceptgen.model import Concept
from conceptgen.outline.block import Block, Picture, tab

EVENTS = "tab:veranstaltungen"
EXAMPLE = """
events:
  - id: fachtag
    title: Fachtag Wohnungsnotfallhilfe
    kind: Fachtagung
    date: 2023-06-14
    place: Kreishaus Grevenbroich
    participants: 85
    results: [Zwischenergebnisse vorgestellt, Handlungsbedarfe ergänzt]
"""


class Events(Block):
    name = "events"
    group = "participation"
    position = 5
    description = (
        "Veranstaltungen: Fachtagungen, Werkstätten, Feste mit Datum, Ort, Teilnehmenden, Ergebnissen"
    )
    needs = ("participation.yaml",)
    picture = Picture(extra=EXAMPLE)
    labels = (EVENTS,)
    docs = """\
Participation events (participation.yaml `events`: Fachtagung, Werkstatt, Quartiersfest) by date, with
place, participants and results. Data: `events[]` (`id`, `title`, `mark`, `kind`, `date`, `place`,
`participants`, `target_group`, `results`, `results_text`, `description`), `count`, `sample_note`. Label:
`tab:veranstaltungen`."""

    def entries(self, concept: Concept, params: Any) -> list:
        return tab(EVENTS) if concept.events else []

    def samples(self, concept: Concept, params: Any) -> set[str]:
        """The sample entries it shows (the cover's note names them)."""
        return {f"event:{e.id}" for e in concept.events}

    def empty(self, concept: Concept, params: Any) -> bool:
        return not concept.events

    def context(self, inputs: Any, params: Any) -> dict[str, Any]:
        participation = inputs.context["participation"]
        return {
            "events": participation["events"],
            "count": len(participation["events"]),
            "sample_note": participation["events_sample_note"],
        }
