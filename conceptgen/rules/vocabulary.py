"""Values checked against the project's own lists: the Wirkungsebenen of measures (vocabulary.levels,
else those of the concept type)."""

from __future__ import annotations

from conceptgen.diagnostics import Diagnostic, diagnostic, did_you_mean
from conceptgen.loading import ProjectSource
from conceptgen.loading.yaml_loader import format_path
from conceptgen.model import Concept
from conceptgen.outline import levels


def check_vocabulary(concept: Concept, source: ProjectSource) -> list[Diagnostic]:
    """CG104 for a Wirkungsebene that is not in the project's list."""
    allowed = levels(concept)
    if not allowed:
        return []
    found = []
    for i, measure in enumerate(concept.measures):
        items = [(("measures", i), measure)] + [
            (("measures", i, "tasks", j), t) for j, t in enumerate(measure.tasks)
        ]
        for path, item in items:
            if item.level is not None and item.level not in allowed:
                where = (*path, "level")
                hint = did_you_mean(item.level, allowed)
                allowed_text = ", ".join(allowed)
                found.append(
                    diagnostic(
                        "CG104",
                        f"invalid value '{item.level}'",
                        source.locate(where),
                        key_path=format_path(where),
                        hint=f"{hint} allowed: {allowed_text}"
                        if hint
                        else f"allowed: {allowed_text} "
                        "(project.yaml vocabulary.levels sets the project's own)",
                    )
                )
    return found
