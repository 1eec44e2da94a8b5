"""Labels and references of resolved outlines: which labels a text defines, how headings are numbered
(Markdown headings and block headings count too), what no document uses, and references that no
document defines."""

from __future__ import annotations

import re
from typing import Any

from conceptgen.diagnostics import Diagnostic, Location, diagnostic, did_you_mean
from conceptgen.loading import ProjectSource
from conceptgen.loading.yaml_loader import format_path
from conceptgen.markup import EMBED, LABEL, REFERENCE
from conceptgen.model import Concept
from conceptgen.outline.catalogue import BLOCKS
from conceptgen.outline.nodes import DocumentOutline, Node
from conceptgen.terms import Terms

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")


def shown(label: str, terms: Terms) -> str:
    kind, _, name = label.partition(":")
    if kind == "mass":
        return f"{terms['ref.mass']} {name}"
    if kind in ("tab", "fig"):
        return terms[f"caption.{kind}"]
    return terms["ref.sec"]


def text_labels(text: str) -> list[str]:
    """Labels a Markdown text defines: in headings and captions (``[[sec:x]]``), by its embeds."""
    found = [m.group(1) for m in LABEL.finditer(text)]
    for line in text.splitlines():
        embed = EMBED.fullmatch(line.strip())
        if embed:
            found.append(f"{'tab' if embed.group(1) == 'table' else 'fig'}:{embed.group(2)}")
    return found


def markdown_headings(text: str) -> list[int]:
    """The levels of a Markdown text's headings (outside code blocks)."""
    levels, fenced = [], False
    for line in text.splitlines():
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced and (match := _MD_HEADING.match(line)):
            levels.append(len(match.group(1)))
    return levels


def number(document: DocumentOutline, concept: Concept, source: ProjectSource) -> None:
    """Number the outline's headings as Word will: Markdown headings and block headings count too."""
    counters = [0] * 9

    def count(level: int) -> str:
        counters[level - 1] += 1
        counters[level:] = [0] * (9 - level)
        return ".".join(str(c) for c in counters[:level])

    for node in document.nodes:
        if node.kind == "heading":
            node.number = count(node.level) if node.numbered else ""
        elif node.kind == "text":
            for md_level in markdown_headings(source.texts[node.text].content):
                level = node.level - 1 + md_level
                if 1 <= level <= 9:
                    count(level)
        elif node.kind == "block":
            for _ in range(BLOCKS[node.block].headings(concept, node.params)):
                count(node.level + 1)


def unused(
    concept: Concept, source: ProjectSource, outlines: list[DocumentOutline | None]
) -> list[Diagnostic]:
    """Texts, charts and tables that no document shows (only when every document has an outline)."""
    if any(o is None for o in outlines) or not outlines:
        return []
    used_texts = set().union(*(o.texts for o in outlines if o))
    embedded = set()
    for name in used_texts:
        embedded |= set(text_labels(source.texts[name].content))
    for outline in outlines:
        embedded |= {label for node in outline.nodes if node.kind == "block" for label in _block_refs(node)}
    found = []
    for name, text in source.texts.items():
        if name not in used_texts:
            found.append(
                diagnostic(
                    "CG117",
                    f"text/{name}.md is not used by any document",
                    Location(text.display),
                    hint="place it in an outline with text: " + name + ", or delete it",
                )
            )
    for key, kind, items in (("charts", "fig", concept.charts), ("tables", "tab", concept.tables)):
        for i, item in enumerate(items):
            if f"{kind}:{item.id}" not in embedded:
                found.append(
                    diagnostic(
                        "CG118",
                        f"{key[:-1]} '{item.id}' is not shown in any document",
                        source.locate((key, i, "id")),
                        key_path=format_path((key, i)),
                        hint=f"embed it in a text as [[{key[:-1]}:{item.id}]] or place a block {key[:-1]}",
                    )
                )
    return found


def _block_refs(node: Node) -> list[str]:
    return [
        f"{'fig' if kind == 'chart' else 'tab'}:{ident}"
        for kind, ident in BLOCKS[node.block].references(node.params)
    ]


def check_references(
    concept: Concept, source: ProjectSource, outlines: list[DocumentOutline | None], templates: list[Any]
) -> list[Diagnostic]:
    """CG110 for a reference in a document's text that no document defines (measures excepted: a measure
    of the project that a document does not show is named as text)."""
    everywhere = {label for o in outlines if o for label in o.labels}
    measures = {m.id for m in concept.measures} | {t.id for m in concept.measures for t in m.tasks}
    found = []
    for outline, template in zip(outlines, templates, strict=True):
        if outline is None:
            continue
        for name in sorted(outline.texts):
            text = source.texts[name]
            for match in REFERENCE.finditer(text.content):
                label = f"{match.group(1)}:{match.group(2)}"
                if label in everywhere or (match.group(1) == "mass" and match.group(2) in measures):
                    continue
                if template is not None and template.layout.defines(label):
                    continue
                line = text.content.count("\n", 0, match.start()) + 1
                known = [k for k in everywhere if k.startswith(match.group(1) + ":")]
                found.append(
                    diagnostic(
                        "CG110",
                        f"reference to unknown label '{label}' (in {outline.output})",
                        Location(
                            text.display, line, match.start() - text.content.rfind("\n", 0, match.start())
                        ),
                        hint=did_you_mean(label, known) or f"known: {', '.join(sorted(known)[:8])}",
                    )
                )
    return found
