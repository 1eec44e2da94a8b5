"""The OOXML package's operations on their own: body queries and slots, lists, footnotes, drawings, chart
parts in schema order."""

from __future__ import annotations

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from conceptgen.markup import LABEL
from conceptgen.ooxml import body, chart, drawing, footnotes, lists
from conceptgen.ooxml.base import insert_in_order


def paragraph(xml: str):
    return parse_xml(f"<w:p {nsdecls('w', 'wp')}>{xml}</w:p>")


def test_slots_are_replaced_by_their_elements_in_place():
    doc = Document()
    doc.add_paragraph("vorher")
    placeholder = parse_xml(body.slot_paragraph("cgslot1").replace("<w:p>", f"<w:p {nsdecls('w')}>"))
    doc.paragraphs[0]._p.addnext(placeholder)
    doc.add_paragraph("nachher")
    built = [paragraph("<w:r><w:t>eins</w:t></w:r>"), paragraph("<w:r><w:t>zwei</w:t></w:r>")]
    slots = {"cgslot1": built}
    body.fill_slots(doc.element.body, slots)
    assert [p.text for p in doc.paragraphs] == ["vorher", "eins", "zwei", "nachher"]
    assert slots == {}


def test_cut_removes_labels_and_returns_the_last():
    p = paragraph("<w:r><w:t>Titel [[tab:x]]</w:t></w:r>")
    assert body.cut(p, LABEL) == "tab:x"
    assert body.text_of(p) == "Titel"


def test_empty_paragraph_unless_it_holds_something():
    assert body.is_empty(paragraph("<w:r><w:t> </w:t></w:r>"))
    assert not body.is_empty(paragraph("<w:r><w:br/></w:r>"))
    assert not body.is_empty(paragraph('<w:bookmarkStart w:id="1" w:name="x"/>'))


def test_text_width_is_page_minus_margins():
    doc = Document()
    section = doc.sections[0]
    assert body.text_width_emu(doc) == section.page_width - section.left_margin - section.right_margin


def test_each_list_restarts_and_shares_one_definition():
    numbering = Document().part.numbering_part.element
    first, second = lists.new_list(numbering, ordered=True), lists.new_list(numbering, ordered=True)
    assert first != second
    names = [n.get(qn("w:val")) for n in numbering.iter(qn("w:name"))]
    assert names.count("conceptgen-numbers") == 1
    tags = [child.tag for child in numbering]
    assert tags.index(qn("w:num")) > tags.index(qn("w:abstractNum"))
    overrides = numbering.findall(f".//{qn('w:startOverride')}")
    assert {o.get(qn("w:val")) for o in overrides} == {"1"}


def test_footnotes_part_is_created_with_separators_and_settings_in_order():
    doc = Document()
    assert footnotes.next_footnote_id(doc) == 1
    part = footnotes.footnotes_part(doc)
    assert b'w:type="separator"' in part.blob
    footnotes.append_footnotes(
        doc, [footnotes.footnote_element(1, [paragraph("<w:r><w:t>x</w:t></w:r>")], "FR")]
    )
    assert footnotes.next_footnote_id(doc) == 2
    settings = [child.tag.split("}")[1] for child in doc.settings.element]
    assert settings.index("footnotePr") < settings.index("compat")


def test_drawings_get_unique_ids_in_document_order():
    root = parse_xml(
        f"<w:body {nsdecls('w', 'wp')}>"
        + '<w:p><w:r><w:drawing><wp:inline><wp:docPr id="1" name="a"/></wp:inline></w:drawing></w:r></w:p>'
        * 3
        + "</w:body>"
    )
    drawing.number_drawings(root)
    assert [d.get("id") for d in root.iter(qn("wp:docPr"))] == ["1001", "1002", "1003"]


def test_insert_in_order_keeps_schema_sequence():
    ppr = parse_xml(f"<w:pPr {nsdecls('w')}><w:pStyle w:val='x'/><w:jc w:val='left'/></w:pPr>")
    insert_in_order(ppr, parse_xml(f"<w:spacing {nsdecls('w')}/>"), ("pStyle", "spacing", "jc"))
    assert [c.tag.split("}")[1] for c in ppr] == ["pStyle", "spacing", "jc"]


def test_chart_space_is_serialised_in_schema_order():
    space = chart.parse(
        '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        "<c:chart><c:plotArea/></c:chart></c:chartSpace>"
    )
    chart.append_no_fill(space)
    chart.set_language(space, "de-DE")
    chart.attach_workbook(space, "rId1")
    chart.set_legend(space, "b")
    blob = chart.serialize(space)
    order = [child.tag.split("}")[1] for child in chart.parse(blob.decode())]
    assert order == ["lang", "chart", "spPr", "externalData"]
    assert [c.tag.split("}")[1] for c in chart.chart_element(space)] == ["plotArea", "legend"]
