"""What the blocks of measures.yaml share: the data of a selection of measures with their tasks."""

from __future__ import annotations

from typing import Any

from conceptgen.blocks._select import chosen, legend, only


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
        "new_page": getattr(params, "new_page", True),
        "sample_note": legend(inputs.language, any(m["sample_note"] for m in measures)),
    }
