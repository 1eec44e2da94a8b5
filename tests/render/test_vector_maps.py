"""Maps as vector graphics in the .docx: each choropleth map's picture is a PNG (the main a:blip, which
every reader shows) with its SVG named in the blip's extension (asvg:svgBlip, as Word 2016+ writes it), so
that Word draws and prints it sharply; small locator maps stay PNG. Read back from the package's XML; the
slow test lets LibreOffice open the document and checks its PDF (PDF/UA: every drawing a figure with its
alternative text). The SVG is the template's choice (template.yaml vector_maps: true); by default a map is
its PNG alone."""

from __future__ import annotations

import io
import posixpath
import re
import shutil
import zipfile

import pytest
from lxml import etree

from conceptgen.pipeline import render_project
from tests.conftest import FIXTURES, ROOT, replace_in, require_libreoffice

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
ASVG = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
SVG_EXTENSION = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> bytes:
    project = _vector_project(tmp_path_factory.mktemp("vector") / "sozialraum")
    result = render_project(project, libreoffice=False, write=False)
    return next(c for p, c in result.contents.items() if p.name == "bericht.docx")


def _vector_project(project):
    """The fixture rendered with a copy of the konzept template that switches vector_maps on."""
    shutil.copytree(FIXTURES / "sozialraum", project)
    shutil.copytree(ROOT / "templates" / "konzept", project / "templates" / "vektor")
    config = project / "templates" / "vektor" / "template.yaml"
    replace_in(config, "name: konzept\n", "name: vektor\nvector_maps: true\n")
    replace_in(
        project / "project.yaml", "  - output: bericht.docx", "  - output: bericht.docx\n    template: vektor"
    )
    return project


def test_by_default_a_map_is_its_png_alone(tmp_path):
    """Without the switch no SVG part is written (validators that read every XML part as Word markup
    report one), and the maps are the same PNGs as with it."""
    project = tmp_path / "sozialraum"
    shutil.copytree(FIXTURES / "sozialraum", project)
    plain = next(
        c
        for p, c in render_project(project, libreoffice=False, write=False).contents.items()
        if p.name == "bericht.docx"
    )
    with zipfile.ZipFile(io.BytesIO(plain)) as package:
        assert not [n for n in package.namelist() if n.endswith(".svg")]
        assert b"svgBlip" not in package.read("word/document.xml")
    vector = next(
        c
        for p, c in render_project(
            _vector_project(tmp_path / "vektor"), libreoffice=False, write=False
        ).contents.items()
        if p.name == "bericht.docx"
    )
    assert sum(p["svg"] is not None for p in _pictures(vector)) > 0


def _pictures(docx: bytes) -> list[dict]:
    """Every picture of the body: its alt text, its main blip's part and content type, its SVG part."""
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        document = etree.fromstring(package.read("word/document.xml"))
        relations = {
            r.get("Id"): posixpath.normpath(posixpath.join("word", r.get("Target")))
            for r in etree.fromstring(package.read("word/_rels/document.xml.rels")).iter(
                f"{{{PR}}}Relationship"
            )
        }
        types = etree.fromstring(package.read("[Content_Types].xml"))
        overrides = {
            o.get("PartName").lstrip("/"): o.get("ContentType") for o in types.iter(f"{{{CT}}}Override")
        }
        defaults = {d.get("Extension"): d.get("ContentType") for d in types.iter(f"{{{CT}}}Default")}
        found = []
        for inline in document.iter(f"{{{WP}}}inline", f"{{{WP}}}anchor"):
            blip = inline.find(f".//{{{A}}}blip")
            if blip is None:
                continue
            main = relations[blip.get(f"{{{R}}}embed")]
            extensions = blip.findall(f"{{{A}}}extLst/{{{A}}}ext")
            svg_blips = [e.find(f"{{{ASVG}}}svgBlip") for e in extensions if e.get("uri") == SVG_EXTENSION]
            svg = relations[svg_blips[0].get(f"{{{R}}}embed")] if svg_blips else None

            def content_type(part: str) -> str:
                return overrides.get(part) or defaults.get(part.rsplit(".", 1)[-1], "")

            found.append(
                {
                    "alt": inline.find(f"{{{WP}}}docPr").get("descr"),
                    "main": (content_type(main), package.read(main)[:8]),
                    "svg": (content_type(svg), package.read(svg)) if svg else None,
                }
            )
        return found


def test_every_choropleth_map_carries_its_svg_beside_the_png(report):
    pictures = _pictures(report)
    maps = [p for p in pictures if p["svg"] is not None]
    assert len(maps) >= 2  # the fixture's report maps two indices at least
    for picture in pictures:
        assert picture["main"] == ("image/png", b"\x89PNG\r\n\x1a\n")  # every reader can show it
    for picture in maps:
        content_type, svg = picture["svg"]
        assert content_type == "image/svg+xml"
        assert b"<!DOCTYPE" not in svg  # a package part holds no DTD (OPC)
        root = etree.fromstring(svg)
        assert (
            root.tag == "{http://www.w3.org/2000/svg}svg"
            and root.find("{http://www.w3.org/2000/svg}metadata") is None
        )
        assert re.search(rb'viewBox="0 0 [\d.]+ [\d.]+"', svg)
        assert root.iter("{http://www.w3.org/2000/svg}path") is not None and len(svg) > 10_000


def test_the_svg_is_the_same_file_for_the_same_map(report, tmp_path):
    """Fixed IDs and no date: a rendered project is the same bytes again (golden record)."""
    project = _vector_project(tmp_path / "sozialraum")
    again = next(
        c
        for p, c in render_project(project, libreoffice=False, write=False).contents.items()
        if p.name == "bericht.docx"
    )
    assert [p["svg"] for p in _pictures(again)] == [p["svg"] for p in _pictures(report)]


@pytest.mark.slow
def test_libreoffice_opens_the_document_with_its_vector_maps(report):
    """LibreOffice opens it (7.4 draws the PNG: it does not read the SVG extension) and its PDF has every
    drawing as a figure with its alternative text."""
    require_libreoffice()
    from conceptgen.render import libreoffice, pdf_check

    pdf = libreoffice.to_pdf(report, accessible=True)
    from conceptgen.render.pdf_ua import make_accessible

    pdf, _notes = make_accessible(pdf, report)
    result = pdf_check.check(pdf)
    drawings = report_drawings(report)
    assert result.pages > 0 and result.failures == []
    assert result.figures == result.figures_with_alt == drawings
    # the maps' pictures kept lossless in the PDF (LibreOffice's default JPEG blurs their small text)
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        filters = [
            str(image.get("/Filter")) for page in document.pages for image in page.get_images().values()
        ]
    assert filters and "/DCTDecode" not in filters


def report_drawings(docx: bytes) -> int:
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        return package.read("word/document.xml").decode().count("<wp:docPr ")


def test_the_package_keeps_word_rules(report):
    """The test suite's validator (schema, package, Word's rules) finds nothing in the document."""
    from tests.ooxml.validator import validate

    assert validate(report, "bericht.docx") == []
