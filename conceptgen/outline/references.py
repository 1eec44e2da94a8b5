"""Labels and references of resolved outlines: which labels a text defines, how headings are numbered
(Markdown headings and block headings count too), what no document uses, and references that no
document defines."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from conceptgen.diagnostics import Diagnostic, Location, diagnostic
from conceptgen.loading import ProjectSource
from conceptgen.loading.yaml_loader import format_path
from conceptgen.markup import EMBED, LABEL
from conceptgen.model import Concept
from conceptgen.outline.block import Block
from conceptgen.outline.nodes import DocumentOutline, Node

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
# What an item shows as, by its label's prefix, in German (CG118): an analysis is shown as a table
_SHOWN = {"fig": "Diagramm", "tab": "Tabelle"}


Place = tuple[str, str, Node]  # label, where it is („5.2“ or „„Titel““ of an unnumbered heading), node


def markdown_entries(text: str) -> list[tuple[str, int, str | None]]:
    """What a Markdown text writes that counts for labels, in order: ("heading", level, label or None)
    for each heading, ("label", 0, label) for a labelled caption or an embedded table or chart."""
    found: list[tuple[str, int, str | None]] = []
    fenced = False
    for line in text.splitlines():
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if fenced:
            continue
        heading = _MD_HEADING.match(line)
        labels = [m.group(1) for m in LABEL.finditer(line)]
        if heading:
            found.append(("heading", len(heading.group(1)), labels[0] if labels else None))
            labels = labels[1:]
        found += [("label", 0, label) for label in labels]
        embed = EMBED.fullmatch(line.strip())
        if embed:
            found.append(("label", 0, f"{'tab' if embed.group(1) == 'table' else 'fig'}:{embed.group(2)}"))
    return found


def text_labels(text: str) -> list[str]:
    """Labels a Markdown text defines: in headings and captions (``[[sec:x]]``), by its embeds."""
    return [label for _kind, _level, label in markdown_entries(text) if label]


def number(
    document: DocumentOutline, concept: Concept, source: ProjectSource, data: Any = None
) -> list[Place]:
    """Number the outline's headings as Word will (Markdown headings and block headings count too);
    returns every label with the number of the chapter or section it is in."""
    counters = [0] * 9
    places: list[Place] = []
    current = ""

    def count(level: int) -> str:
        level = min(max(level, 1), 9)
        counters[level - 1] += 1
        counters[level:] = [0] * (9 - level)
        return ".".join(str(c) for c in counters[:level])

    for node in document.nodes:
        if node.kind == "heading":
            node.number = count(node.level) if node.numbered else ""
            current = node.number or f"„{node.title}“"
            if node.label:
                places.append((f"sec:{node.label}", current, node))
            continue
        if node.kind == "text":
            entries = [
                (kind, node.level - 1 + level, label)
                for kind, level, label in markdown_entries(source.texts[node.text].content)
            ]
        elif node.kind == "block" and node.spec is not None:
            entries = [
                (kind, node.level + 1, label)
                for kind, label in node.spec.entries_with(concept, data, node.params)
            ]
        else:
            continue
        for kind, level, label in entries:
            if kind == "heading":
                current = count(level)
            if label:
                places.append((label, current, node))
    return places


def unused(
    concept: Concept,
    source: ProjectSource,
    outlines: list[DocumentOutline | None],
    blocks: Iterable[Block] = (),
) -> list[Diagnostic]:
    """Texts, charts, tables and analyses that no outline places (only when every document has one);
    ``blocks``: the blocks that may place them (named in the hint)."""
    if any(o is None for o in outlines) or not outlines:
        return []
    mentioned = set().union(*(o.mentioned for o in outlines if o))
    embedded = {
        label
        for name in mentioned
        if name in source.texts
        for label in text_labels(source.texts[name].content)
    }
    embedded |= mentioned
    found = []
    for name, text in source.texts.items():
        if name not in mentioned:
            found.append(
                diagnostic(
                    "CG117",
                    f"text/{name}.md wird von keinem Dokument verwendet",
                    Location(text.display),
                    hint=f"in eine Gliederung setzen (text: {name}) oder löschen",
                )
            )
    for block in blocks:
        if block.shows is None:
            continue
        key, kind, word = block.shows.collection, block.shows.prefix, block.shows.kind
        for i, item in enumerate(getattr(concept, key)):
            if f"{kind}:{item.id}" not in embedded:
                found.append(
                    diagnostic(
                        "CG118",
                        f"{_SHOWN.get(kind, word)} „{item.id}“ wird in keinem Dokument gezeigt",
                        source.locate((key, i, "id")),
                        key_path=format_path((key, i)),
                        hint=f"in einem Text als [[{'chart' if kind == 'fig' else 'table'}:{item.id}]] "
                        f"einbetten oder einen Baustein (`block: {word}, id: {item.id}`) in eine "
                        "Gliederung setzen",
                    )
                )
    return found
