"""The raw-XML helpers (fields, settings, tables, the template kit), each on a fresh python-docx document."""

from __future__ import annotations

import io

from docx import Document
from docx.oxml.ns import qn

from conceptgen.ooxml import design, fields, settings, styles, tables


def roundtrip(doc):
    buffer = io.BytesIO()
    doc.save(buffer)
    return Document(io.BytesIO(buffer.getvalue()))


def test_add_field_builds_complex_field():
    doc = Document()
    fields.add_field(doc.add_paragraph("Seite ")._p, "PAGE", "1")
    p = roundtrip(doc).paragraphs[0]._p
    kinds = [c.get(qn("w:fldCharType")) for c in p.iter(qn("w:fldChar"))]
    assert kinds == ["begin", "separate", "end"]
    assert p.find(".//" + qn("w:instrText")).text.strip() == "PAGE"


def test_update_fields_is_idempotent_and_before_compat():
    doc = Document()
    settings.set_update_fields(doc)
    settings.set_update_fields(doc)
    element = roundtrip(doc).settings.element
    found = element.findall(qn("w:updateFields"))
    assert len(found) == 1 and found[0].get(qn("w:val")) == "true"
    tags = [child.tag for child in element]
    if qn("w:compat") in tags:
        assert tags.index(qn("w:updateFields")) < tags.index(qn("w:compat"))


def test_heading_numbering_links_styles():
    doc = Document()
    design.add_heading_numbering(doc, ["Heading 1", "Heading 2"])
    doc = roundtrip(doc)
    num_id = doc.styles["Heading 2"].element.pPr.find(qn("w:numPr")).find(qn("w:numId")).get(qn("w:val"))
    numbering = doc.part.numbering_part.element
    nums = [n.get(qn("w:numId")) for n in numbering.findall(qn("w:num"))]
    assert num_id in nums
    # abstractNum elements precede num elements (schema order)
    tags = [c.tag for c in numbering]
    assert max(i for i, t in enumerate(tags) if t == qn("w:abstractNum")) < tags.index(qn("w:num"))


def test_header_row_and_cant_split():
    doc = Document()
    table = doc.add_table(rows=2, cols=2)
    tables.mark_header_row(table.rows[0]._tr)
    tables.mark_header_row(table.rows[0]._tr)
    tables.prevent_row_split(table.rows[1]._tr)
    table = roundtrip(doc).tables[0]
    assert len(table.rows[0]._tr.trPr.findall(qn("w:tblHeader"))) == 1
    assert table.rows[1]._tr.trPr.find(qn("w:cantSplit")) is not None


def test_table_style_has_header_row_formatting():
    doc = Document()
    style_id = design.add_table_style(
        doc,
        "Test Tabelle",
        header_fill="112233",
        header_color="FFFFFF",
        band_fill="EEEEEE",
        line_color="112233",
    )
    doc = roundtrip(doc)
    style = doc.styles["Test Tabelle"]
    assert style.style_id == style_id
    first = [e for e in style.element.findall(qn("w:tblStylePr")) if e.get(qn("w:type")) == "firstRow"]
    assert first and first[0].find(".//" + qn("w:shd")).get(qn("w:fill")) == "112233"


def test_document_language_and_style_font():
    doc = Document()
    styles.set_document_language(doc, "de-DE")
    design.set_style_font(doc.styles["Heading 1"], "Arial")
    doc = roundtrip(doc)
    fonts = doc.styles["Heading 1"].element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:ascii")) == "Arial" and fonts.get(qn("w:asciiTheme")) is None
    lang = doc.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:lang"))
    assert lang.get(qn("w:val")) == "de-DE"
