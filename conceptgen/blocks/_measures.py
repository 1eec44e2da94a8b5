"""What the blocks of measures.yaml share: the data of a selection of measures with their tasks."""

from __future__ import annotations

from typing import Any

from conceptgen.blocks._select import chosen, legend, only
from conceptgen.terms.grammar import count


def priority_label(params: Any) -> str:
    """The label of a measure overview: ``prioritaet``, or ``prioritaet-HF1`` for one field of action."""
    fields = getattr(params, "fields", None)
    return "prioritaet" + "".join(f"-{f}" for f in fields or [])


def measures_context(inputs: Any, params: Any) -> dict[str, Any]:
    """The measures a block shows (``measures``, ``fields``) with their tasks, grouped by priority."""
    context, concept = inputs.context, inputs.concept
    measures = only(context["measures"], chosen(concept, params, "measures"))
    flat = [item for m in measures for item in (m, *m["tasks"])]
    groups = [
        {
            "priority": g["priority"],
            "label": g["label"],
            "measures": [item for item in g["measures"] if item in flat],
        }
        for g in context["measures_by_priority"]
    ]
    fields = {f.id: f.name for f in concept.fields_of_action}
    return {
        "label": priority_label(params),
        "subject": ", ".join(fields.get(f, f) for f in getattr(params, "fields", None) or []),
        "measures": measures,
        "groups": [g for g in groups if g["measures"]],
        "measure_count": len(measures),
        "task_count": sum(len(m["tasks"]) for m in measures),
        "summary": _summary(inputs.language, len(measures), sum(len(m["tasks"]) for m in measures), params),
        "new_page": getattr(params, "new_page", True),
        "sample_note": legend(inputs.language, any(m["sample_note"] for m in measures)),
    }


def _summary(language: Any, measures: int, tasks: int, params: Any) -> str:
    """„Das Konzept umfasst drei Schlüsselmaßnahmen mit 13 Aufgaben.“ in the project's words."""
    terms = language.terms
    key = terms["measure"].prefixed(terms["doc.key_prefix"])
    task = terms["task"]
    with_tasks = ""
    if tasks:
        with_tasks = terms(
            "doc.with_tasks",
            tasks=count(tasks, task, language.spelled(tasks, task.gender, "dat"), case="dat"),
        )
    return terms(
        "doc.measure_summary",
        whole=terms["doc.the_field" if getattr(params, "fields", None) else "doc.the_concept"],
        measures=count(measures, key, language.spelled(measures, key.gender, "acc"), case="acc"),
        tasks=with_tasks,
    )
