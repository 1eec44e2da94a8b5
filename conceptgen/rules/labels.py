"""References to chapters, tables and figures (``@sec:x``, ``@tab:x``, ``@fig:x``), checked before
rendering against the labels that the documents' outlines define.

A reference resolves when any document of the project defines its label: within the same document it
becomes a cross-reference, from another document a text naming that document (docs/outlines.md).
Measures (``@mass:x``) are checked with the IDs (rules/texts.py).
"""

from __future__ import annotations

from conceptgen.diagnostics import Diagnostic, diagnostic, did_you_mean
from conceptgen.loading import ProjectSource
from conceptgen.markup import REFERENCE
from conceptgen.model import Concept
from conceptgen.outline.nodes import DocumentOutline
from conceptgen.outline.references import text_labels
from conceptgen.rules.texts import offset_location, texts
from conceptgen.workspace import Template


def check_references(
    concept: Concept,
    source: ProjectSource,
    outlines: list[DocumentOutline | None],
    templates: list[Template | None],
) -> list[Diagnostic]:
    """CG110 for a reference in any text of the project that no document defines."""
    if not outlines or all(o is None for o in outlines):
        return []  # only templates with built-in chapters: their labels are checked when rendering
    known = {label for o in outlines if o for label in o.labels}
    if any(o is None for o in outlines):  # a template with built-in chapters shows texts, tables, charts
        known |= {label for text in source.texts.values() for label in text_labels(text.content)}
        known |= {f"tab:{t.id}" for t in (*concept.tables, *concept.analyses)}
        known |= {f"fig:{c.id}" for c in concept.charts}
    patterns = [t.layout for t in templates if t is not None]
    shown = None  # texts no document shows are not rendered: their references do not matter
    if all(o is not None for o in outlines):
        names = {name for o in outlines if o for name in o.texts}
        shown = {source.texts[name].display for name in names if name in source.texts}
    dropped = {label: name for o in outlines if o for label, name in o.dropped.items()}
    found = []
    for content, start, path in texts(source):
        if not path and shown is not None and start.file not in shown:
            continue
        for match in REFERENCE.finditer(content):
            kind = match.group(1)
            label = f"{kind}:{match.group(2)}"
            if kind == "mass" or label in known or any(p.defines(label) for p in patterns):
                continue
            near = [k for k in known if k.startswith(kind + ":")]
            hint = did_you_mean(label, near) or f"bekannt: {', '.join(sorted(near)[:8])}"
            if label in dropped:  # declared by a block, not written by the template's snippet (CG140)
                template = dropped[label]
                hint = f"der Ausschnitt des Bausteins in der Vorlage „{template}“ schreibt es nicht (CG140)"
            found.append(
                diagnostic(
                    "CG110",
                    f"Verweis auf die unbekannte Marke „{label}“",
                    offset_location(start, content, match.start()),
                    hint=hint,
                )
            )
    return found
