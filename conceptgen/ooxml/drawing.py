"""Drawings in the text: native charts (chart part + embedded workbook + inline) and alt text."""

from __future__ import annotations

from typing import Any

from lxml import etree

from conceptgen.ooxml import chart
from conceptgen.ooxml.base import WP, A, C, Element, R, qn, sub

CHART_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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
