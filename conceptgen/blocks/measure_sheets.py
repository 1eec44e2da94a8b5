"""measure_sheets: one Maßnahmensteckbrief per key measure of measures.yaml, with its tasks."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from conceptgen.blocks._measures import measures_context
from conceptgen.blocks._select import MeasureSelection, field_references, measure_samples, measures
from conceptgen.model import Concept
from conceptgen.outline.block import Block, Entry, Picture

HEADING = "mass:{}"
SHEET = "tab:steckbrief-{}"
TASKS = "tab:aufgaben-{}"


# every field a sheet shows with its row label, key path and the hint that fills it (CG322); lead and period
# are not here: CG303 and CG304 say when they are missing (one cause, one finding)
SHOWN_FIELDS = (
    (
        "Beschreibung",
        ("description",),
        "description: mit zwei, drei Sätzen füllen (was geschieht, für wen, mit welchem Ziel)",
    ),
    ("Handlungsfeld", ("field_of_action",), "field_of_action: das Handlungsfeld (ID aus goals.yaml) nennen"),
    ("Ziele", ("goals",), "goals: die Ziele nennen, denen die Maßnahme dient (IDs)"),
    ("Zielgruppe", ("target_group",), "target_group: nennen, für wen die Maßnahme ist"),
    ("Beteiligte", ("partners",), "partners: die Beteiligten nennen"),
    ("Wirkungsebene", ("level",), "level: die Wirkungsebene nennen"),
    ("Kosten", ("costs",), "costs: {amount: …, interval: …} angeben"),
    ("Finanzierung", ("costs", "funding"), "costs.funding: die Finanzierung nennen"),
    # Kennzahlen: a measure without any shows no row (a Leitziel's indicators measured nothing of it)
)


def _fillable(concept: Concept, key: tuple[str, ...]) -> bool:
    """Whether the project has what the field names (a project without fields of action, goals or
    indicators cannot fill them; lead and period are CG303 and CG304)."""
    entries = {"field_of_action": concept.fields_of_action, "goals": concept.goals}
    entries["indicators"] = concept.indicators
    return bool(entries.get(key[0], True))


def _empty(measure: Any, key: tuple[str, ...]) -> bool:
    """Whether the sheet prints „–“ for ``key`` of ``measure`` (a period may be a horizon alone)."""
    if key == ("period",):
        return measure.period is None and measure.horizon is None
    value = measure
    for part in key:
        value = getattr(value, part, None)
        if value is None:
            return key != ("costs", "funding") or measure.costs is not None
    return not (value.strip() if isinstance(value, str) else value)


class SheetSelection(MeasureSelection):
    new_page: bool = Field(True, description="jeder Steckbrief ab dem zweiten auf einer neuen Seite")


class MeasureSheets(Block):
    name = "measure_sheets"
    group = "measures"
    position = 2
    description = (
        "Maßnahmensteckbriefe: je Schlüsselmaßnahme alle Merkmale, ihre Aufgaben und deren Beschreibungen"
    )
    params = SheetSelection
    needs = ("measures.yaml",)
    picture = Picture(params={"measures": ["1"]})
    labels = (HEADING, SHEET, TASKS)
    docs = """\
One Maßnahmensteckbrief per key measure: every field of the measure, its tasks in a table and, per task,
what the table does not show (target group, partners, costs with funding, goals, indicators) and its
description (and, with a convention, the articles it serves). Parameters: `measures` (IDs), `fields`,
`new_page` (each sheet after the first on a new page; default
true, together with the template option `measure_sheet_new_page`). Data: `measures[]` with `tasks[]`
(`details`, `details_text`), `new_page`. Labels: `mass:<id>` (the heading), `tab:steckbrief-<id>`,
`tab:aufgaben-<id>`, `mass:<task>`."""

    def entries(self, concept: Concept, params: Any) -> list:
        entries: list[Entry] = []
        for m in measures(concept, params):
            entries += [("heading", HEADING.format(m.id)), ("label", SHEET.format(m.id))]
            if m.tasks:
                entries.append(("label", TASKS.format(m.id)))
            entries += [("label", HEADING.format(t.id)) for t in m.tasks]
        return entries

    def samples(self, concept: Concept, params: Any) -> set[str]:
        """The sample entries it shows (the cover's note names them)."""
        return measure_samples(measures(concept, params))

    def empty(self, concept: Concept, params: Any) -> bool:
        return not measures(concept, params)

    def references(self, params: Any) -> list[tuple[str, str]]:
        return field_references(params)

    def problems(self, concept: Concept, params: Any) -> list[tuple[str, str, tuple, str]]:
        """A sheet prints every field of its measure: an empty one is a row of „–“ (CG322)."""
        index = {id(m): i for i, m in enumerate(concept.measures)}
        return [
            (
                "CG322",
                f"Maßnahme {m.id} „{m.title}“: der Steckbrief zeigt „–“ als {label}",
                ("measures", index[id(m)], *key),
                hint,
            )
            for m in measures(concept, params)
            for label, key, hint in SHOWN_FIELDS
            if _empty(m, key) and _fillable(concept, key)
        ]

    def context(self, inputs: Any, params: Any) -> dict[str, Any]:
        return measures_context(inputs, params)
