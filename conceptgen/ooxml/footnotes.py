"""The footnotes part: created with Word's separators when missing; footnote elements and references."""

from __future__ import annotations

from typing import Any

from lxml import etree

from conceptgen.ooxml.base import SETTINGS_ORDER, Element, element, insert_in_order, qn, sub
from conceptgen.ooxml.text import text_run

_FOOTNOTES_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
    'w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
    'w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
    "</w:footnotes>"
)


def _existing_part(document: Any) -> Any:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    for rel in document.part.rels.values():
        if rel.reltype == RT.FOOTNOTES:
            return rel.target_part
    return None


def footnotes_part(document: Any) -> Any:
    """The document's footnotes part, created (with Word's separator footnotes) when missing."""
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    part = _existing_part(document)
    if part is not None:
        return part
    part = Part(
        PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, _FOOTNOTES_XML.encode(), document.part.package
    )
    document.part.relate_to(part, RT.FOOTNOTES)
    settings = document.settings.element
    if settings.find(qn("w:footnotePr")) is None:
        pr = element("w:footnotePr")
        sub(pr, "w:footnote", **{"w:id": "-1"})
        sub(pr, "w:footnote", **{"w:id": "0"})
        insert_in_order(settings, pr, SETTINGS_ORDER)
    return part


def next_footnote_id(document: Any) -> int:
    """The first footnote id not used by the template's footnotes part (1 without one)."""
    part = _existing_part(document)
    if part is None:
        return 1
    root = etree.fromstring(part.blob)
    ids = [int(note.get(qn("w:id"))) for note in root.iter(qn("w:footnote"))]
    return max(ids, default=0) + 1


def append_footnotes(document: Any, footnotes: list[Element]) -> None:
    """Append ``w:footnote`` elements to the document's footnotes part."""
    if not footnotes:
        return
    part = footnotes_part(document)
    root = etree.fromstring(part.blob)
    root.extend(footnotes)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def footnote_reference_run(footnote_id: int, style_id: str) -> Element:
    """The run placed in the text where footnote ``footnote_id`` is referenced."""
    run = element("w:r")
    sub(sub(run, "w:rPr"), "w:rStyle", **{"w:val": style_id})
    sub(run, "w:footnoteReference", **{"w:id": str(footnote_id)})
    return run


def footnote_element(footnote_id: int, paragraphs: list[Element], ref_style_id: str) -> Element:
    """A ``w:footnote`` holding ``paragraphs``; the first starts with the footnote mark."""
    note = element("w:footnote", **{"w:id": str(footnote_id)})
    for i, p in enumerate(paragraphs):
        if i == 0:
            mark = element("w:r")
            sub(sub(mark, "w:rPr"), "w:rStyle", **{"w:val": ref_style_id})
            sub(mark, "w:footnoteRef")
            ppr = p.find(qn("w:pPr"))
            if ppr is not None:
                ppr.addnext(mark)
            else:
                p.insert(0, mark)
            mark.addnext(text_run(" "))
        note.append(p)
    return note
