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
# [[trend:K1]], [[compare:K2:52]], [[class:dynamik:westerfilde]], [[classes:status:hafen,nordmarkt]] inside
# a sentence: a phrase written from the data (document/phrases.py) — a trend, a comparison with a reference
# value, an area's class, several areas' classes as a clause („Hafen und Nordmarkt haben die Klasse …“)
_PHRASE_ARG = r"[A-Za-z0-9ÄÖÜäöüß_.,\-]+"
PHRASE = re.compile(rf"\[\[(trend|compare|classes|class):({_PHRASE_ARG}(?::{_PHRASE_ARG})*)\]\]")
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


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]#<>|])")
_ESCAPED = re.compile(r"\\([\\`*_\[\]#<>|])")  # what escape_markdown escaped


def escape_markdown(text: str) -> str:
    """``text`` with Markdown's special characters escaped, so that it is shown as written."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


@dataclass(frozen=True)
class Markdown:
    """A piece of Markdown with the location of its first line (for located errors)."""

    source: str
    location: Location | None = None

    def __bool__(self) -> bool:
        return bool(self.source.strip())

    @property
    def plain(self) -> str:
        """One line of plain text (markup removed), for table cells and short mentions; an escaped
        character („25,3\\*“ of a sample mark in a phrase) is shown as itself, never taken for markup."""
        escaped: list[str] = []

        def keep(match: re.Match[str]) -> str:
            escaped.append(match.group(1))
            return "\x01"

        text = _ESCAPED.sub(keep, GENDER_STAR.sub("\x00", self.source))
        for pattern, replacement in _INLINE_MARKUP:
            text = pattern.sub(replacement, text)
        text = " ".join(text.replace("\x00", "*").split())
        return re.sub("\x01", lambda _m: escaped.pop(0), text)

    @property
    def protected(self) -> str:
        """The source with gender stars escaped, as the Markdown parser must see it."""
        return GENDER_STAR.sub(r"\\*", self.source)

    def line_location(self, line: int) -> Location | None:
        """Location of ``line`` (0-based, within the text)."""
        if self.location is None:
            return None
        return Location(self.location.file, self.location.line + line, 1 if line else self.location.column)


class Located(str):
    """A plain YAML scalar that knows where it was written: a template shows it as any string, and the
    render stage wraps it in a review anchor (render/anchors.py). ``kind`` ``s``: the text as written;
    ``d``: a text derived from the value there (a period, an amount, a list joined)."""

    location: Location | None
    kind: str

    def __new__(cls, value: str, location: Location | None = None, kind: str = "s") -> Located:
        made = super().__new__(cls, value)
        made.location = location
        made.kind = kind
        return made

    def __reduce__(self) -> tuple[Any, ...]:  # documents render in other processes
        return (Located, (str(self), self.location, self.kind))


MAX_NESTING = 100  # levels of markdown-it tokens; a list nests two per level, a quote one


@cache
def parser() -> Any:
    """The shared markdown-it parser: CommonMark + tables, strikethrough, footnotes, typographer.

    Two departures from CommonMark, for German prose: a numbered list cannot interrupt a paragraph (a
    wrapped line that starts with „1. Fachtagung“ stays text; a list needs a blank line before it), and
    nesting is allowed to 100 levels (CommonMark's 20 would silently drop the rest of a text).
    """
    from markdown_it import MarkdownIt
    from markdown_it.rules_block.list import list_block
    from mdit_py_plugins.footnote import footnote_plugin

    def guarded_list(state: Any, start: int, end: int, silent: bool) -> bool:
        if silent and state.parentType == "paragraph" and state.listIndent == -1:
            first = state.src[state.bMarks[start] + state.tShift[start] : state.eMarks[start]]
            if first[:1].isdigit():  # an ordered list would interrupt a paragraph
                return False
        return list_block(state, start, end, silent)

    md = MarkdownIt("commonmark", {"typographer": True, "maxNesting": MAX_NESTING})
    md.enable(["table", "strikethrough", "replacements"])
    md.block.ruler.at("list", guarded_list, {"alt": ["paragraph", "reference", "blockquote"]})
    return md.use(footnote_plugin)


def too_deep(tokens: list[Any]) -> int | None:
    """The 0-based line where a text nests so deeply that markdown-it would stop reading it, or None."""
    for token in tokens:
        if token.level >= MAX_NESTING - 1:
            return token.map[0] if token.map else 0
    return None


def might_nest_deeply(text: str) -> bool:
    """A cheap test before parsing in ``check``: can any line of ``text`` nest near the limit?"""
    limit = MAX_NESTING - 10
    return any(len(line) - len(line.lstrip(" \t>-*+.)0123456789")) >= limit for line in text.splitlines())


def embed_lines(text: str) -> list[tuple[int, str, str, bool]]:
    """Every ``[[table:x]]``/``[[chart:x]]`` line of ``text``: (0-based line, kind, id, whether its
    paragraph holds nothing but embeds). An embed in a paragraph with other text is an error (CG116)."""
    lines = text.splitlines()
    found = []
    start = 0
    for end in [*[i for i, line in enumerate(lines) if not line.strip()], len(lines)]:
        block = lines[start:end]
        matches = [EMBED.fullmatch(line.strip()) for line in block]
        alone = all(matches) and bool(block)
        found += [(start + i, m.group(1), m.group(2), alone) for i, m in enumerate(matches) if m]
        start = end + 1
    return found
