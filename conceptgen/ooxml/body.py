"""Queries and edits on the document body (``w:body``) that numbering, references and indexes need."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from conceptgen.ooxml.base import Element, element, qn, sub, text_of

_EMPTY_UNLESS = tuple(
    qn(tag)
    for tag in (
        "w:drawing",
        "w:fldChar",
        "w:br",
        "w:sectPr",
        "w:bookmarkStart",
        "w:footnoteReference",
        "w:tab",
    )
)


def body(document: Any) -> Element:
    """The ``w:body`` of a python-docx Document."""
    return document.element.body


def text_width_emu(document: Any) -> int:
    """The width of the text between the page margins (of the first section), in EMU."""
    section = document.sections[0]
    return section.page_width - section.left_margin - section.right_margin


def stories(document: Any) -> list[Element]:
    """The roots of the document's text: the body, then every header and footer."""
    parts = [
        rel.target_part.element
        for rel in document.part.rels.values()
        if rel.reltype.endswith(("/header", "/footer")) and not rel.is_external
    ]
    return [document.element.body, *parts]


def scratch_body(document: Any) -> Any:
    """An empty, detached body (python-docx proxy) of ``document``, to build blocks in."""
    from docx.document import _Body

    return _Body(element("w:body"), document._body._parent)


def append_paragraph(body: Element) -> Element:
    """A new, empty ``w:p`` at the end of ``body`` (a scratch body: no section properties to keep last)."""
    return sub(body, "w:p")


def tables(root: Element) -> list[Element]:
    """The tables directly in ``root`` (not tables inside table cells)."""
    return root.findall(qn("w:tbl"))


def is_paragraph(node: Element) -> bool:
    return node.tag == qn("w:p")


def is_table(node: Element) -> bool:
    return node.tag == qn("w:tbl")


def is_section_properties(node: Element) -> bool:
    return node.tag == qn("w:sectPr")


def paragraphs(root: Element) -> Iterator[Element]:
    """Every paragraph below ``root``, tables and their cells included."""
    return root.iter(qn("w:p"))


def top_paragraphs(root: Element) -> Iterator[Element]:
    """The paragraphs that are direct children of ``root``."""
    return root.iterchildren(qn("w:p"))


def paragraph_style_id(paragraph: Element) -> str | None:
    """The style id of a paragraph, or None (the default paragraph style)."""
    ppr = paragraph.find(qn("w:pPr"))
    style = ppr.find(qn("w:pStyle")) if ppr is not None else None
    return style.get(qn("w:val")) if style is not None else None


def has_drawing(node: Element) -> bool:
    return node.find(".//" + qn("w:drawing")) is not None


def is_empty(paragraph: Element) -> bool:
    """No text, no picture, no field, no break, no section properties, no bookmark, no tab."""
    if text_of(paragraph).strip():
        return False
    return not any(paragraph.find(".//" + tag) is not None for tag in _EMPTY_UNLESS)


def cut(paragraph: Element, pattern: re.Pattern[str]) -> str:
    """Remove every match of ``pattern`` from the paragraph's text runs; return the last match's
    first group ('' when nothing matched). Used for ``[[kind:label]]`` markers."""
    found = ""
    for t in paragraph.iter(qn("w:t")):
        if t.text and "[[" in t.text:
            match = pattern.search(t.text)
            if match:
                found = match.group(1)
                t.text = pattern.sub("", t.text)
    return found


def insert_runs_before_text(paragraph: Element, runs: list[Element]) -> int:
    """Insert ``runs`` where the paragraph's text begins: after its properties, after a picture and the
    line break behind it. Returns the position of the first inserted run among the paragraph's content
    (its children other than the properties)."""
    content = [c for c in paragraph if c.tag != qn("w:pPr")]
    start = 0
    for index, child in enumerate(content):
        if child.find(qn("w:drawing")) is not None or child.find(qn("w:br")) is not None:
            start = index + 1
        elif child.find(qn("w:t")) is not None:
            break
    anchor = content[start - 1] if start else paragraph.find(qn("w:pPr"))
    for run in runs:
        if anchor is None:
            paragraph.insert(0, run)
        else:
            anchor.addnext(run)
        anchor = run
    return start


SLOT_PREFIX = "cgslot"


def slot_paragraph(key: str) -> str:
    """The XML of a placeholder paragraph that :func:`fill_slots` later replaces by the elements stored
    under ``key`` (a template's ``{{p value }}`` inserts it where the value goes)."""
    return f"<w:p><w:r><w:t>{key}</w:t></w:r></w:p>"


def fill_slots(root: Element, slots: dict[str, list[Element]]) -> None:
    """Replace every placeholder paragraph below ``root`` by its stored elements (moved, not copied)."""
    found = [t for t in root.iter(qn("w:t")) if t.text and t.text.startswith(SLOT_PREFIX) and t.text in slots]
    for t in found:
        paragraph = next(t.iterancestors(qn("w:p")))
        for child in slots.pop(t.text):
            paragraph.addprevious(child)
        remove(paragraph)


def keep_introductions_with_next(root: Element) -> None:
    """A paragraph that ends with a colon introduces what follows (a list, a table): keep them together."""
    for paragraph in top_paragraphs(root):
        if text_of(paragraph).rstrip().endswith(":"):
            paragraph.get_or_add_pPr().keepNext_val = True


def remove(node: Element) -> None:
    node.getparent().remove(node)


def clear(node: Element) -> None:
    """Drop every child of ``node`` (its text and attributes too; a body about to be replaced)."""
    node.clear()


def internal_links(root: Element) -> list[Element]:
    """Every ``w:hyperlink`` below ``root`` that points at a bookmark (``w:anchor``)."""
    return [link for link in root.iter(qn("w:hyperlink")) if link.get(qn("w:anchor")) is not None]


def link_anchor(link: Element) -> str | None:
    return link.get(qn("w:anchor"))


def set_link_anchor(link: Element, anchor: str) -> None:
    link.set(qn("w:anchor"), anchor)


__all__ = [
    "body",
    "cut",
    "has_drawing",
    "insert_runs_before_text",
    "internal_links",
    "is_empty",
    "is_paragraph",
    "is_section_properties",
    "is_table",
    "link_anchor",
    "paragraph_style_id",
    "paragraphs",
    "remove",
    "scratch_body",
    "set_link_anchor",
    "text_of",
    "top_paragraphs",
]
