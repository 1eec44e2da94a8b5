"""conceptgen template new --from: a client's Word document (German Word with localised style ids, English
Word) becomes a template whose styles, theme, page, header and footer are the client's; documents rendered
with it carry them (read back from the files); colours are checked for WCAG contrast; check reports what a
template's design lacks."""

from __future__ import annotations

import shutil
import zipfile

import pytest
import yaml
from docx import Document
from docx.oxml.ns import qn

from conceptgen.colours import best_text, contrast
from conceptgen.design import build_template
from conceptgen.design.roles import match_roles
from conceptgen.pipeline import check_project, render_project
from conceptgen.workspace import BUILTIN_TEMPLATES
from tests.conftest import FIXTURES, NEUSS
from tests.ooxml.validator import validate

CLIENTS = FIXTURES / "clients"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Both fixtures as templates of a copy of projects/neuss, and neuss rendered with each."""
    root = tmp_path_factory.mktemp("design")
    project = root / "neuss"
    shutil.copytree(NEUSS, project, ignore=shutil.ignore_patterns("build", "templates"))
    reports = {
        name: build_template(
            name, CLIENTS / f"{name}.docx", project / "templates" / name, BUILTIN_TEMPLATES / "konzept"
        )
        for name in ("kreis-de", "city-en")
    }
    rendered = {}
    for name in reports:
        outputs = render_project(project, root / name, libreoffice=False,
                                 templates_instead={"konzept": name}).outputs  # fmt: skip
        rendered[name] = outputs[0]
    return project, reports, rendered


def _style(document, name):
    return document.styles[name].element


def _rpr(style, tag):
    node = style.find(f"{qn('w:rPr')}/{qn(tag)}")
    return None if node is None else dict(node.attrib)


def test_german_word_styles_found_by_name_not_id():
    matches = {m.role.key: m for m in match_roles(Document(str(CLIENTS / "kreis-de.docx")))}
    assert matches["heading 1"].style.get(qn("w:styleId")) == "berschrift1"
    assert matches["list"].style.get(qn("w:styleId")) == "Listenabsatz"
    assert matches["caption"].style.get(qn("w:styleId")) == "Beschriftung"
    assert matches["body"].style.get(qn("w:styleId")) == "Textkrper" and matches["body"].how == "Name"
    assert matches["table text"].style is None  # reported, conceptgen's own is used


def test_roles_found_by_use_and_outline_level(tmp_path):
    """A letterhead with its own names: „Brieftext“ for most paragraphs, „Kapitel“ with outline level 1."""
    from docx.enum.style import WD_STYLE_TYPE

    document = Document()
    document.styles.add_style("Brieftext", WD_STYLE_TYPE.PARAGRAPH)
    chapter = document.styles.add_style("Kapitel", WD_STYLE_TYPE.PARAGRAPH)
    ppr = chapter.element.get_or_add_pPr()
    level = ppr.makeelement(qn("w:outlineLvl"), {qn("w:val"): "0"})
    ppr.append(level)
    for style in ("Kapitel", "Brieftext", "Brieftext", "Brieftext"):
        document.add_paragraph("x", style=style)
    for style in list(document.styles):  # a letterhead without Word's heading and body styles
        if style.name in ("Heading 1", "Body Text"):
            style.element.getparent().remove(style.element)
    document.save(tmp_path / "brief.docx")
    matches = {m.role.key: m for m in match_roles(Document(str(tmp_path / "brief.docx")))}
    assert (matches["body"].name, matches["body"].how) == ("Brieftext", "Verwendung")
    assert (matches["heading 1"].name, matches["heading 1"].how) == ("Kapitel", "Gliederungsebene")


def test_template_from_german_word(built):
    project, reports, _ = built
    report = reports["kreis-de"]
    folder = project / "templates" / "kreis-de"
    assert validate((folder / "template.docx").read_bytes(), "template") == []
    config = yaml.safe_load((folder / "template.yaml").read_text(encoding="utf-8"))
    assert config["palette"] == ["00664F", "B5121B", "6D8D24", "E0A100", "3E7CB1", "7F7F7F"]
    assert config["font"] == "DejaVu Sans" and config["options"] == {"measure_sheet_new_page": True}
    assert report.fonts == {"text": "DejaVu Sans", "headings": "Liberation Serif"}
    assert report.page_numbers_added and report.pictures == 1
    assert any("hat keinen Alternativtext" in w for w in report.warnings)
    assert any("Kopfzeile ist etwa 3,4 cm hoch" in w for w in report.warnings)
    lines = "\n".join(report.lines())
    assert "heading 1: „heading 1“ (ID berschrift1, erkannt an: Name)" in lines
    assert "table text: keine im Dokument des Kunden" in lines


def test_document_in_german_design(built):
    _, _, rendered = built
    document = Document(str(rendered["kreis-de"]))
    heading = _style(document, "Heading 1")
    assert _rpr(heading, "w:rFonts")[qn("w:asciiTheme")] == "majorHAnsi"  # the client's theme font …
    with zipfile.ZipFile(rendered["kreis-de"]) as package:
        theme = package.read("word/theme/theme1.xml").decode()
        assert 'typeface="Liberation Serif"' in theme and 'val="00664F"' in theme  # … resolved by its theme
        footer = "".join(package.read(n).decode() for n in package.namelist() if "footer" in n)
        header = "".join(package.read(n).decode() for n in package.namelist() if "header" in n)
    assert _rpr(heading, "w:color")[qn("w:val")] == "00664F"
    assert heading.find(f"{qn('w:pPr')}/{qn('w:numPr')}") is not None  # conceptgen's chapter numbers kept
    assert "PAGE" in footer and "NUMPAGES" in footer and "Musterstraße 1" in footer
    assert "Kreis Musterland · Der Landrat" in header and "r:embed" in header
    section = document.sections[0]
    widths = (section.page_width, section.left_margin, section.right_margin)
    assert [round(w / 360000, 2) for w in widths] == [21.0, 2.5, 2.0]  # in twips: 11906, 1417, 1134
    table = document.styles["Konzept Tabelle"].element
    first = next(p for p in table.findall(qn("w:tblStylePr")) if p.get(qn("w:type")) == "firstRow")
    assert first.find(f"{qn('w:tcPr')}/{qn('w:shd')}").get(qn("w:fill")) == "00664F"
    assert first.find(f"{qn('w:rPr')}/{qn('w:color')}").get(qn("w:val")) == "FFFFFF"
    assert "1F4E79" not in table.xml  # conceptgen's own blue is gone


def test_english_word_and_contrast(built):
    _, reports, rendered = built
    report = reports["city-en"]
    assert report.primary == "FFC000" and report.header_text == "000000"
    assert any("erreicht 1.6:1, unter WCAG AA" in w for w in report.warnings)
    assert any(w.startswith("heading 1 in FFC000 auf Weiß erreicht 1.6:1") for w in report.warnings)
    assert not report.page_numbers_added  # its footer has a PAGE field
    assert not any("Alternativtext" in w for w in report.warnings)
    document = Document(str(rendered["city-en"]))
    section = document.sections[0]
    assert round(section.page_width / 360000, 2) == 21.59  # US Letter
    table = document.styles["Konzept Tabelle"].element
    first = next(p for p in table.findall(qn("w:tblStylePr")) if p.get(qn("w:type")) == "firstRow")
    fill = first.find(f"{qn('w:tcPr')}/{qn('w:shd')}").get(qn("w:fill"))
    text = first.find(f"{qn('w:rPr')}/{qn('w:color')}").get(qn("w:val"))
    assert contrast(fill, text) >= 4.5
    with zipfile.ZipFile(rendered["city-en"]) as package:
        charts = [package.read(n).decode() for n in package.namelist() if n.startswith("word/charts/chart")]
    assert any('val="FFC000"' in c for c in charts)  # the client's palette in the charts
    pie = next(c for c in charts if "<c:doughnutChart>" in c or "<c:pieChart>" in c)
    # a label on the yellow slice is black, on the dark blue one white: each reaches AA
    assert '<c:dLbl><c:idx val="0"/>' in pie and best_text("FFC000")[0] == "000000"


def test_check_reports_the_design(built, tmp_path):
    project, _, _ = built
    copy = tmp_path / "neuss"
    shutil.copytree(project, copy)
    text = (copy / "project.yaml").read_text(encoding="utf-8")
    (copy / "project.yaml").write_text(
        text.replace("template: konzept", "template: kreis-de", 1), encoding="utf-8"
    )
    found = [(d.code, d.message) for d in check_project(copy).diagnostics]
    assert [c for c, _m in found] == ["CG411", "CG412"]
    # a designer sets white text on a yellow header: CG413; a template without a caption style: CG410
    path = copy / "templates" / "kreis-de" / "template.docx"
    document = Document(str(path))
    table = document.styles["Konzept Tabelle"].element
    first = next(p for p in table.findall(qn("w:tblStylePr")) if p.get(qn("w:type")) == "firstRow")
    first.find(f"{qn('w:tcPr')}/{qn('w:shd')}").set(qn("w:fill"), "FFC000")
    caption = document.styles["Caption"].element
    caption.getparent().remove(caption)
    document.save(str(path))
    found = {d.code: d.message for d in check_project(copy).diagnostics}
    assert "Text FFFFFF auf FFC000 erreicht 1.6:1" in found["CG413"]
    assert "Caption" in found["CG410"]


def test_template_new_cli(tmp_path, cli):
    result = cli("template", "new", "x", "--from", CLIENTS / "city-en.docx", "--project", tmp_path)
    assert result.exit_code == 0, result.output
    assert "die Tabellenköpfe bekommen schwarzen Text" in result.output
    again = cli("template", "new", "x", "--from", CLIENTS / "city-en.docx", "--project", tmp_path)
    assert again.exit_code == 1 and "CG501" in again.output
    broken = tmp_path / "kaputt.docx"
    broken.write_bytes(b"not a zip")
    result = cli("template", "new", "y", "--from", broken, "--project", tmp_path)
    assert result.exit_code == 1 and "CG603" in result.output and not (tmp_path / "templates" / "y").exists()
    result = cli("template", "new", "y", "--from", bomb(tmp_path / "bombe.docx"), "--project", tmp_path)
    assert (
        result.exit_code == 1
        and "CG608" in result.output
        and "das Dokument entpackt sich zu" in result.output
    )
    result = cli("template", "new", "z", "--from", CLIENTS / "city-en.docx", "--base", "konzpt")
    assert result.exit_code == 1 and "meinten sie „konzept“" in result.output.lower()


def test_render_with_template_instead_needs_pairs(cli, minimal):
    result = cli("render", minimal, "--template", "kreisdesign")
    assert result.exit_code == 1 and "CG103" in result.output and "ALT=NEU" in result.output


def test_other_base_keeps_its_outline(tmp_path):
    """--base analyse: the Anlage's own outline and texts come along, the design is the client's."""
    build_template("k", CLIENTS / "kreis-de.docx", tmp_path / "k", BUILTIN_TEMPLATES / "analyse")
    config = yaml.safe_load((tmp_path / "k" / "template.yaml").read_text(encoding="utf-8"))
    base = yaml.safe_load((BUILTIN_TEMPLATES / "analyse" / "template.yaml").read_text(encoding="utf-8"))
    assert config["outline"] == base["outline"] and config["name"] == "k"
    assert config["palette"][0] == "00664F"


def bomb(path):
    """A .docx that unpacks to 160 MB of zeros (a decompression bomb): refused before any XML parser."""
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package,
        package.open("word/document.xml", "w") as part,
    ):
        for _ in range(160):
            part.write(b"\0" * 1024 * 1024)
    return path
