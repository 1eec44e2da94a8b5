"""Drawings in the text: native charts (chart part + embedded workbook + inline), pictures with a vector
version (SVG beside the PNG, as Word keeps them) and alt text."""

from __future__ import annotations

from typing import Any

from lxml import etree

from conceptgen.ooxml import chart
from conceptgen.ooxml.base import WP, A, C, Element, R, qn, sub

CHART_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SVG_CONTENT_TYPE = "image/svg+xml"
# Office 2016's extension of a:blip that names a picture's SVG version (MS-ODRAWXML 2.3.3.1)
SVG_BLIP_EXTENSION = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
ASVG = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"


def next_partname(package: Any, template: str) -> str:
    """The first free part name of the form ``template`` (``/word/charts/chart%d.xml``)."""
    existing = {str(p.partname) for p in package.iter_parts()}
    n = 1
    while template % n in existing:
        n += 1
    return template % n


def embed_chart(
    paragraph: Element,
    document_part: Any,
    space: Element,
    workbook: bytes,
    *,
    width_emu: int,
    height_emu: int,
    description: str,
    title: str,
) -> Element:
    """Place a native chart in ``paragraph``: chart part, embedded workbook („Daten bearbeiten“), inline.

    ``space`` is the chart's ``c:chartSpace``; its ``c:externalData`` is added here, pointing at the
    workbook. Returns the ``wp:inline`` element (its ``wp:docPr/@descr`` is the alternative text).
    """
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    package = document_part.package
    chart_name = next_partname(package, "/word/charts/chart%d.xml")
    chart_part = Part(PackURI(chart_name), CHART_CONTENT_TYPE, b"", package)
    number = chart_name.rsplit("chart", 1)[1].split(".")[0]
    workbook_part = Part(
        PackURI(f"/word/embeddings/Microsoft_Excel_Worksheet{number}.xlsx"),
        XLSX_CONTENT_TYPE,
        workbook,
        package,
    )
    chart.attach_workbook(space, chart_part.relate_to(workbook_part, RT.PACKAGE))
    chart_part._blob = chart.serialize(space)
    chart_rid = document_part.relate_to(chart_part, RT.CHART)
    inline = etree.fromstring(
        f'<wp:inline xmlns:wp="{WP}" xmlns:a="{A}" xmlns:c="{C}" xmlns:r="{R}" '
        'distT="0" distB="0" distL="0" distR="0">'
        f'<wp:extent cx="{width_emu}" cy="{height_emu}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:docPr id="{number}" name="Diagramm {number}"/><wp:cNvGraphicFramePr/>'
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">'
        f'<c:chart r:id="{chart_rid}"/></a:graphicData></a:graphic></wp:inline>'
    )
    doc_pr = inline.find(f"{{{WP}}}docPr")
    doc_pr.set("descr", description)
    doc_pr.set("title", title)
    sub(sub(paragraph, "w:r"), "w:drawing").append(inline)
    return inline


def number_drawings(root: Element, first: int = 1001) -> None:
    """Give every drawing (``wp:docPr``) below ``root`` its own id, in document order from ``first``:
    Word refuses a document in which two drawings share one."""
    for number, doc_pr in enumerate(root.iter(qn("wp:docPr")), start=first):
        doc_pr.set("id", str(number))


def set_alt_text(inline: Element, description: str, title: str = "") -> None:
    """Set the alternative text (``wp:docPr/@descr``) of an inline picture or chart."""
    doc_pr = inline.find(qn("wp:docPr"))
    if doc_pr is not None:
        doc_pr.set("descr", description)
        if title:
            doc_pr.set("title", title)


def add_svg(inline: Element, document_part: Any, svg: bytes) -> None:
    """Give the picture ``inline`` its vector version ``svg`` as Word writes it: the PNG stays the
    ``a:blip`` every reader shows, and an ``a:extLst`` extension (``asvg:svgBlip``) names the SVG part,
    which Word (2016 and later) and LibreOffice draw and print instead."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    blip = inline.find(f".//{{{A}}}blip")
    if blip is None:
        raise ValueError(
            "die Zeichnung hat kein Bild (a:blip), dem eine Vektorfassung beigegeben werden kann"
        )
    package = document_part.package
    part = Part(PackURI(next_partname(package, "/word/media/vector%d.svg")), SVG_CONTENT_TYPE, svg, package)
    rid = document_part.relate_to(part, RT.IMAGE)
    extensions = blip.find(f"{{{A}}}extLst")
    if extensions is None:
        extensions = etree.SubElement(blip, f"{{{A}}}extLst")
    extension = etree.SubElement(extensions, f"{{{A}}}ext", uri=SVG_BLIP_EXTENSION)
    svg_blip = etree.SubElement(extension, f"{{{ASVG}}}svgBlip", nsmap={"asvg": ASVG})
    svg_blip.set(f"{{{R}}}embed", rid)
