"""A Sozialraumanalyse as documents: maps (areas, classes, legend), the method stated from the declaration,
the ranking with hidden values, one profile per area, the export workbook."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from docx import Document

from conceptgen.language import Language
from conceptgen.pipeline import check_project, render_project
from tests.conftest import FIXTURES, replace_in

pytestmark = pytest.mark.slow  # renders the example projects

UNITS = ["city", "hafen", "nordmarkt", "eving", "brechten"]
WP_DOC_PR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    target = tmp_path / "sozialraum"
    shutil.copytree(FIXTURES / "sozialraum", target)
    return target


def social(project: Path):
    result = check_project(project)
    assert result.ok, [d.format() for d in result.diagnostics]
    return result


def test_indicator_map_has_every_area_and_its_classes(project):
    from matplotlib.collections import PathCollection

    from conceptgen.document.maps import indicator_map
    from conceptgen.render.maps import choropleth, choropleth_figure

    s = social(project).data.social
    figure = indicator_map(s, "sgb2", 2023, Language.of("de"))
    # 2023: SGB II 10, 20, 15, 5 (Brechten's 2 cases hidden, Eving hidden with it): three values shown
    assert figure.classes["brechten"] is None and figure.missing["brechten"] == "nicht veröffentlicht"
    assert figure.classes["eving"] is None
    shown = [figure.classes[a] for a in ("city", "hafen", "nordmarkt")]
    assert shown == [0, 2, 1] and len(figure.legend) == 3  # quantile classes of 10, 15, 20
    assert figure.legend[0].startswith("bis 13,3") and figure.legend[-1].startswith("über 16,7")
    plot = choropleth_figure(figure, ["1F4E79", "C55A11"], Language.of("de"))
    ax = plot.axes[0]
    paths = sum(len(c.get_paths()) for c in ax.collections if isinstance(c, PathCollection))
    assert paths == 6  # five areas, Brechten of two polygons
    legend = [t.get_text() for t in plot.legends[0].get_texts()]
    assert legend == [*figure.legend, "nicht veröffentlicht"]
    assert "Geometrie: Teststadt" in [t.get_text() for t in plot.texts]
    png = choropleth(figure, ["1F4E79"], Language.of("de"))
    from PIL import Image

    image = Image.open(io.BytesIO(png))
    assert abs(image.size[0] - 16 / 2.54 * 200) <= 2  # 16 cm at 200 dpi: crisp at print size
    assert round(image.info["dpi"][0]) == 200


def test_index_map_keeps_not_rated_apart(project):
    from conceptgen.document.maps import index_map

    s = social(project).data.social
    figure = index_map(s, "status", 2023, Language.of("de"))
    assert figure.classes["brechten"] is None and figure.missing["brechten"] == "nicht bewertet"
    assert [figure.classes[a] for a in UNITS[:4]] == [1, 2, 1, 0]
    assert len(figure.legend) == 4 and figure.legend[0].startswith("hoch (bis −1,00")


def test_geometry_joined_by_code(project):
    path = project / "data" / "bezirke.geojson"
    data = json.loads(path.read_text(encoding="utf-8"))
    stray = json.loads(json.dumps(data["features"][0]))
    stray["properties"] = {"nr": "999", "name": "Flughafen"}
    data["features"][4]["properties"]["nr"] = "121"  # Brechten under a wrong code
    data["features"].append(stray)
    path.write_text(json.dumps(data), encoding="utf-8")
    found = {d.code: d for d in check_project(project).diagnostics}
    assert "„Brechten“ (120) hat keine Form" in found["CG613"].message
    assert "Code „121“" in found["CG614"].message or "Code „999“" in found["CG614"].message


def test_report_and_one_profile_per_area(project, tmp_path):
    replace_in(
        project / "project.yaml",
        "  - output: bericht.docx\n",
        "  - output: bericht.docx\n  - template: profil\n    repeat: unit\n"
        "    output: Profile/Profil-{code}-{name}.docx\n",
    )
    outputs = render_project(project, tmp_path / "out", libreoffice=False).outputs
    profiles = sorted(p.name for p in outputs if p.parent.name == "Profile")
    assert profiles == [
        "Profil-010-City.docx",
        "Profil-020-Hafen.docx",
        "Profil-030-Nordmarkt.docx",
        "Profil-110-Eving.docx",
        "Profil-120-Brechten.docx",
    ]
    hafen = Document(str(tmp_path / "out" / "Profile" / "Profil-020-Hafen.docx"))
    text = "\n".join(p.text for p in hafen.paragraphs)
    assert "Hafen" in [p.text for p in hafen.paragraphs if p.style.name == "Title"]
    assert "Statusindex 2023: 1,40, Klasse „niedrig“, Rang 1 von 4" in text
    assert "Jugendtreff Hafen" in text
    rows = [[c.text for c in row.cells] for row in hafen.tables[0].rows]
    assert rows[0][1:4] == [
        "Hafen",
        "Stadtbezirk Innenstadt",
        "Stadt gesamt",
    ]  # no region named: never the client
    assert rows[1][:3] == ["SGB-II-Quote (%)", "20,0", "16,1"]
    pictures = hafen.element.body.findall(
        ".//{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
    )
    assert {p.get("descr").split(":")[0] for p in pictures} == {"Säulendiagramm", "Lagekarte"}
    # comparison chart and locator map side by side in one paragraph, each under its title: one page
    [pair] = [p for p in hafen.paragraphs if len(p._p.findall(".//" + WP_DOC_PR)) == 2]
    assert pair.text.startswith("Statusindex im Vergleich") and pair.text.split("\t")[1].startswith(
        "Lage im Stadtgebiet"
    )
    report = Document(str(tmp_path / "out" / "bericht.docx"))
    headings = [p for p in report.paragraphs if p.style.name == "Heading 2" and p.text[:3].isdigit()]
    # in the report each profile after the first begins a page (never at the foot of the one before)
    assert [h.paragraph_format.page_break_before for h in headings] == [None, True, True, True, True]
    headings = [p.text for p in report.paragraphs if p.style.name == "Heading 2"]
    assert [h for h in headings if h[:3].isdigit()] == [
        "010 City",
        "020 Hafen",
        "030 Nordmarkt",
        "110 Eving",
        "120 Brechten",
    ]
    ranking = next(t for t in report.tables if t.rows[0].cells[0].text == "Rang")
    eving = next(r for r in ranking.rows if r.cells[1].text == "110 Eving")
    assert [c.text for c in eving.cells][4:6] == ["·", "·"]  # hidden with Brechten (secondary)


def test_method_is_stated_from_the_declaration(project, tmp_path):
    render_project(project, tmp_path / "out", libreoffice=False)
    report = Document(str(tmp_path / "out" / "bericht.docx"))
    text = "\n".join(p.text for p in report.paragraphs)
    assert "Gewichte: SGB-II-Quote 1, Arbeitslosenquote 1" in text
    assert "zᵢ = (xᵢ − x̄ᵢ) / sᵢ" in text
    assert "aus der Veränderung der Indikatoren zum Vorjahr" in text
    classes = next(t for t in report.tables if t.rows[0].cells[0].text == "Klasse")
    assert [[c.text for c in r.cells] for r in classes.rows][1:] == [
        ["hoch", "bis −1,00", "1"],
        ["mittel", "über −1,00 bis 1,00", "2"],
        ["niedrig", "über 1,00 bis 1,50", "1"],
        ["sehr niedrig", "über 1,50", "0"],
    ]


def test_export_workbook(project, tmp_path):
    replace_in(project / "sozialraum.yaml", "  geometry:", "  export: Sozialraumdaten.xlsx\n  geometry:")
    render_project(project, tmp_path / "out", libreoffice=False)
    import openpyxl

    book = openpyxl.load_workbook(tmp_path / "out" / "Sozialraumdaten.xlsx")
    assert book.sheetnames == ["2023", "2022", "Methode"]
    sheet = book["2023"]
    header = [c.value for c in sheet[1]]
    assert header[:6] == [
        "Nr.",
        "Statistischer Bezirk",
        "Art",
        "übergeordnet",
        "SGB-II-Quote (%)",
        "Arbeitslosenquote (%)",
    ]
    rows = {r[1]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["Hafen"][4] == 20.0 and rows["Brechten"][4] == "·"
    assert rows["Hafen"][header.index("Statusindex: Rang")] == 1
    assert rows["Innenstadt"][4] == pytest.approx(16.1)


def test_maps_without_geometry_are_reported_not_dropped_in_silence(project):
    """A project without boundaries: the maps the outline places and the profiles' locator maps are
    reported where they are placed (CG440, CG441), once a place — not once a profile document or area;
    render still succeeds."""
    text = (project / "sozialraum.yaml").read_text(encoding="utf-8")
    kept = [line for line in text.splitlines(keepends=True) if "bezirke.geojson" not in line]
    (project / "sozialraum.yaml").write_text("".join(kept).replace("  geometry:\n", ""), encoding="utf-8")
    replace_in(
        project / "project.yaml",
        "  - output: bericht.docx\n",
        "  - output: bericht.docx\n  - template: profil\n    repeat: unit\n"
        "    output: Profile/Profil-{code}-{name}.docx\n",
    )
    found = [d for d in check_project(project).diagnostics if d.code in ("CG440", "CG441")]
    assert {d.code for d in found} == {"CG440", "CG441"}
    lost = next(d for d in found if d.code == "CG440")
    assert "keine Gebietsgrenzen" in lost.message and "bericht.docx" in lost.message
    assert "sozialraum.yaml" in lost.hint
    profiles = [d for d in found if d.code == "CG441"]
    assert len({str(d.location) for d in profiles}) == len(profiles)  # each place once
    assert sum("Profile/Profil-" in d.message for d in profiles) == 1  # not once a profile document


def test_maps_carry_legend_title_north_arrow_labels_and_key(project):
    """An atlas map: the legend's title names what is mapped and its unit; north arrow and scale bar;
    each area labelled at its pole of inaccessibility — its name where it fits, else its number, and the
    numbers keyed to names beside the map."""
    from conceptgen.document.maps import indicator_map
    from conceptgen.render.maps import _place_labels, choropleth_figure

    s = social(project).data.social
    figure = indicator_map(s, "sgb2", 2023, Language.of("de"))
    assert figure.legend_title == "SGB-II-Quote 2023 (%)"
    plot = choropleth_figure(figure, ["1F4E79", "C55A11"], Language.of("de"))
    assert plot.legends[0].get_title().get_text() == "SGB-II-Quote 2023 (%)"
    ax = plot.axes[0]
    assert "N" in [t.get_text() for t in ax.texts]  # the north arrow's letter
    assert any(t.get_text().endswith("km") for t in ax.texts)  # the scale bar
    layer = figure.layer
    from shapely.geometry import Point, Polygon

    for area, shape in layer.shapes.items():
        largest = max((Polygon(p[0], p[1:]) for p in shape.polygons), key=lambda p: p.area)
        assert largest.contains(Point(shape.label)), area  # the label inside its largest part
        # the pole of inaccessibility: as far from the edge as any point of the polygon (to 10 m)
        assert abs(shape.room - largest.boundary.distance(Point(shape.label))) < 1e-9
        assert shape.room >= largest.boundary.distance(largest.representative_point()) - 0.011
    x0, _y0, x1, _y1 = layer.bounds
    labels = _place_labels(figure, (x1 - x0) / (16 / 2.54 * 0.66))
    texts = [t.get_text() for t in plot.texts]
    for area, (text, named) in labels.items():
        assert text == (figure.names[area] if named else figure.labels[area])
        if not named:  # a number on the map is keyed to its name
            assert figure.labels[area] in texts and figure.names[area] in texts


def test_bivariate_map_of_status_and_dynamics(project):
    from conceptgen.document.maps import bivariate_map
    from conceptgen.render.maps import _colours, choropleth_figure

    s = social(project).data.social
    figure = bivariate_map(s, "status", "dynamik", 2023, Language.of("de"))
    rows, columns = figure.bivariate
    assert rows == ["hoch", "mittel", "niedrig", "sehr niedrig"] and len(columns) == 3
    status = s.indices["status"][2023].entries
    dynamics = s.indices["dynamik"][2023].entries
    for area, cls in figure.classes.items():
        if cls is None:
            assert figure.missing[area] == "nicht bewertet"
        else:
            assert divmod(cls, len(columns)) == (status[area].cls, dynamics[area].cls)
    colours = _colours(figure, ["1F4E79", "C55A11"])
    assert len(set(colours)) == len(rows) * len(columns)  # one colour per pair of classes
    plot = choropleth_figure(figure, ["1F4E79", "C55A11"], Language.of("de"))
    texts = [t.get_text() for t in plot.texts]
    assert {"Statusindex", "Dynamikindex", *rows, *columns} <= set(texts)
