"""goal_system: the goal system of goals.yaml — each Leitziel under a heading with its Handlungsziele and
the measures serving them."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from conceptgen.blocks._select import chosen, field_references, only
from conceptgen.model import Concept
from conceptgen.model.base import Id, StrictModel
from conceptgen.outline.block import Block, Picture

SECTION = "sec:ziel-{}"
GOALS = "tab:ziel-{}"


class GoalSelection(StrictModel):
    goals: list[Id] | None = Field(None, description="nur diese Leitziele (IDs); sonst alle")
    fields: list[Id] | None = Field(
        None, description="nur die Leitziele dieser Handlungsfelder (IDs): ein Kapitel je Handlungsfeld"
    )


def chosen_goals(concept: Concept, params: Any) -> list:
    wanted = getattr(params, "goals", None)
    fields = getattr(params, "fields", None)
    return [
        g
        for g in concept.goals
        if (wanted is None or g.id in wanted) and (fields is None or g.field_of_action in fields)
    ]


class GoalSystem(Block):
    name = "goal_system"
    group = "goals"
    position = 1
    description = (
        "Zielsystem: je Leitziel Handlungsfeld, Beschreibung und die Handlungsziele mit ihren Maßnahmen"
    )
    params = GoalSelection
    needs = ("goals.yaml",)
    picture = Picture(params={"goals": ["Z1"]})
    labels = (SECTION, GOALS)
    docs = """\
Each Leitziel under a heading with its field of action, description and a table of its Handlungsziele with
the measures serving them. Parameters: `goals` (IDs), `fields` (the goals of these fields of action).
Data: `goals[]` (`id`, `title`, `description`, `field_of_action`, `measures`, `goals[]`). Labels:
`sec:ziel-<id>`, `tab:ziel-<id>`."""

    def entries(self, concept: Concept, params: Any) -> list:
        return [
            entry
            for g in chosen_goals(concept, params)
            for entry in (("heading", SECTION.format(g.id)), ("label", GOALS.format(g.id)))
        ]

    def empty(self, concept: Concept, params: Any) -> bool:
        return not chosen_goals(concept, params)

    def references(self, params: Any) -> list[tuple[str, str]]:
        return field_references(params)

    def context(self, inputs: Any, params: Any) -> dict[str, Any]:
        return {"goals": only(inputs.context["goals"], chosen(inputs.concept, params, "goals"))}
