"""Rules on what the project asks to produce: known check codes, templates that exist and find their texts."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from conceptgen.cache import MAX_ENTRY_BYTES, Cache, code_fingerprint, read_regular
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
                    f"unbekannter Prüfcode „{code}“",
                    source.locate(path, key=True),
                    key_path="project.checks",
                    hint=did_you_mean(code, CODES) or "die Prüfcodes stehen in docs/checks.md",
                )
            )
    return found


def check_outputs(concept: Concept, source: ProjectSource) -> list[Diagnostic]:
    """CG206 when two documents would write the same file (compared as Windows and macOS do: without
    regard to case)."""
    found = []
    first: dict[str, int] = {}
    for spec in concept.project.documents:
        i = spec.origin
        name = spec.output.casefold()
        if name in first:
            found.append(
                diagnostic(
                    "CG206",
                    f"„{spec.output}“ ist schon die Ausgabedatei von documents[{first[name]}]",
                    source.locate(("project", "documents", i, "output")),
                    key_path=f"project.documents[{i}].output",
                    hint="jedem Dokument einen eigenen Dateinamen geben",
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
    designed: set[str] = set()
    found_before: dict[str, Template] = {}  # one template read once for all its documents (550 profiles)
    design = _Designs(source.root)
    for spec in concept.project.documents:
        i = spec.origin
        location = source.locate(("project", "documents", i, "template"))
        try:
            template = found_before.get(spec.template) or find_template(spec.template, source.root, location)
            found_before[spec.template] = template
        except DiagnosticError as exc:
            found += exc.diagnostics
            templates.append(None)
            continue
        templates.append(template)
        if not template.builtin and template.name not in designed:
            designed.add(template.name)
            found += design(template)
        if template.layout_from(design.cache, design.code).has_body:  # kept by content
            continue  # the outline names the texts a document needs (checked with the outline)
        if template.layout.chapters and template.name not in warned:
            warned.add(template.name)
            found.append(
                diagnostic(
                    "CG119",
                    f"die Vorlage „{template.name}“ enthält ihre Kapitel selbst (die Form vor "
                    "conceptgen 0.3); sie wird wie bisher erzeugt",
                    Location(relative(template.docx)),
                    hint="für Gliederungen, Bausteine und Kurzfassungen einen Absatz {{p body }} und eine "
                    "Bausteinbibliothek ergänzen (docs/templates.md, „Outlines“)",
                )
            )
        for name in template.config.required_texts:
            if name not in source.texts:
                found.append(
                    diagnostic(
                        "CG404",
                        f"die Vorlage „{template.name}“ braucht text/{name}.md, die Datei fehlt",
                        location,
                        key_path=f"project.documents[{i}].template",
                        hint=f"{relative(source.root / 'text' / (name + '.md'))} anlegen",
                    )
                )
    found += _unused_templates(source, {spec.template for spec in concept.project.documents}, design)
    return templates, found


def _unused_templates(source: ProjectSource, used: set[str], design: _Designs) -> list[Diagnostic]:
    """The templates of the project's templates/ that no document uses yet, checked as a used one is:
    template.yaml (duplicate keys, unknown keys: CG403), template.docx (CG403) and its safety and design
    (CG410–CG419) — the day a document uses one, it must render."""
    folder = source.root / "templates"
    if not folder.is_dir():
        return []
    found: list[Diagnostic] = []
    for path in sorted(folder.iterdir()):
        if path.name in used or path.name.startswith(".") or not (path / "template.docx").is_file():
            continue
        try:
            template = find_template(path.name, source.root, Location(relative(path)))
        except DiagnosticError as exc:
            found += exc.diagnostics
            continue
        if not template.builtin:
            found += design(template)
    return found


def expand_documents(concept: Concept, source: ProjectSource) -> list[Diagnostic]:
    """Replace every document with ``repeat:`` by one document per area of that kind (``output`` with
    ``{code}``, ``{name}``, ``{id}`` filled), and check ``area:``; each document remembers its place in
    project.yaml (``origin``) for locating problems."""
    from conceptgen.model.project import PLACEHOLDERS

    found: list[Diagnostic] = []
    areas = {a.id: a for a in concept.areas}
    kinds = sorted({a.kind for a in concept.areas if a.kind})
    expanded = []
    for i, spec in enumerate(concept.project.documents):
        spec._origin = i
        if spec.area is not None and spec.area not in areas:
            found.append(
                diagnostic(
                    "CG202",
                    f"unbekanntes Gebiet „{spec.area}“",
                    source.locate(("project", "documents", i, "area")),
                    key_path=f"project.documents[{i}].area",
                    hint=did_you_mean(spec.area, areas) or "die Gebiete stehen in inventory.yaml",
                )
            )
        if spec.repeat is None:
            expanded.append(spec)
            continue
        chosen = sorted(
            (a for a in concept.areas if a.kind == repeat_kind(concept, spec.repeat)),
            key=lambda a: (a.code or "", a.id),
        )
        if not chosen:
            found.append(
                diagnostic(
                    "CG104",
                    f"kein Gebiet der Art „{spec.repeat}“, über das wiederholt werden kann",
                    source.locate(("project", "documents", i, "repeat")),
                    key_path=f"project.documents[{i}].repeat",
                    hint=did_you_mean(spec.repeat, kinds) or f"Gebietsarten: {', '.join(kinds) or 'keine'}",
                )
            )
            continue
        if not any(p in spec.output for p in PLACEHOLDERS):
            found.append(
                diagnostic(
                    "CG206",
                    f"„{spec.output}“ wäre die Ausgabedatei jedes wiederholten Dokuments",
                    source.locate(("project", "documents", i, "output")),
                    key_path=f"project.documents[{i}].output",
                    hint="jede Datei nach ihrem Gebiet benennen: Profil-{code}.docx, {name} oder {id}",
                )
            )
            continue
        for area in chosen:
            copy = spec.model_copy(
                update={
                    "repeat": None,
                    "area": area.id,
                    "output": _file_name(spec.output, area),
                    "title": _fill(spec.title or "{name}", _area_words(area)),
                }
            )
            copy._origin = i
            expanded.append(copy)
    concept.project.documents = expanded
    return found


def repeat_kind(concept: Concept, kind: str) -> str:
    """``unit`` means the kind a Sozialraumanalyse rates; any other word is an area kind."""
    if kind == "unit" and concept.social_space is not None:
        return concept.social_space.unit
    return kind


def _area_words(area: Any) -> dict[str, str]:
    return {"code": area.code or area.id, "name": area.name, "id": area.id}


def _fill(text: str, words: dict[str, str]) -> str:
    """``{code}``, ``{name}`` and ``{id}`` in ``text`` replaced; any other braces stay as they are."""
    import re

    return re.sub(r"\{(code|name|id)\}", lambda m: words[m.group(1)], text)


def _file_name(pattern: str, area: Any) -> str:
    """``pattern`` with the area's code, name and id; characters a file name cannot hold become ``-``."""
    import re

    words = {k: re.sub(r'[/\\:*?"<>|\x00-\x1f]+', "-", v).strip(" .") for k, v in _area_words(area).items()}
    return _fill(pattern, words)


class _Designs:
    """The design checks of a project's own templates (``_design_findings``), kept in the project's
    cache by each template's content: the findings depend on template.docx and the table style only (and
    conceptgen's code: cache.code_fingerprint), so a check whose templates did not change neither reads
    them nor imports python-docx."""

    def __init__(self, root: Any):
        self.cache = Cache.of_project(root)
        self.code = code_fingerprint() if self.cache.folder is not None else ""

    def __call__(self, template: Template) -> list[Diagnostic]:
        table = template.config.styles.get("table", "Konzept Tabelle")
        key = self._key(template, table)
        stored = self.cache.get(key) if key is not None else None
        found = _decode(stored) if stored is not None else None
        if found is None:
            found, complete = _design_findings(template, table)
            if complete and key is not None:
                self.cache.put(key, json.dumps(found, ensure_ascii=False).encode("utf-8"))
        unsafe, design = found
        where = Location(relative(template.docx))
        located = [Location(f"{where}:{u[1]}") for u in unsafe]
        return [
            diagnostic(c, message, at, hint=hint)
            for (c, _part, message, hint), at in zip(unsafe, located, strict=True)
        ] + [diagnostic(code, message, where, hint=hint) for code, message, hint in design]

    def _key(self, template: Template, table: str) -> str | None:
        if self.cache.folder is None:
            return None
        content = read_regular(template.docx, MAX_ENTRY_BYTES)
        if content is None:
            return None
        return Cache.key("design", self.code, hashlib.sha256(content).hexdigest(), table)


def _decode(data: bytes) -> tuple[list, list] | None:
    try:
        unsafe, design = json.loads(data)
        return [tuple(u) for u in unsafe], [tuple(d) for d in design]
    except (ValueError, TypeError):
        return None


def _design_findings(template: Template, table: str) -> tuple[tuple[list, list], bool]:
    """A project's own template: what makes it unsafe or invalid (CG414–CG419, ooxml/safety.py), and its
    design: styles, alternative texts, header, contrast (CG410–CG413) — as (unsafe parts, design
    findings), and whether they are complete (not cut short by a template that could not be read)."""
    from conceptgen.template_design import package_findings, template_findings

    try:
        unsafe = [list(u) for u in package_findings(template.docx)]
    except Exception:  # not a zip: CG403, reported where it is rendered
        return ([], []), False
    if any(c == "CG414" for c, *_rest in unsafe):
        return (unsafe, []), True  # no parser reads a part with a DTD
    try:
        findings = template_findings(template.docx, table, concept=template.layout.has_body)
    except Exception:  # an unreadable template is CG403, reported where it is rendered
        return (unsafe, []), False
    return (unsafe, [list(f) for f in findings]), True
