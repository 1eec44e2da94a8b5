"""Values checked against the project's own lists: the Wirkungsebenen of measures (vocabulary.levels,
else those of the concept type), and the project's own words (vocabulary.terms): known terms only, with
the placeholders the term fills."""

from __future__ import annotations

from conceptgen.diagnostics import Diagnostic, diagnostic, did_you_mean
from conceptgen.loading import ProjectSource
from conceptgen.loading.yaml_loader import format_path
from conceptgen.model import Concept
from conceptgen.outline import levels
from conceptgen.terms import TERMS, Noun, placeholders


def check_terms(concept: Concept, source: ProjectSource) -> list[Diagnostic]:
    """CG104 for a term the language does not have; CG103 for one whose placeholders differ."""
    known = TERMS.get(concept.project.locale.value, TERMS["de"])
    found = []
    for key, value in concept.project.vocabulary.terms.items():
        path = ("project", "vocabulary", "terms", key)
        if key not in known:
            found.append(
                diagnostic(
                    "CG104",
                    f"unknown term '{key}'",
                    source.locate(path, key=True),
                    key_path=format_path(path),
                    hint=did_you_mean(key, known) or "docs/outlines.md lists the terms a project may set",
                )
            )
            continue
        if not isinstance(value, str):
            if not isinstance(known[key], Noun):
                found.append(
                    diagnostic(
                        "CG350",
                        f"term '{key}' is not a noun: it takes a text, not a word with its forms",
                        source.locate(path),
                        key_path=format_path(path),
                        hint=f"write {key}: followed by the text (conceptgen terms shows it)",
                    )
                )
            continue
        wanted, given = placeholders(known[key]), placeholders(value)
        if given - wanted:
            names = ", ".join("{" + n + "}" for n in sorted(wanted)) or "none"
            found.append(
                diagnostic(
                    "CG103",
                    f"term '{key}' uses {', '.join('{' + n + '}' for n in sorted(given - wanted))}, "
                    "which it cannot fill",
                    source.locate(path),
                    key_path=format_path(path),
                    hint=f"placeholders of {key}: {names}",
                )
            )
    return found


def check_vocabulary(concept: Concept, source: ProjectSource) -> list[Diagnostic]:
    """CG104 for a Wirkungsebene that is not in the project's list; the terms (check_terms)."""
    found = check_terms(concept, source)
    allowed = levels(concept)
    if not allowed:
        return found
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
