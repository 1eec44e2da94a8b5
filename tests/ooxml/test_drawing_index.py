"""drawing.PackageIndex and drawing.add_picture give the parts, relationships and XML python-docx's own
``Run.add_picture`` and part search give — looked up instead of searched for each drawing."""

from __future__ import annotations

import io

from docx import Document
from lxml import etree
from PIL import Image

from conceptgen.ooxml import drawing
from conceptgen.ooxml.package import save


def _png(shade: int, size: tuple[int, int] = (40, 20)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (shade, 100, 200)).save(out, format="PNG")
    return out.getvalue()


# pictures as a report adds them: new ones, one met again, another size
PICTURES = [_png(1), _png(2), _png(1), _png(3, (10, 30)), _png(2), _png(4)]


def _parts(document) -> dict[str, bytes]:
    return {str(p.partname): p.blob for p in document.part.package.iter_parts()}


def _body(document) -> bytes:
    return etree.tostring(document.element.body)


def test_pictures_as_python_docx_adds_them():
    ours, theirs = Document(), Document()
    theirs.add_paragraph().add_run().add_picture(io.BytesIO(PICTURES[0]), width=1000)  # before the index
    ours.add_paragraph().add_run().add_picture(io.BytesIO(PICTURES[0]), width=1000)
    index = drawing.PackageIndex(ours.part)
    for i, picture in enumerate(PICTURES * 2):
        width = 360000 + 1000 * i
        theirs.add_paragraph().add_run().add_picture(io.BytesIO(picture), width=width)
        drawing.add_picture(ours.add_paragraph().add_run(), index, picture, width)
    # python-docx's own path after the index was used: it finds the index's parts and vice versa
    theirs.add_paragraph().add_run().add_picture(io.BytesIO(_png(9)), width=5000)
    ours.add_paragraph().add_run().add_picture(io.BytesIO(_png(9)), width=5000)
    drawing.add_picture(ours.add_paragraph().add_run(), index, _png(9), 5000)
    theirs.add_paragraph().add_run().add_picture(io.BytesIO(_png(9)), width=5000)
    assert _body(ours) == _body(theirs)
    assert _parts(ours).keys() == _parts(theirs).keys()
    assert save(ours) == save(theirs)


def test_shape_ids_are_read_again_when_not_fixed():
    document = Document()
    index = drawing.PackageIndex(document.part)
    first = drawing.add_picture(document.add_paragraph().add_run(), index, PICTURES[0], 1000)
    second = drawing.add_picture(document.add_paragraph().add_run(), index, PICTURES[1], 1000)
    ids = [inline.docPr.get("id") for inline in (first, second)]
    assert ids[0] != ids[1]  # the first picture is in the tree: the next id is one more


def test_shape_ids_fixed_are_read_once_per_body():
    document = Document()
    index = drawing.PackageIndex(document.part)
    index.shape_ids_fixed = True
    scratch = Document().add_paragraph()  # built elsewhere, as the blocks in their scratch body
    first = drawing.add_picture(scratch.add_run(), index, PICTURES[0], 1000)
    second = drawing.add_picture(scratch.add_run(), index, PICTURES[1], 1000)
    assert first.docPr.get("id") == second.docPr.get("id") == str(document.part.next_id)  # python-docx's
    document.element.body.append(scratch._p)  # the tree changes …
    index.shape_ids_fixed = False  # … outside the window
    third = drawing.add_picture(scratch.add_run(), index, PICTURES[2], 1000)
    assert third.docPr.get("id") == str(int(first.docPr.get("id")) + 1)


def test_chart_part_names_as_searched():
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    document = Document()
    package = document.part.package
    index = drawing.PackageIndex(document.part)
    taken = Part(PackURI("/word/charts/chart2.xml"), drawing.CHART_CONTENT_TYPE, b"", package)
    document.part.relate_to(taken, RT.CHART)
    names = []
    for _ in range(3):
        name = drawing.next_partname(package, "/word/charts/chart%d.xml", index)
        assert name == drawing.next_partname(package, "/word/charts/chart%d.xml")  # the search's answer
        document.part.relate_to(Part(PackURI(name), drawing.CHART_CONTENT_TYPE, b"", package), RT.CHART)
        index.add_name(name)
        names.append(name)
    assert names == ["/word/charts/chart1.xml", "/word/charts/chart3.xml", "/word/charts/chart4.xml"]
