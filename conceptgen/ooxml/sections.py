"""Page, header and footer of a client's design in a template: page size and margins (the template's
fixed-width tables scaled to the new text width), the client's header and footer with their pictures,
page numbers where the footer has none; and what ``check`` reads from any template — pictures in header
and footer without alternative text, a header taller than the top margin."""

from __future__ import annotations

import copy
import io
from dataclasses import dataclass
from typing import Any

from conceptgen.ooxml.base import WP, Element, qn, sub
from conceptgen.ooxml.fields import field_runs
from conceptgen.ooxml.text import text_run

Document = Any  # a python-docx Document
EMU_PER_TWIP = 635
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _sections(document: Document) -> list[Element]:
    return list(document.element.body.iter(qn("w:sectPr")))


def copy_page(target: Document, source: Document) -> float:
    """Page size, orientation and margins of the client's first section on every section of the
    template; returns the factor by which the text width changed."""
    before = text_width(target)
    src = source.sections[0]._sectPr
    for name in ("pgSz", "pgMar"):
        new = src.find(qn(f"w:{name}"))
        if new is None:
            continue
        for sect in _sections(target):
            old = sect.find(qn(f"w:{name}"))
            if old is not None:
                old.getparent().replace(old, copy.deepcopy(new))
    return text_width(target) / before if before else 1.0


def text_width(document: Document) -> int:
    section = document.sections[0]
    return int(section.page_width - section.left_margin - section.right_margin)


def scale_tables(document: Document, factor: float) -> int:
    """Widths of the template's tables (grid, cells, table) in twips times ``factor``: the snippets
    stay within the client's text width."""
    count = 0
    if abs(factor - 1) < 0.001:
        return 0
    for table in document.element.body.iter(qn("w:tbl")):
        for node in table.iter(qn("w:gridCol"), qn("w:tcW"), qn("w:tblW")):
            value = node.get(qn("w:w"))
            if value and node.get(qn("w:type")) in (None, "dxa"):
                node.set(qn("w:w"), str(int(int(value) * factor)))
        count += 1
    return count


def _story(document: Document, kind: str) -> Any:
    """The default header or footer of the first section (python-docx proxy), None if linked/absent."""
    section = document.sections[0]
    story = section.header if kind == "header" else section.footer
    return None if story.is_linked_to_previous else story


def copy_story(target: Document, source: Document, kind: str) -> int:
    """The client's default header (``kind="header"``) or footer replaces the template's: paragraphs,
    tables and pictures (each picture copied into the template with a new relationship). Returns the
    number of pictures; -1 when the client has none (the template's stays)."""
    new = _story(source, kind)
    old = target.sections[0].header if kind == "header" else target.sections[0].footer
    if new is None:
        return -1
    old_root, new_root = old._element, new._element
    for child in list(old_root):
        old_root.remove(child)
    pictures = 0
    for child in new_root:
        clone = copy.deepcopy(child)
        for blip in clone.iter(qn("a:blip")):
            rid = blip.get(f"{{{R_NS}}}embed")
            part = new.part.related_parts.get(rid)
            if part is None:
                continue
            new_rid, _image = old.part.get_or_add_image(io.BytesIO(part.blob))
            blip.set(f"{{{R_NS}}}embed", new_rid)
            pictures += 1
        for node in clone.iter():  # other relationships (hyperlinks …) are not carried over
            for attr in [a for a in node.attrib if a.startswith(f"{{{R_NS}}}") and a != f"{{{R_NS}}}embed"]:
                del node.attrib[attr]
        old_root.append(clone)
    return pictures


def has_page_number(root: Element) -> bool:
    text = " ".join(t.text or "" for t in root.iter(qn("w:instrText")))
    simple = [f.get(qn("w:instr")) or "" for f in root.iter(qn("w:fldSimple"))]
    return "PAGE" in text or any("PAGE" in s for s in simple)


def add_page_numbers(document: Document, style_id: str, words: tuple[str, str] = ("Seite", "von")) -> None:
    """Append „Seite X von Y“ right-aligned to the default footer (PAGE and NUMPAGES fields)."""
    footer = document.sections[0].footer._element
    paragraph = sub(footer, "w:p")
    ppr = sub(paragraph, "w:pPr")
    sub(ppr, "w:pStyle", **{"w:val": style_id})
    sub(ppr, "w:jc", **{"w:val": "right"})
    paragraph.append(text_run(f"{words[0]} "))
    for run in field_runs("PAGE", "1"):
        paragraph.append(run)
    paragraph.append(text_run(f" {words[1]} "))
    for run in field_runs("NUMPAGES", "1"):
        paragraph.append(run)


@dataclass(frozen=True)
class Picture:
    story: str  # header or footer
    name: str
    description: str
    height_emu: int


def pictures(document: Document) -> list[Picture]:
    """Every picture of the template's headers and footers, with its alternative text."""
    found = []
    for rel in document.part.rels.values():
        if rel.is_external or not rel.reltype.endswith(("/header", "/footer")):
            continue
        story = "header" if rel.reltype.endswith("/header") else "footer"
        for doc_pr in rel.target_part.element.iter(f"{{{WP}}}docPr"):
            extent = doc_pr.getparent().find(f"{{{WP}}}extent")
            height = int(extent.get("cy")) if extent is not None else 0
            description = (doc_pr.get("descr") or "").strip()
            found.append(Picture(story, doc_pr.get("name") or "", description, height))
    return found


def header_overlap(document: Document) -> tuple[int, int]:
    """(estimated height of the default header from the page's top edge, top margin), in twips: the
    header distance plus each paragraph's tallest picture or line (line = 1.2 × its largest font)."""
    section = document.sections[0]
    header = _story(document, "header")
    top = int(section.top_margin or 0) // EMU_PER_TWIP
    if header is None:
        return 0, top
    height = int(section.header_distance or 0) // EMU_PER_TWIP
    for paragraph in header._element.iter(qn("w:p")):
        extents = [int(e.get("cy")) // EMU_PER_TWIP for e in paragraph.iter(f"{{{WP}}}extent")]
        tallest = max(extents, default=0)
        sizes = [int(v) for s in paragraph.iter(qn("w:sz")) if (v := s.get(qn("w:val"), "")).isdigit()]
        line = int(max(sizes, default=20) * 10 * 1.2)  # half-points → twips
        height += max(tallest, line)
    return height, top


def clear_body(document: Document) -> None:
    """Remove everything from the body but its final section properties."""
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


__all__ = [
    "Picture",
    "add_page_numbers",
    "clear_body",
    "copy_page",
    "copy_story",
    "has_page_number",
    "header_overlap",
    "pictures",
    "scale_tables",
    "text_width",
]
