"""Charts: native chart parts with embedded workbooks (read back), image charts, chart diagnostics."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest
from lxml import etree

from conceptgen.pipeline import check_project, render_project
from tests.conftest import NEUSS

NS = {
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "pr": "http://schemas.openxmlformats.org/package/2006/relationships",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
}


@pytest.fixture(scope="module")
def packages(tmp_path_factory):
    outputs = render_project(NEUSS, tmp_path_factory.mktemp("charts"), libreoffice=False).outputs
    return {p.name.split("-")[0]: zipfile.ZipFile(io.BytesIO(p.read_bytes())) for p in outputs}


def rels(package, part):
    folder, name = part.rsplit("/", 1)
    root = etree.fromstring(package.read(f"{folder}/_rels/{name}.rels"))
    return {r.get("Id"): r for r in root.findall("pr:Relationship", NS)}


def chart_part(package, title):
    """The chart part whose inline drawing carries ``title`` (the docPr title)."""
    document = etree.fromstring(package.read("word/document.xml"))
    inline = next(
        i for i in document.iterfind(".//wp:inline", NS) if i.find("wp:docPr", NS).get("title") == title
    )
    rid = inline.find(".//c:chart", NS).get(f"{{{NS['r']}}}id")
    return "word/" + rels(package, "word/document.xml")[rid].get("Target"), inline


def test_native_chart_series_and_categories(packages):
    package = packages["Wohnungsnotfallkonzept"]
    name, inline = chart_part(package, "Untergebrachte wohnungslose Personen nach Kommunen, 31. Januar 2024")
    chart = etree.fromstring(package.read(name))
    series = chart.findall(".//c:ser", NS)
    assert [s.find("c:tx//c:v", NS).text for s in series] == [
        "Untergebrachte insgesamt",
        "darunter Geflüchtete",
    ]
    categories = [v.text for v in series[0].findall("c:cat//c:pt/c:v", NS)]
    assert categories[:3] == ["Neuss", "Dormagen", "Grevenbroich"] and len(categories) == 8
    values = [float(v.text) for v in series[0].findall("c:val//c:pt/c:v", NS)]
    assert values[:3] == [505, 176, 157] and sum(values) == 1150
    assert chart.find(".//c:barChart/c:barDir", NS).get("val") == "col"
    assert "Säulendiagramm" in inline.find("wp:docPr", NS).get("descr")


def test_embedded_workbook_holds_the_numbers(packages):
    package = packages["Wohnungsnotfallkonzept"]
    name, _ = chart_part(package, "Untergebrachte wohnungslose Personen nach Kommunen, 31. Januar 2024")
    chart = etree.fromstring(package.read(name))
    rid = chart.find("c:externalData", NS).get(f"{{{NS['r']}}}id")
    relation = rels(package, name)[rid]
    assert relation.get("Type").endswith("/package")
    workbook_name = "word/" + relation.get("Target").replace("../", "")
    sheet = openpyxl.load_workbook(io.BytesIO(package.read(workbook_name))).active
    assert sheet["A2"].value == "Neuss" and sheet["B2"].value == 505
    content_types = package.read("[Content_Types].xml").decode()
    assert "drawingml.chart+xml" in content_types


def test_indicator_chart_has_actuals_and_target_path(packages):
    package = packages["Wohnungsnotfallkonzept"]
    name, _ = chart_part(package, "K1: Untergebrachte wohnungslose Personen – Istwerte und Zielpfad bis 2028")
    chart = etree.fromstring(package.read(name))
    actual, target = chart.findall(".//c:lineChart/c:ser", NS)
    years = [v.text for v in actual.findall("c:cat//c:pt/c:v", NS)]
    assert years == ["2022", "2023", "2024", "2025", "2026", "2027", "2028"]
    points = {int(p.get("idx")): float(p.find("c:v", NS).text) for p in actual.findall("c:val//c:pt", NS)}
    assert points == {0: 780, 1: 940, 2: 1150}
    path = {int(p.get("idx")): float(p.find("c:v", NS).text) for p in target.findall("c:val//c:pt", NS)}
    assert path[2] == 1150 and path[6] == 950 and path[4] == pytest.approx(1050)


def test_german_number_format_on_axes(packages):
    package = packages["Wohnungsnotfallkonzept"]
    name, _ = chart_part(package, "Untergebrachte Personen je 10.000 Einwohner*innen im Rhein-Kreis Neuss")
    chart = etree.fromstring(package.read(name))
    assert chart.find(".//c:valAx/c:numFmt", NS).get("formatCode") == "[$-407]#,##0.0"
    assert chart.find("c:lang", NS).get("val") == "de-DE"


def test_image_chart_is_a_picture_with_alt_text(packages):
    package = packages["Angebots"]
    document = etree.fromstring(package.read("word/document.xml"))
    inline = next(
        i
        for i in document.iterfind(".//wp:inline", NS)
        if i.find("wp:docPr", NS).get("title", "").startswith("Fälle der Fachberatung")
    )
    assert inline.find(".//pic:pic", NS) is not None
    assert inline.find("wp:docPr", NS).get("descr").startswith("Balkendiagramm")


def test_every_chart_has_caption_and_verified_package(packages):
    from conceptgen.ooxml.package import verify

    for package in packages.values():
        names = [n for n in package.namelist() if n.startswith("word/charts/chart")]
        blob = io.BytesIO()
        with zipfile.ZipFile(blob, "w") as copy:
            for item in package.namelist():
                copy.writestr(item, package.read(item))
        assert verify(blob.getvalue()) == []
        for name in names:
            etree.fromstring(package.read(name))


def test_chart_problems_are_located(minimal):
    (minimal / "charts.yaml").write_text(
        "charts:\n"
        "  - {id: a, type: pie, title: Torte, alt: Eine Torte,\n"
        "     data: {categories: [a, b, c, d, e, f, g, h],"
        " series: [{name: x, values: [1, 2, 3, 4, 5, 6, 7, 8]}]}}\n"
        "  - {id: b, type: column, title: Säulen, alt: Säulen, view: gibtsnicht, category: x,"
        " series: [{column: y}]}\n"
        "  - {id: c, type: column, title: Ohne, alt: Ohne}\n"
        "  - {id: d, type: indicator, indicator: K9, title: K, alt: K}\n"
        "  - {id: e, type: line, title: Falsch, alt: F,"
        " data: {categories: [a, b], series: [{name: x, values: [1]}]}}\n",
        encoding="utf-8",
    )
    found = sorted((d.code, d.location.line) for d in check_project(minimal).diagnostics)
    assert found == [("CG103", 5)]  # schema first: chart c has neither view nor data
    text = (
        (minimal / "charts.yaml")
        .read_text(encoding="utf-8")
        .replace("  - {id: c, type: column, title: Ohne, alt: Ohne}\n", "")
    )
    (minimal / "charts.yaml").write_text(text, encoding="utf-8")
    found = sorted((d.code, d.location.line) for d in check_project(minimal).diagnostics)
    assert found == [("CG103", 6), ("CG202", 4), ("CG202", 5), ("CG307", 2)]


def test_chart_needs_alt_text(minimal):
    (minimal / "charts.yaml").write_text(
        "charts:\n  - {id: a, type: column, title: T,"
        " data: {categories: [a], series: [{name: x, values: [1]}]}}\n",
        encoding="utf-8",
    )
    [d] = check_project(minimal).diagnostics
    assert d.code == "CG102" and "alt" in d.message


def test_timeline_is_a_native_gantt(packages):
    package = packages["Wohnungsnotfallkonzept"]
    name, _ = chart_part(package, "Zeitplan der Maßnahmen und Aufgaben")
    chart = etree.fromstring(package.read(name))
    bar = chart.find(".//c:barChart", NS)
    assert bar.find("c:barDir", NS).get("val") == "bar" and bar.find("c:grouping", NS).get("val") == "stacked"
    start, *priorities = bar.findall("c:ser", NS)
    assert (
        start.find("c:spPr/a:noFill", {**NS, "a": "http://schemas.openxmlformats.org/drawingml/2006/main"})
        is not None
    )
    labels = [v.text for v in start.findall("c:cat//c:pt/c:v", NS)]
    assert labels[0].startswith("1 Erweiterung") and labels[1] == "1.1 Mobile Wohnhilfen"
    starts = [float(v.text) for v in start.findall("c:val//c:pt/c:v", NS)]
    assert starts[1] == 2025.0  # task 1.1 starts 01/2025
    assert [p.find("c:tx//c:v", NS).text for p in priorities] == ["Priorität 1", "Priorität 2"]
    assert chart.find(".//c:valAx/c:scaling/c:min", NS).get("val") == "2024"
