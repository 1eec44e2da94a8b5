"""conceptgen's Markdown dialect: the syntax every stage may need to recognise.

A :class:`Markdown` is a text with the location of its first line; the patterns name what conceptgen adds
to CommonMark: references (``@tab:x``), citations (``[@Q3]``), embeds (``[[table:x]]``), labels
(``[[sec:x]]``) and gender stars. Rules check texts with these patterns, the document stage hands
Markdown on, the render stage turns it into Word paragraphs (render/markdown.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from conceptgen.diagnostics import Location

# @tab:kennzahlen, @fig:entwicklung, @sec:massnahmen, @mass:1.2 — references to labelled things
REFERENCE = re.compile(r"@(tab|fig|sec|mass):([A-Za-z0-9ÄÖÜäöüß_.\-]*[A-Za-z0-9ÄÖÜäöüß_])")
# [@Q3], [@Q3, S. 12] or [@Q3; @Q4, S. 5] — citations of sources
CITATION = re.compile(
    r"\[(@[A-Za-z0-9ÄÖÜäöüß_.\-]+(?:,[^;\]\[]*)?(?:;\s*@[A-Za-z0-9ÄÖÜäöüß_.\-]+(?:,[^;\]\[]*)?)*)\]"
)
_CITED = re.compile(r"@([A-Za-z0-9ÄÖÜäöüß_.\-]+)(?:,\s*([^;]*\S))?")


def citation_items(match: re.Match[str]) -> list[tuple[str, str]]:
    """The (source id, locator) pairs of a citation match; the locator may be empty."""
    return [(m.group(1), m.group(2) or "") for m in _CITED.finditer(match.group(1))]


# [[table:id]] or [[chart:id]] as a paragraph of its own: embeds a data table or chart
EMBED = re.compile(r"\[\[(table|chart):([A-Za-z0-9ÄÖÜäöüß_.\-]+)\]\]")
# [[tab:label]] in a heading or caption of a template or Markdown text: defines a label
LABEL = re.compile(r"\s*\[\[((?:tab|fig|sec|mass):[A-Za-z0-9ÄÖÜäöüß_.\-]+)\]\]")

# a star between letters is a gender star (Vertreter*innen), never emphasis
GENDER_STAR = re.compile(r"(?<=[^\W\d_])\*(?=[^\W\d_])")

_INLINE_MARKUP = [
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\[\^[^\]]+\]"), ""),
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),
    (re.compile(r"(\*\*|__)(.+?)\1"), r"\2"),
    (re.compile(r"(\*|_)(.+?)\1"), r"\2"),
    (re.compile(r"`([^`]*)`"), r"\1"),
    (re.compile(r"^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+", re.M), ""),
]


@dataclass(frozen=True)
class Markdown:
    """A piece of Markdown with the location of its first line (for located errors)."""

    source: str
    location: Location | None = None

    def __bool__(self) -> bool:
        return bool(self.source.strip())

    @property
    def plain(self) -> str:
        """One line of plain text (markup removed), for table cells and short mentions."""
        text = GENDER_STAR.sub("\x00", self.source)
        for pattern, replacement in _INLINE_MARKUP:
            text = pattern.sub(replacement, text)
        return " ".join(text.replace("\x00", "*").split())

    @property
    def protected(self) -> str:
        """The source with gender stars escaped, as the Markdown parser must see it."""
        return GENDER_STAR.sub(r"\\*", self.source)

    def line_location(self, line: int) -> Location | None:
        """Location of ``line`` (0-based, within the text)."""
        if self.location is None:
            return None
        return Location(self.location.file, self.location.line + line, 1 if line else self.location.column)


@cache
def parser() -> Any:
    """The shared markdown-it parser: CommonMark + tables, strikethrough, footnotes, typographer."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    md = MarkdownIt("commonmark", {"typographer": True}).enable(["table", "strikethrough", "replacements"])
    return md.use(footnote_plugin)
