"""What one document's rendering collects besides its XML: references, footnotes, citations, problems."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from conceptgen.diagnostics import Diagnostic, Location


@dataclass
class Reference:
    """A reference in the text (``@tab:x``), resolved once all labels are known."""

    kind: str
    label: str
    key: str  # placeholder bookmark name in the field instruction or link anchor
    location: Location | None
    bare: bool = False  # the text names the word already („Tabelle @tab:x“): the number alone


@dataclass
class Citation:
    """How a source is cited in the text and listed in the bibliography."""

    short: str


@dataclass
class RenderState:
    """What one document's Markdown rendering produced besides the XML."""

    footnotes: list[Any] = field(default_factory=list)  # w:footnote elements
    references: list[Reference] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)
    cited: set[str] = field(default_factory=set)
    # paragraphs built by code that carry a label (a data table's or chart's caption): paragraph → label
    labels: dict[Any, str] = field(default_factory=dict)
    # the blocks a template inserts with {{p value }}: placeholder key → elements
    slots: dict[str, list[Any]] = field(default_factory=dict)
