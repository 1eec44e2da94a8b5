"""Rules on what the project asks to produce: known check codes, templates that exist and find their texts."""

from __future__ import annotations

from conceptgen.diagnostics import (
    CODES,
    Diagnostic,
    DiagnosticError,
    Location,
    diagnostic,
    did_you_mean,
    relative,
)
from conceptgen.loading import ProjectSource
from conceptgen.model import Concept
from conceptgen.workspace import Template, find_template


def check_settings(concept: Concept, source: ProjectSource) -> list[Diagnostic]:
    """CG104 for every code in project.yaml ``checks:`` that is not a diagnostic code."""
    found = []
    for code in concept.project.checks:
        if code not in CODES:
            path = ("project", "checks", code)
            found.append(
                diagnostic(
                    "CG104",
                    f"unknown check code '{code}'",
                    source.locate(path, key=True),
                    key_path="project.checks",
                    hint=did_you_mean(code, CODES) or "see docs/checks.md",
                )
            )
    return found


def check_outputs(concept: Concept, source: ProjectSource) -> list[Diagnostic]:
    """CG206 when two documents would write the same file (compared as Windows and macOS do: without
    regard to case)."""
    found = []
    first: dict[str, int] = {}
    for i, spec in enumerate(concept.project.documents):
        name = spec.output.casefold()
        if name in first:
            found.append(
                diagnostic(
                    "CG206",
                    f"'{spec.output}' is also the output of documents[{first[name]}]",
                    source.locate(("project", "documents", i, "output")),
                    key_path=f"project.documents[{i}].output",
                    hint="give each document its own file name",
                )
            )
        else:
            first[name] = i
    return found


def resolve_templates(
    concept: Concept, source: ProjectSource
) -> tuple[list[Template | None], list[Diagnostic]]:
    """The template of every document (in order) and CG401/CG403/CG404/CG010 for those that cannot serve."""
    templates: list[Template | None] = []
    found: list[Diagnostic] = []
    warned: set[str] = set()
    for i, spec in enumerate(concept.project.documents):
        location = source.locate(("project", "documents", i, "template"))
        try:
            template = find_template(spec.template, source.root, location)
        except DiagnosticError as exc:
            found += exc.diagnostics
            templates.append(None)
            continue
        templates.append(template)
        if template.layout.has_body:
            continue  # the outline names the texts a document needs (checked with the outline)
        if template.layout.chapters and template.name not in warned:
            warned.add(template.name)
            found.append(
                diagnostic(
                    "CG119",
                    f"template '{template.name}' has its chapters built in (the form before conceptgen 0.3); "
                    "it renders as before",
                    Location(relative(template.docx)),
                    hint="for outlines, blocks and short versions give it a paragraph {{p body }} and a "
                    "block library (docs/templates.md, „Outlines“)",
                )
            )
        for name in template.config.required_texts:
            if name not in source.texts:
                found.append(
                    diagnostic(
                        "CG404",
                        f"template '{template.name}' needs text/{name}.md, which does not exist",
                        location,
                        key_path=f"project.documents[{i}].template",
                        hint=f"create {relative(source.root / 'text' / (name + '.md'))}",
                    )
                )
    return templates, found
