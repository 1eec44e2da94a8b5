"""Taking a template apart and putting a document together: the place of the outline (``{{p body }}``),
the block library (``[[blocks]]`` followed by ``[[block:name]]`` snippets), copies of snippets with their
heading levels moved, tag paragraphs and page breaks."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable

from conceptgen.ooxml.base import Element, element, qn, sub, text_of
from conceptgen.ooxml.text import set_numbering

BODY = re.compile(r"^\{\{p\s+body\s*\}\}$")
LIBRARY = "[[blocks]]"
SNIPPET = re.compile(r"^\[\[block:([a-z_]+)\]\]$")


def body_paragraph(body: Element) -> Element | None:
    """The paragraph ``{{p body }}`` where a document's outline goes, or None."""
    return next(
        (p for p in body.iterchildren(qn("w:p")) if BODY.match(text_of(p).strip())),
        None,
    )


def cut_library(body: Element) -> dict[str, list[Element]]:
    """Remove the block library (from the paragraph ``[[blocks]]`` to the end of the body) and return its
    snippets by name: the elements after each ``[[block:name]]`` paragraph up to the next one."""
    children = [c for c in body.iterchildren() if c.tag != qn("w:sectPr")]
    start = next(
        (i for i, c in enumerate(children) if c.tag == qn("w:p") and text_of(c).strip() == LIBRARY),
        None,
    )
    if start is None:
        return {}
    snippets: dict[str, list[Element]] = {}
    current: list[Element] | None = None
    for child in children[start:]:
        name = SNIPPET.match(text_of(child).strip()) if child.tag == qn("w:p") else None
        if name:
            current = snippets.setdefault(name.group(1), [])
        elif current is not None and child is not children[start]:
            current.append(child)
        body.remove(child)
    return snippets


def snippet_copy(elements: list[Element], heading_style: Callable[[str | None], str | None]) -> list[Element]:
    """Deep copies of a snippet's elements, each paragraph's style id passed through ``heading_style``
    (which moves a heading by the levels of the block's place and leaves other styles as they are)."""
    copies = [copy.deepcopy(e) for e in elements]
    for root in copies:
        for paragraph in root.iter(qn("w:p")):
            style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
            if style is None:
                continue
            moved = heading_style(style.get(qn("w:val")))
            if moved:
                style.set(qn("w:val"), moved)
    return copies


def tag_paragraph(tag: str) -> Element:
    """A paragraph holding only a template tag (``{%p with … %}``, ``{{p … }}``)."""
    paragraph = element("w:p")
    text = sub(sub(paragraph, "w:r"), "w:t")
    text.text = tag
    return paragraph


def page_break_paragraph() -> Element:
    """An empty paragraph with a page break."""
    paragraph = element("w:p")
    sub(sub(paragraph, "w:r"), "w:br", **{"w:type": "page"})
    return paragraph


def unnumber(paragraph: Element) -> None:
    """Take a heading out of the outline numbering (``w:numId w:val="0"``), keeping its style."""
    set_numbering(paragraph.get_or_add_pPr(), 0, 0)


def is_unnumbered(paragraph: Element) -> bool:
    """True for a paragraph taken out of the numbering with ``w:numId w:val="0"``."""
    num = paragraph.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
    return num is not None and num.get(qn("w:val")) == "0"
