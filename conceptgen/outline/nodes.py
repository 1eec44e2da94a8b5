"""A resolved outline: its nodes in document order and the labels it defines."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from conceptgen.loading.yaml_loader import KeyPath


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
    block: str = ""
    params: Any = None


@dataclass
class DocumentOutline:
    """A document's resolved outline and the labels it defines (label → how a reference shows it)."""

    index: int
    output: str
    title: str
    nodes: list[Node] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)
    texts: set[str] = field(default_factory=set)

    def headings(self) -> list[Node]:
        return [n for n in self.nodes if n.kind == "heading"]
