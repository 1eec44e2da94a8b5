"""Where an edit landed in the rendered document: the paragraphs of the new .docx that differ from the
last one shown, and a piece of their text that LibreOffice can search for, so that the page with the
edit is exported (and drawn) before the rest of the document.

When the edit is one a loaded document can take as it is — one paragraph of plain text inserted after a
paragraph of the same properties, or the text of one run changed, everything else of the package the
same (bookmarks aside) — ``patch`` describes it, and the kept LibreOffice applies it to the document it
laid out last, which gives the page with the edit in a fraction of loading the new .docx (the whole new
.docx is converted after it all the same, and its page replaces this one).

The piece is taken from one run (``w:t``) of the first changed paragraph, cut at characters a search in
LibreOffice may not match as written (soft hyphens, tabs, zero-width spaces): what it finds is then that
very text. A wrong guess costs only the order: the early page is the new document's page at that place
either way.
"""

from __future__ import annotations

import functools
import re

from conceptgen.ooxml.package import BodyBlock, body_blocks, paragraph_runs

MIN_CHARS = 8  # shorter pieces find too many places
MAX_CHARS = 80
_ODD = re.compile("[\u00ad\u200b\u200c\u200d\u2011\ufeff\t\r\n]")


@functools.lru_cache(maxsize=2)  # the .docx shown and the new one: each read once
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


def patch(old: bytes, new: bytes) -> dict[str, str] | None:
    """The edit from ``old`` to ``new`` as one operation on a loaded document, or None when it is not
    one of the two kinds: ``{"kind": "insert", "after": text, "text": text}`` (a plain paragraph after
    the paragraph holding a run ``after``) or ``{"kind": "text", "old": text, "new": text}`` (one run's
    text). Each text to find is a whole run's, long enough and free of characters a search may miss."""
    before, after = _blocks(old), _blocks(new)
    if before is None or after is None or before[1] != after[1]:
        return None
    first, second = before[0], after[0]
    start = 0
    while start < min(len(first), len(second)) and first[start].xml == second[start].xml:
        start += 1
    end = 0
    while end < min(len(first), len(second)) - start and first[-1 - end].xml == second[-1 - end].xml:
        end += 1
    gone, came = first[start : len(first) - end], second[start : len(second) - end]
    if not gone and len(came) == 1 and start > 0:
        return _insert(second[start - 1], came[0])
    if len(gone) == 1 and len(came) == 1 and gone[0].shape == came[0].shape:
        runs = [(a, b) for a, b in zip(gone[0].texts, came[0].texts, strict=True) if a != b]
        if len(runs) == 1 and _findable(runs[0][0]) and _clean(runs[0][1]) and runs[0][1]:
            return {"kind": "text", "old": runs[0][0], "new": runs[0][1]}
    return None


@functools.lru_cache(maxsize=2)
def _blocks(docx: bytes) -> tuple[list[BodyBlock], dict[str, bytes]] | None:
    """body_blocks of the .docx shown and the new one: each read once (the new one is the next's old)."""
    return body_blocks(docx)


def _insert(before: BodyBlock, block: BodyBlock) -> dict[str, str] | None:
    if not (block.paragraph and block.plain and before.paragraph and before.ends_plain):
        return None
    if block.properties != before.properties or not _clean("".join(block.texts)):
        return None
    anchor = max((text for text in before.texts if _findable(text)), key=len, default="")
    if not anchor:
        return None
    return {"kind": "insert", "after": anchor, "text": "".join(block.texts)}


def _clean(text: str) -> bool:
    return not _ODD.search(text)


def _findable(text: str) -> bool:
    return len(text.strip()) >= MIN_CHARS and _clean(text)
