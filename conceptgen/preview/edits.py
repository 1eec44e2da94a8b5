"""Where an edit landed in the rendered document: the paragraphs of the new .docx that differ from the
last one shown, and a piece of their text that LibreOffice can search for, so that the page with the
edit is exported (and drawn) before the rest of the document.

The piece is taken from one run (``w:t``) of the first changed paragraph, cut at characters a search in
LibreOffice may not match as written (soft hyphens, tabs, zero-width spaces): what it finds is then that
very text. A wrong guess costs only the order: the early page is the new document's page at that place
either way.
"""

from __future__ import annotations

import re

from conceptgen.ooxml.package import paragraph_runs

MIN_CHARS = 8  # shorter pieces find too many places
MAX_CHARS = 80
_ODD = re.compile("[\u00ad\u200b\u200c\u200d\u2011\ufeff\t\r\n]")


def paragraphs(docx: bytes) -> list[list[str]]:
    """The texts of the runs of each paragraph of the document's body (tables' cells included), in order;
    [] for a .docx that cannot be read."""
    return paragraph_runs(docx)


def changed(old: list[list[str]], new: list[list[str]]) -> list[list[str]]:
    """The paragraphs of ``new`` between the longest common beginning and end with ``old``; when the edit
    only removed paragraphs, the one after the gap (where the text closed up)."""
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end = 0
    while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
        end += 1
    found = new[start : len(new) - end]
    if not found and start < len(new) and old != new:
        found = [new[start]]
    return found


def search_text(old: list[list[str]], new: list[list[str]]) -> str | None:
    """A piece of the edited text to find its page by: the longest clean stretch of a run of the first
    changed paragraph that has one of ``MIN_CHARS`` characters (None: no such paragraph)."""
    for runs in changed(old, new):
        pieces = [piece.strip() for run in runs for piece in _ODD.split(run)]
        longest = max(pieces, key=len, default="")
        if len(longest) >= MIN_CHARS:
            return _cut(longest)
    return None


def _cut(text: str) -> str:
    if len(text) <= MAX_CHARS:
        return text
    cut = text[:MAX_CHARS]
    space = cut.rfind(" ")
    return cut[:space] if space >= MIN_CHARS else cut
