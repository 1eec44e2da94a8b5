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
    assert values[:3] == [980, 341, 305] and sum(values) == 2231
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
    assert sheet["A2"].value == "Neuss" and sheet["B2"].value == 980
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
    assert points == {0: 1514, 1: 1823, 2: 2231}
    path = {int(p.get("idx")): float(p.find("c:v", NS).text) for p in target.findall("c:val//c:pt", NS)}
    assert path[2] == 2231 and path[6] == 1850 and path[4] == pytest.approx(2040.5)


def test_german_number_format_on_axes(packages):
    package = packages["Wohnungsnotfallkonzept"]
    name, _ = chart_part(package, "Untergebrachte Personen je 10.000 Einwohner*innen im Rhein-Kreis Neuss")
    chart = etree.fromstring(package.read(name))
    # the axis in whole numbers (its values reach 63), the points with their one decimal
    assert chart.find(".//c:valAx/c:numFmt", NS).get("formatCode") == "[$-407]#,##0"
    assert chart.find(".//c:dLbls/c:numFmt", NS).get("formatCode") == "[$-407]#,##0.0"
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


GALLERY = """\
charts:
  - {id: saeulen, type: column, title: Säulen, alt: Säulen, data_labels: true, data: {categories: [A, B],
     series: [{name: s1, values: [1200, 1350]}, {name: s2, values: [300, 410]}]}}
  - {id: kombi, type: column, title: Fälle und Quote, alt: Säulen und Linie, y_title: Fälle,
     y2_title: je 10.000 EW, data_labels: true, data: {categories: ["2022", "2023", "2024"], series: [
       {name: Fälle, values: [780, 940, 1150]},
       {name: je 10.000 EW, values: [17.3, 20.8, 25.3], axis: secondary}]}}
  - {id: balken, type: bar, title: Balken, alt: Balken, data: {categories: [Erste, Zweite, Dritte],
     series: [{name: s, values: [3, 2, 1]}]}}
  - {id: gestapelt, type: bar, stacking: percent, title: Anteile, alt: Anteile, data: {categories: [x, y],
     series: [{name: a, values: [1, 2]}, {name: b, values: [3, 4]}]}}
  - {id: linie, type: line, title: Linie, alt: Linie, decimals: 2, data_labels: true,
     data: {categories: ["2022", "2023"], series: [{name: Miete, values: [7.25, 8.5]}]}}
  - {id: torte, type: pie, title: Torte, alt: Torte, labels: value, data: {categories: [a, b, c],
     series: [{name: s, values: [5, 3, 2]}]}}
  - {id: ring, type: doughnut, title: Ring, alt: Ring, data: {categories: [a, b],
     series: [{name: s, values: [7, 3]}]}}
  - {id: bild, type: column, render: image, title: Bild, alt: Bild, data: {categories: [a, b],
     series: [{name: s, values: [1, 2]}]}}
  - {id: plan, type: timeline, title: Zeitplan, alt: Zeitplan}
"""


@pytest.fixture(scope="module")
def gallery(tmp_path_factory):
    import shutil

    from tests.conftest import FIXTURES

    project = tmp_path_factory.mktemp("gallery") / "minimal"
    shutil.copytree(FIXTURES / "minimal", project)
    (project / "charts.yaml").write_text(GALLERY, encoding="utf-8")
    embeds = "\n\n".join(f"[[chart:{c}]]" for c in ("saeulen", "kombi", "balken", "gestapelt", "linie"))
    embeds += "\n\n" + "\n\n".join(f"[[chart:{c}]]" for c in ("torte", "ring", "bild", "plan"))
    (project / "text" / "rahmen.md").write_text(f"Diagramme.\n\n{embeds}\n", encoding="utf-8")
    measures = (project / "measures.yaml").read_text(encoding="utf-8")
    measures = measures.replace("        horizon: kurzfristig", "        period: {start: 2025-07}")
    measures = measures.replace(
        "title: Aufgabe eins", "title: Eine Aufgabe mit einem recht langen Titel, der umbricht"
    )
    (project / "measures.yaml").write_text(measures, encoding="utf-8")
    [path] = render_project(project, project / "out", libreoffice=False).outputs
    return zipfile.ZipFile(io.BytesIO(path.read_bytes()))


def charts_by_title(package):
    return {title: etree.fromstring(package.read(chart_part(package, title)[0])) for title in (
        "Säulen", "Fälle und Quote", "Balken", "Anteile", "Linie", "Torte", "Ring", "Zeitplan")}  # fmt: skip


def test_every_chart_type_renders_and_validates(gallery):
    charts = charts_by_title(gallery)  # the conftest validator has checked the whole document
    assert len(charts) == 8
    for chart in charts.values():
        assert len(chart.findall("c:txPr", NS)) == 1
        assert all(int(a.get("val")) > 0 for a in chart.iterfind(".//c:axId", NS))


def test_column_and_line_on_a_second_axis(gallery):
    chart = charts_by_title(gallery)["Fälle und Quote"]
    assert [s.find("c:tx//c:v", NS).text for s in chart.findall(".//c:barChart/c:ser", NS)] == ["Fälle"]
    assert [s.find("c:tx//c:v", NS).text for s in chart.findall(".//c:lineChart/c:ser", NS)] == [
        "je 10.000 EW"
    ]
    positions = [a.find("c:axPos", NS).get("val") for a in chart.findall(".//c:valAx", NS)]
    assert positions == ["l", "r"]
    secondary = chart.findall(".//c:valAx", NS)[1]
    assert None is not secondary.find(
        "c:title//a:t", {**NS, "a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
    )
    assert chart.find(".//c:lineChart/c:ser/c:dLbls/c:dLblPos", NS).get("val") == "t"


def test_axis_format_is_its_own(gallery):
    charts = charts_by_title(gallery)
    axis = charts["Linie"].find(".//c:valAx/c:numFmt", NS).get("formatCode")
    labels = charts["Linie"].find(".//c:dLbls/c:numFmt", NS).get("formatCode")
    assert labels.endswith("#,##0.00") and axis.endswith("#,##0.0")  # 7,25 on the point, 7,5 on the axis
    assert charts["Säulen"].find(".//c:valAx/c:numFmt", NS).get("formatCode").endswith("#,##0")
    assert "\u00a0%" in charts["Anteile"].find(".//c:valAx/c:numFmt", NS).get("formatCode")


def test_bars_read_from_the_top(gallery):
    chart = charts_by_title(gallery)["Balken"]
    assert chart.find(".//c:catAx/c:scaling/c:orientation", NS).get("val") == "maxMin"
    assert chart.find(".//c:valAx/c:crosses", NS).get("val") == "max"


def test_pie_and_doughnut_labels(gallery):
    charts = charts_by_title(gallery)
    pie = charts["Torte"].find(".//c:dLbls", NS)
    assert pie.find("c:showVal", NS).get("val") == "1" and pie.find("c:showPercent", NS).get("val") == "0"
    ring = charts["Ring"].find(".//c:dLbls", NS)
    assert ring.find("c:showPercent", NS).get("val") == "1"
    assert "\u00a0%" in ring.find("c:numFmt", NS).get("formatCode")


def test_timeline_legend_from_the_data_and_open_periods(gallery):
    chart = charts_by_title(gallery)["Zeitplan"]
    assert chart.find(".//c:legend", NS) is not None
    names = [s.find("c:tx//c:v", NS).text for s in chart.findall(".//c:ser", NS)]
    assert names == ["\u200b", "Priorität 1", "Priorität 2"]  # the invisible start has no visible name

    bars = chart.findall(".//c:ser", NS)[2]  # priority 2: the open task
    assert None is not bars.find(
        "c:dPt/c:spPr/a:gradFill", {**NS, "a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
    )
    labels = [v.text for v in chart.findall(".//c:ser", NS)[0].findall("c:cat//c:pt/c:v", NS)]
    assert labels[1] == "1.1 Eine Aufgabe mit einem recht\nlangen Titel, der umbricht"  # wrapped, not cut


def test_a_second_axis_without_title_is_reported(minimal):
    """A line on a right-hand axis needs the axis' title (CG442); with y2_title: none."""
    from conceptgen.pipeline import check_project

    chart = GALLERY.split("\n  - ")[2].replace("\n    ", " ").replace("\n       ", " ")
    (minimal / "charts.yaml").write_text("charts:\n  - " + chart.replace("y2_title: je 10.000 EW,", ""))
    found = [d for d in check_project(minimal).diagnostics if d.code == "CG442"]
    assert len(found) == 1 and "kombi" in found[0].message and found[0].location.line == 2
    (minimal / "charts.yaml").write_text("charts:\n  - " + chart)
    assert not [d for d in check_project(minimal).diagnostics if d.code == "CG442"]


def test_timeline_as_a_picture_draws_a_bar_per_period():
    """A timeline with render: image (its bars carry whether a period is open) is drawn, a bar each,
    from start to end — it stopped with „too many values to unpack“ before."""
    from conceptgen.data.charts import ChartResult
    from conceptgen.language import Language
    from conceptgen.model.charts import Chart
    from conceptgen.render.chart_images import draw

    chart = Chart(id="plan", type="timeline", title="Zeitplan", alt="Zeitplan", render="image")
    bars = [("Beratung", 2024.0, 2025.5, 1, False), ("Quartierstreff", 2025.0, 2027.0, 2, True)]
    figure = draw(
        ChartResult(chart, bars=bars), palette=["1F4E79"], language=Language("de"), width_emu=5_000_000
    )
    drawn = [(round(p.get_x(), 1), round(p.get_x() + p.get_width(), 1)) for p in figure.axes[0].patches]
    assert drawn == [(2024.0, 2025.5), (2025.0, 2027.0)]
