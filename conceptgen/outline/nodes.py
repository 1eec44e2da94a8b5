"""A resolved outline: its nodes in document order and the labels it defines."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from conceptgen.loading.yaml_loader import KeyPath

if TYPE_CHECKING:
    from conceptgen.outline.block import Block


@dataclass
class Node:
    """One entry of a resolved outline, in document order."""

    kind: str  # "heading", "text", "block" or "page_break"
    level: int  # a heading's level; for texts and blocks the level of the heading they stand under
    path: KeyPath = ()
    title: str = ""
    label: str | None = None
    numbered: bool = True
    number: str = ""
    text: str = ""  # the text's file name (after the document's own texts:)
    block: str = ""  # the block's name
    spec: Block | None = None  # the block itself (outline/block.py): every later stage asks it
    params: Any = None
    area: str | None = None  # the area a repeated section (or the document) is about
    new_page: bool = False  # a heading that begins a page (a repeated section after the first)


@dataclass
class DocumentOutline:
    """A document's resolved outline and the labels it defines (label → the number of the chapter or
    section it is in, e.g. ``5.2``, or an unnumbered heading's title in quotes)."""

    index: int
    output: str
    title: str
    nodes: list[Node] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)
    texts: set[str] = field(default_factory=set)  # the texts it shows
    mentioned: set[str] = field(default_factory=set)  # texts, tab:/fig: ids its outline names anywhere
    # labels a block declares that the template's snippet for it does not write: label → template (CG140)
    dropped: dict[str, str] = field(default_factory=dict)

    def headings(self) -> list[Node]:
        return [n for n in self.nodes if n.kind == "heading"]

    def keyed(self) -> list[tuple[str, Node]]:
        """Every node with its key (``n0``, ``n1`` …), by which the template context names it."""
        return [(f"n{i}", node) for i, node in enumerate(self.nodes)]


def external_labels(outlines: list[DocumentOutline | None], index: int) -> dict[str, tuple[str, str]]:
    """Labels that document ``index`` lacks but another document of the project has: label → (where it
    is in that document, that document's title). The first document that has it wins."""
    own = outlines[index]
    found: dict[str, tuple[str, str]] = {}
    for other in outlines:
        if other is None or other is own:
            continue
        for label, place in other.labels.items():
            if own is None or label not in own.labels:
                found.setdefault(label, (place, other.title))
    return found
