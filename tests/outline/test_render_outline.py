"""Outlines rendered: short versions, own chapters, texts between blocks, block parameters, references
into other documents, unnumbered chapters, heading levels of texts and snippets."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from conceptgen.pipeline import check_project, render_project
from tests.conftest import replace_in

pytestmark = pytest.mark.slow  # renders the example projects


def paragraphs(path: Path) -> list[tuple[str, str]]:
    """(style name, text) of every body paragraph, in order (table cells left out)."""
    doc = Document(str(path))
    return [(p.style.name, p.text) for p in doc.paragraphs]


def headings(path: Path, level: int = 1) -> list[str]:
    return [text for style, text in paragraphs(path) if style == f"Heading {level}"]


def body_text(path: Path) -> str:
    return "\n".join(text for _style, text in paragraphs(path))


SHORT = """  - template: konzept
    output: Kurzfassung.docx
    title: Kurzfassung
    chapters: [einleitung, ziele, massnahmen]
"""


def test_short_version_of_neuss_renders_both_documents(neuss_copy, tmp_path):
    """The issue's reproduction: a second document with chapters: renders, and so does the full one."""
    replace_in(neuss_copy / "project.yaml", "  - template: analyse\n", SHORT + "  - template: analyse\n")
    result = check_project(neuss_copy)
    assert result.ok, [d.format() for d in result.diagnostics]
    outputs = render_project(neuss_copy, tmp_path / "out", libreoffice=False).outputs
    names = sorted(p.name for p in outputs)
    assert "Kurzfassung.docx" in names and "Wohnungsnotfallkonzept-Rhein-Kreis-Neuss.docx" in names
    short = tmp_path / "out" / "Kurzfassung.docx"
    assert headings(short) == ["Einleitung", "Zielsystem", "Maßnahmen"]
    text = body_text(short)
    # @tab:kennzahlen lives in chapter 7 of the full concept, which the short version leaves out
    assert "Kennzahlen in Kapitel\u00a07 in „Anlage 1: Kreisweites Wohnungsnotfallkonzept“" in text
    # @sec:massnahmen is in the short version itself: its own number
    assert "Maßnahmen in Kapitel\u00a03 dienen" in text
    # @sec:bestand (chapter 4 of the full concept) from the introduction
    assert "Kapitel\u00a04 in „Anlage 1: Kreisweites Wohnungsnotfallkonzept“" in text
    full = headings(tmp_path / "out" / "Wohnungsnotfallkonzept-Rhein-Kreis-Neuss.docx")
    assert full[:3] == ["Einleitung", "Vorgehen und Beteiligung", "Begriffe und rechtlicher Rahmen"]
    doc = Document(str(short))
    refs = [t.text for t in doc.element.body.iter(qn("w:instrText")) if t.text.strip().startswith("REF")]
    bookmarks = {b.get(qn("w:name")) for b in doc.element.body.iter(qn("w:bookmarkStart"))}
    assert all(r.split()[1] in bookmarks for r in refs), (
        "every cross-reference field points into the document"
    )


OWN = """    outline:
      - chapter: Wohnungsmarkt
        label: markt
        content:
          - text: wohnungsmarkt
      - chapter: Vorwort
        numbered: false
        content: [{text: einleitung}]
      - chapter: Maßnahmen
        label: massnahmen
        content:
          - text: massnahmen_intro
          - block: measure_overview
          - text: zwischen
          - page_break: true
          - section: Steckbriefe
            content:
              - text: steckbriefe
              - block: measure_sheets
                measures: ["1"]
"""


def test_own_outline_with_texts_between_blocks(minimal, tmp_path):
    replace_in(minimal / "project.yaml", "  - output: test.docx\n", "  - output: test.docx\n" + OWN)
    text = minimal / "text"
    (text / "wohnungsmarkt.md").write_text(
        "Der Wohnungsmarkt ist angespannt (siehe @sec:massnahmen).\n\n## Mieten\n\nMieten steigen.\n",
        encoding="utf-8",
    )
    (text / "massnahmen_intro.md").write_text("Vor der Übersicht.\n", encoding="utf-8")
    (text / "zwischen.md").write_text("Zwischen Übersicht und Steckbriefen.\n", encoding="utf-8")
    (text / "steckbriefe.md").write_text("## Hinweis\n\nIm Abschnitt.\n", encoding="utf-8")
    result = check_project(minimal)
    codes = [d.code for d in result.diagnostics]
    assert result.ok and set(codes) <= {"CG117"}, [d.format() for d in result.diagnostics]
    assert sorted(d.message.split()[0] for d in result.diagnostics) == [
        "text/rahmen.md",
        "text/umsetzung.md",
        "text/vorgehen.md",
    ]
    [path] = render_project(minimal, tmp_path / "out", libreoffice=False).outputs
    found = paragraphs(path)
    order = [text for _style, text in found]
    body = order[order.index("Wohnungsmarkt") :]
    assert body.index("Vor der Übersicht.") < body.index("Zwischen Übersicht und Steckbriefen.")
    assert body.index("Zwischen Übersicht und Steckbriefen.") < body.index("Steckbriefe")
    assert ("Heading 2", "Mieten") in found  # ## in a chapter's text: one below the chapter
    assert ("Heading 3", "Hinweis") in found  # ## in a section's text: one below the section
    assert ("Heading 3", "Maßnahme 1: Maßnahme eins") in found  # the snippet's Heading 2, moved down
    assert "Der Wohnungsmarkt ist angespannt (siehe Kapitel\u00a02)." in order
    doc = Document(str(path))
    vorwort = next(p for p in doc.paragraphs if p.text == "Vorwort")
    assert vorwort._p.pPr.numPr.numId.val == 0
    toc = [p.text.split("\t")[0] for p in doc.paragraphs if p.style.name == "toc 1"]
    assert toc == ["1 Wohnungsmarkt", "Vorwort", "2 Maßnahmen"]
    breaks = [p for p in doc.paragraphs if p._p.find(".//" + qn("w:br")) is not None and not p.text]
    assert breaks, "the page break of the outline"


def test_named_outline_and_text_override(minimal, tmp_path):
    (minimal / "outlines.yaml").write_text(
        "outlines:\n  kurz:\n    - chapter: Einleitung\n      content: [{text: einleitung}]\n",
        encoding="utf-8",
    )
    (minimal / "text" / "einleitung_kurz.md").write_text("Die kurze Einleitung.\n", encoding="utf-8")
    replace_in(
        minimal / "project.yaml",
        "  - output: test.docx\n",
        "  - output: test.docx\n  - output: kurz.docx\n    outline: kurz\n"
        "    texts: {einleitung: einleitung_kurz}\n",
    )
    result = check_project(minimal)
    assert result.ok, [d.format() for d in result.diagnostics]
    render_project(minimal, tmp_path / "out", libreoffice=False)
    short = tmp_path / "out" / "kurz.docx"
    assert headings(short) == ["Einleitung"]
    assert "Die kurze Einleitung." in body_text(short)
    assert "Absatz eins zu einleitung." not in body_text(short)


def test_unused_chart_and_text_are_warned(neuss_copy):
    # with only outlined documents, what no outline places is reported
    replace_in(
        neuss_copy / "project.yaml",
        "  - template: analyse\n    output: Angebots-und-Bedarfsanalyse-Rhein-Kreis-Neuss.docx\n"
        '    title: "Anlage 2: Angebots- und Bedarfsanalyse"\n',
        "",
    )
    found = {
        (d.code, d.message.split("'")[1] if "'" in d.message else d.message.split()[0])
        for d in check_project(neuss_copy).diagnostics
    }
    assert ("CG117", "text/analyse_einleitung.md") in found
    assert any(code == "CG118" for code, _ in found)


def test_networks_and_events_are_shown(minimal, tmp_path):
    (minimal / "participation.yaml").write_text(
        """networks:
  - id: rt
    name: Runder Tisch Wohnen
    kind: Runder Tisch
    lead: Sozialamt
    members: [Sozialamt, Caritas, Wohnungsunternehmen]
    rhythm: viermal jährlich
    description: Der Runde Tisch stimmt die Hilfen ab.
events:
  - id: werkstatt
    title: Werkstatt Quartier
    kind: Werkstatt
    date: 2024-03-14
    place: Bürgerhaus
    participants: 42
    results: [Bedarfe gesammelt]
  - id: tagung
    title: Fachtagung Wohnen
    date: 2023-11-02
""",
        encoding="utf-8",
    )
    [path] = render_project(minimal, tmp_path / "out", libreoffice=False).outputs
    doc = Document(str(path))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "Runder Tisch Wohnen (Runder Tisch)" in cells and "viermal jährlich" in cells
    assert "Werkstatt Quartier" in cells and "42" in cells  # its kind not repeated: the title names it
    dates = [c for c in cells if c in ("2.\u00a0November 2023", "14.\u00a0März 2024")]
    assert dates == ["2.\u00a0November 2023", "14.\u00a0März 2024"]  # events in date order
    assert "Der Runde Tisch stimmt die Hilfen ab." in body_text(path)
    assert {"Netzwerke und Partner", "Veranstaltungen"} <= set(headings(path, 2))


def test_city_vocabulary(minimal, tmp_path):
    replace_in(
        minimal / "project.yaml",
        "concept_type: Wohnungsnotfallkonzept\n",
        "concept_type: Wohnungsnotfallkonzept\nvocabulary:\n  levels: [gesamtstädtisch, Sozialraum]\n"
        "  terms: {region: Stadt, area_unit: Stadtbezirk, area_units: Stadtbezirke}\n",
    )
    replace_in(minimal / "measures.yaml", "level: kommunal", "level: Sozialraum")
    [path] = render_project(minimal, tmp_path / "out", libreoffice=False).outputs
    assert "Angebote nach Stadtbezirk" in headings(path, 2)


def test_task_costs_are_listed_and_summed(minimal, tmp_path):
    replace_in(
        minimal / "measures.yaml",
        "        horizon: kurzfristig",
        "        horizon: kurzfristig\n        costs: {amount: 1000, interval: jährlich, funding: Land}",
    )
    [path] = render_project(minimal, tmp_path / "out", libreoffice=False).outputs
    doc = Document(str(path))
    table = next(t for t in doc.tables if [c.text for c in t.rows[0].cells][2:3] == ["Kosten"])
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[2][:3] == ["1.1", "Aufgabe eins", "1.000\u00a0€ pro Jahr"]
    assert rows[-1][0] == "Summe pro Jahr" and rows[-1][2] == "2.234,50\u00a0€"
    assert "Kosten: 1.000\u00a0€ pro Jahr, Finanzierung: Land" in body_text(path)


def test_merklinde_example(tmp_path):
    """projects/merklinde: an own chapter (Quartiersfonds), a text between blocks, a quarter's vocabulary,
    a short version with its own introduction and an extract for one Teilbereich."""
    from tests.conftest import ROOT

    project = ROOT / "projects" / "merklinde"
    result = check_project(project)
    assert result.ok and result.diagnostics == [], [d.format() for d in result.diagnostics]
    out = tmp_path / "out"
    render_project(project, out, libreoffice=False)
    full = out / "Aktionsplan-Merklinde.docx"
    assert "Quartiersfonds" in headings(full) and "Angebote nach Teilbereich" not in headings(full, 2)
    order = [text for _style, text in paragraphs(full)]
    overview = next(i for i, t in enumerate(order) if t.startswith("Tabelle\u00a016: Maßnahmen und Aufgaben"))
    between = next(i for i, t in enumerate(order) if t.startswith("Quartiersfonds und Hof- und Fassaden"))
    sheets = order.index("Maßnahmenblätter")
    assert overview < between < sheets  # the text stands between the two blocks
    extract = out / "Auszug-Teilbereich-Harkortschule.docx"
    assert headings(extract) == ["Der Teilbereich Harkortschule", "Maßnahmen im Teilbereich", "Kosten"]
    assert headings(extract, 2) == [
        "Angebote",
        "Maßnahme 2: Begegnungszentrum Harkortschule",
        "Maßnahme 3: Quartiersplatz an der Harkortschule",
    ]
    doc = Document(str(extract))
    costs = next(t for t in doc.tables if [c.text for c in t.rows[0].cells][2:3] == ["Kosten"])
    assert [c.text for c in costs.rows[-1].cells][:3] == [
        "Summe einmalig",
        "Summe einmalig",
        "4.850.000\u00a0€",
    ]
    short = out / "Aktionsplan-Merklinde-Kurzfassung.docx"
    assert headings(short) == ["Einleitung", "Maßnahmen", "Kosten, Finanzierung und Zeitplan"]
    text = body_text(short)
    assert "Diese Kurzfassung stellt dem Ausschuss" in text
    assert "in Kapitel\u00a04 in „Aktionsplan Merklinde“" in text  # @tab:fonds, only in the full plan
