"""The three projects of the other concept types render, and their own blocks say what the data say: the
article matrix and register, benchmarks, SWOT, the study-area map, the financing plan whose printed
figures add up, priorities I–III and the Leichte-Sprache summary."""

from __future__ import annotations

import pytest
from docx import Document
from docx.oxml.ns import qn

from conceptgen.pipeline import render_project
from tests.conftest import ROOT

pytestmark = pytest.mark.slow  # renders the example projects


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    out = tmp_path_factory.mktemp("types")
    found = {}
    for name in ("bottrop-gewaltschutz", "bottrop-inklusion", "luenen"):
        for path in render_project(ROOT / "projects" / name, out / name, libreoffice=False).outputs:
            found[path.name] = Document(str(path))
    return found


def _table(doc, caption: str) -> list[list[str]]:
    """The rows of the table right after the caption that contains ``caption`` (after „Tabelle n: “)."""
    previous = ""
    for child in doc.element.body.iterchildren():
        if child.tag == qn("w:p"):
            previous = "".join(t.text or "" for t in child.iter(qn("w:t")))
        elif child.tag == qn("w:tbl"):
            if previous.startswith("Tabelle") and caption in previous:
                return [
                    ["".join(t.text or "" for t in tc.iter(qn("w:t"))) for tc in tr.iter(qn("w:tc"))]
                    for tr in child.iter(qn("w:tr"))
                ]
            previous = ""
    raise AssertionError(f"no table {caption!r}")


def _number(text: str) -> int:
    return int(text.replace(".", "")) if text.strip() else 0


def test_article_assessment(rendered):
    doc = rendered["Gewaltschutzkonzept-Bottrop.docx"]
    rows = _table(doc, "Bestandsaufnahme nach Artikeln der Istanbul-Konvention")
    assert rows[0] == ["Artikel", "Stand", "Befund", "Angebote", "Maßnahmen"]
    by_article = {r[0].split("\u00a0")[1].split(" ")[0]: r for r in rows[1:]}
    assert len(by_article) == 22
    assert by_article["23"][1] == "◐ teilweise erfüllt" and by_article["23"][3] == "AWO-Frauenhaus Bottrop"
    assert by_article["23"][4] == "3"  # measure 3 names article 23
    assert by_article["10"][1] == "○ nicht erfüllt" and by_article["10"][4] == "1"
    assert by_article["22"][1] == "● erfüllt" and by_article["22"][0].endswith("Hilfsdienste")  # public: no *
    summary = _table(doc, "Stand der Umsetzung der Istanbul-Konvention nach Kapiteln")
    assert summary[-1] == ["Summe", "4", "14", "4", "22"]
    assert summary[1][0].startswith("Kapitel II")  # chapters without an assessed article are left out


def test_benchmarks_table(rendered):
    rows = _table(rendered["Gewaltschutzkonzept-Bottrop.docx"], "Plätze und Kapazitäten im Vergleich")
    assert rows[1] == [
        "Familienplätze in Schutzunterkünften",
        "1 Familienplatz je 10.000 Einwohner*innen",
        "118.113",
        "11,8",
        "12",  # what exists is counted: 12 places, not „12,0“ (council member's finding)
        "0,2",
        "102",
    ]
    assert [r[4] for r in rows[2:]] == ["1", "0"]  # one Frauenberatungsstelle, none for sexualised violence
    assert rows[3][0] == "Beratungsstellen bei sexualisierter Gewalt" and rows[3][5] == "−0,3"


def test_a_fraction_of_a_benchmark_unit_keeps_its_decimal():
    from conceptgen.document.type_blocks import _counted
    from conceptgen.language import Language

    german = Language("de")
    assert [_counted(v, german) for v in (12.0, 0.0, 0.5, 1.5, 2.0)] == ["12", "0", "0,5", "1,5", "2"]


def test_article_register(rendered):
    doc = rendered["Inklusionsplan-Bottrop.docx"]
    rows = _table(doc, "Artikelregister")
    assert len(rows) == 1 + 28
    by_article = {r[0].split("\u00a0")[1].split(" ")[0]: r for r in rows[1:]}
    assert by_article["24"][1:] == ["Z1, Z1.1, Z1.2", "M1, M2"]
    assert by_article["10"][2] == "nicht adressiert"
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "18 von 28 Artikeln werden durch Ziele oder Maßnahmen aufgegriffen" in text


def test_chapter_per_field_of_action(rendered):
    doc = rendered["Inklusionsplan-Bottrop.docx"]
    chapters = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    fields = [c for c in chapters if c.startswith("Handlungsfeld ")]
    assert len(fields) == 7
    rows = _table(doc, "Maßnahmen und Aufgaben nach Priorität: Arbeit und Beschäftigung")
    assert [r[0] for r in rows if r[0].startswith("M")] == ["M3*", "M4*"]
    sheet = _table(doc, "Steckbrief Maßnahme M7")
    assert ["Artikel der UN-BRK", "Art.\u00a09 Zugänglichkeit; Art.\u00a020 Persönliche Mobilität"] in sheet


def test_leichte_sprache_summary(rendered):
    doc = rendered["Inklusionsplan-Bottrop-Leichte-Sprache.docx"]
    assert doc.styles["Body Text"].font.size.pt == 14
    paragraph = next(p for p in doc.paragraphs if p.text.startswith("Bottrop hat einen Plan gemacht."))
    assert len(paragraph._p.findall(f".//{qn('w:br')}")) == 3  # four lines, four sentences
    assert len(doc.inline_shapes) == 5  # a picture for each topic (Arbeit and Mitbestimmen had none)
    alts = [s._inline.docPr.get("descr") for s in doc.inline_shapes]
    assert "Ein Haus mit einer Rampe an der Tür." in alts


def test_financing_plan_figures_add_up(rendered):
    doc = rendered["InHK-StadtGartenQuartier-Luenen.docx"]
    costs = _table(doc, "Kosten der Projekte je Jahr")
    years = costs[0][1:-1]
    assert years == ["2017", "2018", "2019", "2020", "2021", "2022"]
    body, total = costs[1:-1], costs[-1]
    for row in body:  # every project's years add up to its sum
        assert sum(_number(c) for c in row[1:-1]) == _number(row[-1])
    for column in range(1, len(years) + 2):  # every column adds up to the total row
        assert sum(_number(r[column]) for r in body) == _number(total[column])
    assert total[-1] == "5.903.000"  # the running costs per year (Quartiersmanagement, Verfügungsfonds …)
    sources = _table(doc, "Finanzierung der Projekte nach Quellen")
    for row in sources[1:]:
        assert _number(row[3]) + _number(row[4]) + _number(row[5]) == _number(row[2])
    fund = next(r for r in sources if r[0].startswith("6.2"))
    assert fund[1:] == ["Verfügungsfonds", "120.000", "42.000", "18.000", "60.000"]  # half private (NRW)
    per_year = _table(doc, "Finanzierung je Jahr nach Quellen")
    assert per_year[-1] == ["Summe", "5.903.000", "3.566.500", "1.706.500", "630.000"]
    assert [r[1] for r in per_year[1:-1]] == total[1:-1]  # the same costs per year both ways


def test_swot_map_and_priorities(rendered):
    doc = rendered["InHK-StadtGartenQuartier-Luenen.docx"]
    swot = _table(doc, "Stärken, Schwächen, Chancen und Risiken")
    assert swot[0] == ["Stärken", "Schwächen"] and swot[2] == ["Chancen", "Risiken"]
    assert swot[1][0].startswith("• Lage am Rand der Innenstadt")
    alts = [s._inline.docPr.get("descr") for s in doc.inline_shapes]
    assert any(
        a.startswith("Karte: Das Untersuchungsgebiet und seine Teilräume. Gebiete: Rund um den Stadtgarten")
        for a in alts
    )
    sheet = _table(doc, "Steckbrief Maßnahme 2.1")
    assert ["Priorität", "Priorität I (hoch)"] in sheet
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Tabelle 26: Kosten und Finanzierung der Maßnahmen" not in text  # all of it is in the plan
