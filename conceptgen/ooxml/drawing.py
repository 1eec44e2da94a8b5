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


def next_partname(package: Any, template: str, index: PackageIndex | None = None) -> str:
    """The first free part name of the form ``template`` (``/word/charts/chart%d.xml``); ``index``: the
    package's names known already (a report with 550 charts walks its parts once, not per chart)."""
    existing = index.names() if index is not None else {str(p.partname) for p in package.iter_parts()}
    n = 1
    while template % n in existing:
        n += 1
    return template % n


class PackageIndex:
    """What adding many drawings to one document needs to look up, kept instead of searched again for each
    drawing — the same answers as python-docx's searches, which are linear per drawing (quadratic for a
    report with 550 profiles: a SHA-1 of every picture before each new one, the largest ``id`` of the whole
    body for each picture's name, every part of the package for each chart's).

    ``shape_ids_fixed``: set while the document's tree does not change (docxtpl's Jinja pass builds the
    blocks in a detached body): the largest ``@id`` of the tree is then read once per body element."""

    def __init__(self, document_part: Any):
        self.part = document_part
        self.shape_ids_fixed = False
        self._names: set[str] | None = None
        self._images: dict[str, Any] = {}  # SHA-1 → image part
        self._hashed = 0  # how many of the package's image parts are in _images
        self._numbers: set[int | None] = set()  # the numbers of their names (image3.png: 3)
        self._shape_id: tuple[Any, int] | None = None  # (body element, next id)

    def names(self) -> set[str]:
        """The part names of the package (read once; names added through ``add_name`` since)."""
        if self._names is None:
            self._names = {str(p.partname) for p in self.part.package.iter_parts()}
        return self._names

    def add_name(self, name: str) -> None:
        if self._names is not None:
            self._names.add(name)

    def image_part(self, image: Any) -> tuple[Any, bool]:
        """The package's image part with the bytes of ``image`` (python-docx's Image), added when there
        is none (as python-docx's ``get_or_add_image_part``); and whether it is new."""
        from docx.opc.packuri import PackURI
        from docx.parts.image import ImagePart

        parts = self.part.package.image_parts
        for part in list(parts)[self._hashed :]:  # parts added since (also by python-docx itself)
            self._images.setdefault(part.sha1, part)
            self._numbers.add(part.partname.idx)
        self._hashed = len(parts)
        found = self._images.get(image.sha1)
        if found is not None:
            return found, False
        # python-docx's naming (ImageParts._next_image_partname: the first number no picture has, up to
        # one more than there are), from a set instead of a list searched for each number
        number = next((n for n in range(1, len(parts) + 1) if n not in self._numbers), len(parts) + 1)
        part = ImagePart.from_image(image, PackURI(f"/word/media/image{number}.{image.ext}"))
        parts.append(part)
        self._images[image.sha1] = part
        self._numbers.add(number)
        self._hashed = len(parts)
        return part, True

    def next_shape_id(self) -> int:
        """python-docx's ``StoryPart.next_id``: one more than the largest numeric ``@id`` in the document
        part's tree."""
        root = self.part.element
        body = root.body
        if self.shape_ids_fixed and self._shape_id is not None and self._shape_id[0] is body:
            return self._shape_id[1]
        used = [int(value) for value in root.xpath("//@id") if value.isdigit()]
        next_id = max(used) + 1 if used else 1
        self._shape_id = (body, next_id) if self.shape_ids_fixed else None
        return next_id


def add_picture(run: Any, index: PackageIndex, blob: bytes, width_emu: int) -> Element:
    """Append a picture (PNG or JPEG ``blob``) ``width_emu`` wide to ``run`` (python-docx's Run, in the
    document part of ``index``); returns its ``wp:inline``. The same XML and parts as python-docx's
    ``Run.add_picture``, found through ``index`` instead of searched."""
    from docx.image.image import Image
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml.shape import CT_Inline

    image = Image.from_blob(blob)
    image_part, new = index.image_part(image)
    part = index.part
    if new:  # no relationship can point at it yet: python-docx's next rId without the search
        rid = part.rels.add_relationship(RT.IMAGE, image_part, part.rels._next_rId).rId
    else:
        rid = part.relate_to(image_part, RT.IMAGE)
    cx, cy = image_part.image.scaled_dimensions(width_emu, None)
    inline = CT_Inline.new_pic_inline(index.next_shape_id(), rid, image_part.image.filename, cx, cy)
    run._r.add_drawing(inline)
    return inline


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
    index: PackageIndex | None = None,
) -> Element:
    """Place a native chart in ``paragraph``: chart part, embedded workbook („Daten bearbeiten“), inline.

    ``space`` is the chart's ``c:chartSpace``; its ``c:externalData`` is added here, pointing at the
    workbook. Returns the ``wp:inline`` element (its ``wp:docPr/@descr`` is the alternative text).
    """
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    package = document_part.package
    chart_name = next_partname(package, "/word/charts/chart%d.xml", index)
    chart_part = Part(PackURI(chart_name), CHART_CONTENT_TYPE, b"", package)
    number = chart_name.rsplit("chart", 1)[1].split(".")[0]
    workbook_name = f"/word/embeddings/Microsoft_Excel_Worksheet{number}.xlsx"
    workbook_part = Part(PackURI(workbook_name), XLSX_CONTENT_TYPE, workbook, package)
    chart.attach_workbook(space, chart_part.relate_to(workbook_part, RT.PACKAGE))
    chart_part._blob = chart.serialize(space)
    if index is not None:  # a new part: no relationship points at it, python-docx's next rId unsearched
        rels = document_part.rels
        chart_rid = rels.add_relationship(RT.CHART, chart_part, rels._next_rId).rId
        index.add_name(chart_name)
        index.add_name(workbook_name)
    else:
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


def add_svg(inline: Element, document_part: Any, svg: bytes, index: PackageIndex | None = None) -> None:
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
    name = next_partname(package, "/word/media/vector%d.svg", index)
    part = Part(PackURI(name), SVG_CONTENT_TYPE, svg, package)
    if index is not None:
        index.add_name(name)
    rid = document_part.relate_to(part, RT.IMAGE)
    extensions = blip.find(f"{{{A}}}extLst")
    if extensions is None:
        extensions = etree.SubElement(blip, f"{{{A}}}extLst")
    extension = etree.SubElement(extensions, f"{{{A}}}ext", uri=SVG_BLIP_EXTENSION)
    svg_blip = etree.SubElement(extension, f"{{{ASVG}}}svgBlip", nsmap={"asvg": ASVG})
    svg_blip.set(f"{{{R}}}embed", rid)
