"""Runs, hyperlinks and paragraph properties of WordprocessingML text."""

from __future__ import annotations

import re

from conceptgen.ooxml.base import PPR_ORDER, Element, element, insert_in_order, qn, sub

_BREAKS = re.compile(r"([\t\r\n])")
_SPACE = qn("xml:space")


def append_run(paragraph: Element, text: str, *, bold: bool = False, italic: bool = False,
               strike: bool = False) -> Element:  # fmt: skip
    """Append a ``w:r`` with ``text`` to ``paragraph`` — the XML python-docx's ``add_run(text)`` and its
    ``bold``/``italic``/``font.strike`` setters write (tabs as ``w:tab``, line breaks as ``w:br``, spaces
    kept where the text starts or ends with one), without building its proxy objects per character."""
    run = sub(paragraph, "w:r")
    if bold or italic or strike:
        properties = sub(run, "w:rPr")
        for on, tag in ((bold, "w:b"), (italic, "w:i"), (strike, "w:strike")):
            if on:
                sub(properties, tag)
    for piece in _BREAKS.split(text) if ("\t" in text or "\n" in text or "\r" in text) else (text,):
        if piece == "\t":
            sub(run, "w:tab")
        elif piece in ("\r", "\n"):
            sub(run, "w:br")
        elif piece:
            t = sub(run, "w:t")
            t.text = piece
            if len(piece.strip()) < len(piece):
                t.set(_SPACE, "preserve")
    return run


def set_paragraph_style(paragraph: Element, style_id: str) -> None:
    """Give ``paragraph`` (``w:p``) the style ``style_id`` — what python-docx's ``pPr.style = …`` writes
    (``w:pPr`` first in the paragraph, ``w:pStyle`` first in it), without its lookup machinery."""
    properties = paragraph.find(qn("w:pPr"))
    if properties is None:
        properties = paragraph.makeelement(qn("w:pPr"))
        paragraph.insert(0, properties)
    found = properties.find(qn("w:pStyle"))
    if found is None:
        found = insert_in_order(properties, properties.makeelement(qn("w:pStyle")), PPR_ORDER)
    found.set(qn("w:val"), style_id)


def text_run(text: str, style_id: str | None = None) -> Element:
    """A ``w:r`` with ``text`` (spaces kept) and optionally a character style."""
    run = element("w:r")
    if style_id:
        sub(sub(run, "w:rPr"), "w:rStyle", **{"w:val": style_id})
    t = sub(run, "w:t", **{"xml:space": "preserve"})
    t.text = text
    return run


def add_hyperlink(paragraph: Element, r_id: str, text: str, style_id: str | None = "Hyperlink") -> Element:
    """Append an external hyperlink (relationship ``r_id``) showing ``text`` to ``paragraph``."""
    link = sub(paragraph, "w:hyperlink", **{"r:id": r_id, "w:history": "1"})
    link.append(text_run(text, style_id))
    return link


def add_internal_link(paragraph: Element, anchor: str, text: str) -> Element:
    """Append a link to the bookmark ``anchor`` in the same document."""
    link = sub(paragraph, "w:hyperlink", **{"w:anchor": anchor, "w:history": "1"})
    link.append(text_run(text, "Hyperlink"))
    return link


def unlink(link: Element) -> None:
    """Replace a ``w:hyperlink`` by its runs, without their character style (plain text)."""
    for run in list(link):
        style = run.find(qn("w:rPr"))
        if style is not None:
            run.remove(style)
        link.addprevious(run)
    link.getparent().remove(link)


def set_numbering(ppr: Element, num_id: int, level: int) -> None:
    """Make the paragraph (properties ``ppr``) an item of list ``num_id`` at ``level`` (0-based)."""
    num_pr = ppr.find(qn("w:numPr"))
    if num_pr is not None:
        ppr.remove(num_pr)
    num_pr = element("w:numPr")
    sub(num_pr, "w:ilvl", **{"w:val": str(level)})
    sub(num_pr, "w:numId", **{"w:val": str(num_id)})
    insert_in_order(ppr, num_pr, PPR_ORDER)
