"""The costs table: every measure and task with costs, and totals per interval computed from the rows
the table prints.

A task's costs come on top of its measure's (both rows count in the totals), unless the measure's costs
say ``includes_tasks: true``: then the task's row reads „davon 3.600.000 € einmalig“ and is not added
again, so that a reader who adds up the rows without a „davon“ gets the printed total. A task whose
costs cannot be part of its measure's — another interval — counts on its own (``check`` warns: CG310).
"""

from __future__ import annotations

from typing import Any

from conceptgen.language import Language
from conceptgen.model import Concept
from conceptgen.model.content import Interval

Context = dict[str, Any]
INTERVALS = {Interval.EINMALIG: "once", Interval.JAEHRLICH: "per_year", Interval.MONATLICH: "per_month"}


def included(measure: Any, task: Any) -> bool:
    """Whether ``task``'s costs are part of ``measure``'s (declared, and of the same interval)."""
    own, costs = measure.costs, task.costs
    return bool(own and costs and own.includes_tasks and own.interval is costs.interval)


def cost_summary(
    concept: Concept, language: Language, measures: list[Context], skip: set[str] | frozenset = frozenset()
) -> Context:
    """``block`` of the costs table: ``rows`` (measure and task contexts; a row whose costs its measure
    holds is a copy with ``included: True`` and its costs as „davon …“), ``totals`` per interval over the
    rows that count, and ``note``, which says what the totals hold."""
    terms = language.terms
    by_id = {m.id: m for m in concept.measures}
    rows, sums = [], {}
    for m in measures:
        measure = by_id[m["id"]]
        tasks = {t.id: t for t in measure.tasks}
        for item in (m, *m["tasks"]):
            model = measure if item is m else tasks[item["id"]]
            if model.costs is None or item["id"] in skip:
                continue
            if item is not m and included(measure, model):
                rows.append(item | {"costs": terms("costs.of_which", costs=item["costs"]), "included": True})
                continue
            rows.append(item | {"included": False})
            sums[model.costs.interval] = sums.get(model.costs.interval, 0) + model.costs.amount
    totals = [
        {
            "interval": terms[INTERVALS[interval]],
            "amount": language.money(sums[interval]),
            "text": f"{language.money(sums[interval])} {terms[INTERVALS[interval]]}",
        }
        for interval in Interval
        if interval in sums
    ]
    return {
        "rows": rows,
        "totals": totals,
        "note": terms["costs.note_included" if any(r["included"] for r in rows) else "costs.note"],
        "sample_note": terms["sample_legend"] if any(r["sample"] for r in rows) else "",
    }
