"""Runs, hyperlinks and paragraph properties of WordprocessingML text."""

from __future__ import annotations

from conceptgen.ooxml.base import PPR_ORDER, Element, element, insert_in_order, qn, sub


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
