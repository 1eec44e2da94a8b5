"""Where the generated parts of a document are defined, for the review anchors (render/anchors.py): a
data table, analysis or chart → its entry in data.yaml or charts.yaml, a heading of the outline → its
title in the project's outline (a scalar) or the document's entry in project.yaml (a heading of the
concept type's outline, which the project does not spell out)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from conceptgen.diagnostics import Location
from conceptgen.loading import ProjectSource

if TYPE_CHECKING:
    from conceptgen.model import Concept
    from conceptgen.outline.nodes import DocumentOutline


@dataclass
class AnchorOptions:
    """The project's identity (written into the document, so that `review` refuses another project's
    file) and where generated parts are defined: ``table:<id>``, ``chart:<id>``, ``heading:<key>`` →
    (kind, location), kind ``s`` for a title written as it stands, ``g`` for anything generated."""

    project: str
    document: str
    sources: dict[str, tuple[str, Location]] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)  # the project's source files: an anchor names its index


@dataclass(frozen=True)
class DraftComment:
    """A comment of kommentare.yaml for the next draft: where it was made, what it said, the answer."""

    source: str  # file:line[:column], relative to the project folder
    heading: str  # who wrote it and when („Anna Amt, 5. März 2026“)
    text: str
    replies: tuple[str, ...]
    answer: str
    status: str


def draft_comments(concept: Concept, output: str, language: object) -> list[DraftComment]:
    """The open and answered comments of kommentare.yaml made in the document ``output`` (or in none
    named), as the next draft shows them (``render --comments``)."""
    found = []
    for comment in concept.comments:
        if comment.status.value not in ("offen", "beantwortet") or comment.document not in ("", output):
            continue
        when = language.date(comment.date) if comment.date else ""  # type: ignore[attr-defined]
        found.append(
            DraftComment(
                comment.source,
                ", ".join(part for part in (comment.author, when) if part),
                comment.text,
                tuple(f"{r.author}: {r.text}" if r.author else r.text for r in comment.replies),
                comment.answer or "",
                comment.status.value,
            )
        )
    return found


def project_identity(concept: Concept) -> str:
    """What names a project in its documents: title and client."""
    return f"{concept.project.title} · {concept.project.client}"


def anchor_options(
    concept: Concept,
    source: ProjectSource,
    output: str,
    origin: int,
    outline: DocumentOutline | None,
    files: list[str] | None = None,
) -> AnchorOptions:
    """The anchors' options for the document ``output`` (``origin``: its index in project.yaml);
    ``files``: source_files(source), when the caller has it already (a batch)."""
    sources: dict[str, tuple[str, Location]] = {}
    for section, prefix in (("tables", "table"), ("analyses", "table"), ("charts", "chart")):
        entries = source.data.get(section)
        if not isinstance(entries, list):
            continue
        for i, entry in enumerate(entries):
            if isinstance(entry, dict) and entry.get("id") is not None:
                sources.setdefault(f"{prefix}:{entry['id']}", ("g", source.locate((section, i))))
    document = source.locate(("project", "documents", origin))
    for key, node in outline.keyed() if outline is not None else []:
        if node.kind == "block":
            inside = bool(node.path) and node.path[0] in source.section_maps
            sources[f"block:{key}"] = ("g", source.locate(node.path) if inside else document)
        if node.kind != "heading":
            continue
        if not node.path or node.path[0] not in source.section_maps:
            sources[f"heading:{key}"] = ("g", document)
            continue
        item = _item(source, node.path)
        word = "chapter" if isinstance(item, dict) and "chapter" in item else "section"
        written = item.get(word) if isinstance(item, dict) else None
        as_written = written == node.title and node.area is None
        sources[f"heading:{key}"] = ("s" if as_written else "g", source.locate((*node.path, word)))
    files = source_files(source) if files is None else files
    return AnchorOptions(project_identity(concept), output, sources, files)


def source_files(source: ProjectSource) -> list[str]:
    """The project's YAML files and texts, relative to its folder, sorted: the same list on every
    render of the same folder, so that `review` can rebuild it when a returned file lost its
    properties (Word's document inspector removes them)."""
    from pathlib import Path

    root = source.root.resolve()
    names = set()
    for display in [m.file for m in source.section_maps.values()] + [
        t.display for t in source.texts.values()
    ]:
        try:
            names.add((Path.cwd() / display).resolve().relative_to(root).as_posix())
        except ValueError:
            continue
    return sorted(names)


def _item(source: ProjectSource, path: tuple) -> object:
    value: object = source.data
    for step in path:
        try:
            value = value[step]  # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            return None
    return value
