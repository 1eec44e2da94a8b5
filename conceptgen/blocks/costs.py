"""costs: the costs and funding of the measures of measures.yaml and their tasks, with totals per
interval that equal the rows printed above them."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from conceptgen.blocks._select import MeasureSelection, field_references, measure_samples, measures, only
from conceptgen.document.costs import cost_summary
from conceptgen.model import Concept
from conceptgen.outline.block import Block, tab

COSTS = "tab:kosten"


class CostSelection(MeasureSelection):
    financed: bool = Field(
        True,
        description="false: nur Maßnahmen, die nicht im Kosten- und Finanzierungsplan (finanzierung.yaml) "
        "stehen — neben dem Block financing_plan",
    )


def costed(concept: Concept, params: Any) -> list:
    """The measures the block lists: without those of the financing plan if ``financed: false``."""
    planned = {p.measure for p in concept.financing.projects} if concept.financing else set()
    chosen = measures(concept, params)
    if not getattr(params, "financed", True):
        chosen = [m for m in chosen if m.id not in planned]
    return chosen


class Costs(Block):
    name = "costs"
    group = "measures"
    position = 4
    description = "Kosten und Finanzierung der Maßnahmen und Aufgaben, mit Summen je Zahlungsweise"
    params = CostSelection
    needs = ("measures.yaml",)
    labels = (COSTS,)
    docs = """\
Costs and funding of every measure and task that has costs, with totals per interval (einmalig, pro Jahr,
pro Monat). A task's costs come on top of its measure's, unless the measure's `costs` say
`includes_tasks: true`: then a task's row reads „davon 3.600.000 € einmalig“ and is not added again, so
that every total equals the rows above it without a „davon“ (a task of another interval counts on its own;
`check` warns, CG310). Parameters: `measures`, `fields`, `financed` (false: only what the financing plan of
finanzierung.yaml does not hold — the Integriertes Handlungskonzept places it so next to `financing_plan`).
Data: `rows[]` (measures and tasks; `included` for a „davon“ row), `totals[]` (`interval`, `amount`,
`text`), `note` (what the totals hold), `sample_note`.
Label: `tab:kosten`."""

    def entries(self, concept: Concept, params: Any) -> list:
        return tab(COSTS)

    def samples(self, concept: Concept, params: Any) -> set[str]:
        """The sample entries it shows (the cover's note names them)."""
        return measure_samples(costed(concept, params))

    def empty(self, concept: Concept, params: Any) -> bool:
        return not any(i.costs for m in costed(concept, params) for i in (m, *m.tasks))

    def references(self, params: Any) -> list[tuple[str, str]]:
        return field_references(params)

    def problems(self, concept: Concept, params: Any) -> list[tuple[str, str, tuple, str]]:
        """The table has a funding cell in every row with costs: an empty one is a blank (CG322)."""
        index = {id(m): i for i, m in enumerate(concept.measures)}
        rows = [
            (("measures", index[id(m)], *(("tasks", j) if j >= 0 else ())), item)
            for m in costed(concept, params)
            for j, item in enumerate((m, *m.tasks), start=-1)
        ]
        return [
            (
                "CG322",
                f"{'Aufgabe' if len(path) > 2 else 'Maßnahme'} {item.id} „{item.title}“: die Kostentabelle "
                "zeigt keine Finanzierung",
                (*path, "costs", "funding"),
                "costs.funding: die Finanzierung nennen",
            )
            for path, item in rows
            if item.costs and not item.costs.funding
        ]

    def context(self, inputs: Any, params: Any) -> dict[str, Any]:
        concept = inputs.concept
        shown = only(inputs.context["measures"], [m.id for m in costed(concept, params)])
        planned = set()
        if concept.financing is not None and not params.financed:
            planned = {p.measure for p in concept.financing.projects}  # a task of the plan
        return cost_summary(concept, inputs.language, shown, planned)
