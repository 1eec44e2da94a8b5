"""working_group: the working group (Arbeitsgruppe, Arbeitskreis) of participation.yaml — its
description, members and meetings with topics and results."""

from __future__ import annotations

from typing import Any

from conceptgen.model import Concept
from conceptgen.outline.block import Block, tab

MEMBERS = "tab:mitglieder"
MEETINGS = "tab:sitzungen"


def _has_members(concept: Concept) -> bool:
    return concept.working_group is not None and bool(concept.working_group.members)


class WorkingGroup(Block):
    name = "working_group"
    group = "participation"
    position = 1
    description = "Arbeitsgruppe: Beschreibung, Mitglieder, Sitzungen mit Themen und Ergebnissen"
    needs = ("participation.yaml",)
    labels = (MEMBERS, MEETINGS)
    docs = """\
The working group: its description, members and meetings with topics and results.
Data: `name`, `description`, `members[]` (`organisation`, `role`), `meetings[]` (`number`, `date`,
`topic`, `results`, `results_text`), `meeting_count`, `members_title`, `meetings_title`, `met` (the
captions and the sentence with the group's name declined: „Mitglieder des Arbeitskreises …“). Labels:
`tab:mitglieder`, `tab:sitzungen`. Empty without members."""

    def entries(self, concept: Concept, params: Any) -> list:
        if not _has_members(concept):
            return []
        return tab(MEMBERS, *([MEETINGS] if concept.working_group.meetings else []))

    def empty(self, concept: Concept, params: Any) -> bool:
        return not _has_members(concept)

    def context(self, inputs: Any, params: Any) -> dict[str, Any]:
        return dict(inputs.context["participation"]["working_group"])
