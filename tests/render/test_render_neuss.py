"""End-to-end: render projects/neuss and read the document back with python-docx."""

from __future__ import annotations

import itertools
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from conceptgen.pipeline import render_project
from tests.conftest import NEUSS, require_libreoffice

pytestmark = pytest.mark.slow  # renders the example projects

CHAPTERS = [
    "Einleitung",
    "Vorgehen und Beteiligung",
    "Begriffe und rechtlicher Rahmen",
    "Bestandsaufnahme: Angebote",
    "Bedarfsanalyse",
    "Zielsystem",
    "Kennzahlen",
    "Maßnahmen",
    "Umsetzung, Finanzierung und Monitoring",
    "Quellen",
    "Abkürzungen",
]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("neuss")
    result = render_project(NEUSS, out)
    [path] = [p for p in result.outputs if p.name.startswith("Wohnungsnotfallkonzept")]
    return path


@pytest.fixture(scope="module")
def doc(rendered):
    return Document(str(rendered))


def all_text(doc) -> str:
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    for section in doc.sections:
        parts.extend(p.text for p in section.header.paragraphs)
        parts.extend(p.text for p in section.footer.paragraphs)
    return "\n".join(parts)


def test_output_name_from_project_yaml(rendered):
    assert rendered.name == "Wohnungsnotfallkonzept-Rhein-Kreis-Neuss.docx"


def test_all_chapters_in_order(doc):
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings == CHAPTERS


def test_heading_levels_and_numbering_style(doc):
    levels = [int(p.style.name[-1]) for p in doc.paragraphs if p.style.name.startswith("Heading ")]
    assert levels[0] == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels))  # no skipped level
    numbered = doc.styles["Heading 1"].element.pPr.find(qn("w:numPr"))
    assert numbered is not None


def test_every_measure_and_task_present(doc):
    from conceptgen.loading import load_project
    from conceptgen.model.validate import validate_concept

    concept, _ = validate_concept(load_project(NEUSS)[0])
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 3"]
    text = all_text(doc)
    assert len(concept.measures) == 3
    assert sum(len(m.tasks) for m in concept.measures) == 13
    for measure in concept.measures:
        assert f"Maßnahme {measure.id}: {measure.title}" in headings
        for task in measure.tasks:
            assert task.id in text and task.title in text


def test_no_template_tags_left(rendered):
    with zipfile.ZipFile(rendered) as z:
        for name in z.namelist():
            if name.endswith(".xml"):
                xml = z.read(name).decode("utf-8")
                assert "{{" not in xml and "{%" not in xml and "%}" not in xml, name


def test_tables_have_repeating_header_rows(doc):
    assert len(doc.tables) >= 20
    for table in doc.tables:
        first = table.rows[0]._tr
        assert first.trPr is not None and first.trPr.find(qn("w:tblHeader")) is not None
        assert table.style.name == "Konzept Tabelle"


def test_cover_and_sample_notice(doc):
    cover = [p.text for p in doc.paragraphs[:30]]
    assert "Kreisweites Wohnungsnotfallkonzept" in cover
    notice = next(t for t in cover if t.startswith("Beispielinhalte:"))
    assert "Maßnahmen 2, 3 (mit ihren Aufgaben); Aufgaben 1.4, 1.5" in notice  # 1.1–1.3 are public
    assert "5 Angebote und 12 Kapazitätsangaben (mit * gekennzeichnet)" in notice
    assert "Werte der Kennzahlen K1, K2, K3, K4, K5, K6" in notice
    assert "2.\u00a0Mai 2024 · Version 1.0 · Endfassung" in cover


def test_german_formats(doc):
    text = all_text(doc)
    assert "2.231*\u00a0(2024)" in text  # thousands point, the year kept with the value, a sample value
    assert "49,1\u00a0je 10.000\u00a0EW*\u00a0(2024)" in text  # decimal comma, the year kept with the value
    assert "500.000\u00a0€ pro Jahr" in text  # measure 1 with its tasks (shown as „davon“)
    assert "27.\u00a0Oktober 2022" in text


def test_header_footer_and_fields(rendered, doc):
    footer = doc.sections[0].footer._element.xml
    assert "PAGE" in footer and "NUMPAGES" in footer and "Seite" in footer
    assert doc.sections[0].different_first_page_header_footer
    body = doc.element.body.xml
    assert 'TOC \\o "1-3"' in body


def toc_entries(doc, style_prefix="toc"):
    entries = []
    for p in doc.paragraphs:
        if p.style.name.startswith(style_prefix):
            entries.append(p.text)
    return entries


def test_toc_filled_with_page_numbers(doc):
    require_libreoffice()
    entries = toc_entries(doc)
    assert entries[0].startswith("1 Einleitung") and entries[0].rstrip()[-1].isdigit()
    chapters = [e for e in entries if e.split(" ", 1)[0].isdigit()]
    assert len(chapters) == len(CHAPTERS)
    pages = [int(e.split("\t")[-1]) for e in chapters]
    assert pages == sorted(pages) and pages[0] >= 3
    # with the TOC filled, Word need not update fields on opening
    assert doc.settings.element.find(qn("w:updateFields")) is None


def test_list_of_tables_numbered(doc):
    entries = toc_entries(doc, "table of figures")
    assert entries[0].startswith("Tabelle\u00a01: Mitglieder der Arbeitsgruppe")
    assert len(entries) == len([p for p in doc.paragraphs if p.style.name == "Caption"])


def test_captions_are_seq_fields(doc):
    all_captions = [p for p in doc.paragraphs if p.style.name == "Caption"]
    figures = [p.text.strip() for p in all_captions if p.text.strip().startswith("Abbildung")]
    assert figures[0] == "Abbildung\u00a01: Ablauf der Konzepterstellung"
    assert [f.split(":")[0] for f in figures] == [f"Abbildung\u00a0{n}" for n in range(1, len(figures) + 1)]
    captions = [p for p in all_captions if p.text.startswith("Tabelle")]
    assert [p.text.split(":")[0] for p in captions] == [
        f"Tabelle\u00a0{n}" for n in range(1, len(captions) + 1)
    ]
    instr = "".join(t.text for t in captions[0]._p.iter(qn("w:instrText")))
    assert "SEQ Tabelle" in instr
    assert "[[" not in "".join(p.text for p in doc.paragraphs)


def test_without_libreoffice_word_updates_fields(tmp_path):
    result = render_project(NEUSS, tmp_path, libreoffice=False)
    doc = Document(str(result.outputs[0]))
    assert doc.settings.element.find(qn("w:updateFields")).get(qn("w:val")) == "true"
    assert [d.code for d in result.diagnostics] == ["CG407"] * 3  # one per document
    assert toc_entries(doc)[0].startswith("1 Einleitung")


def test_core_properties_and_language(doc):
    props = doc.core_properties
    assert props.title == "Anlage 1: Kreisweites Wohnungsnotfallkonzept"
    assert props.subject == "Wohnungsnotfallkonzept"
    assert props.language == "de-DE"
    lang = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert lang.find(qn("w:lang")).get(qn("w:val")) == "de-DE"


def test_participation_facts(doc):
    text = all_text(doc)
    assert "20 leitfadengestützte Interviews" in text
    assert "tagte fünfmal" in text  # counts up to twelve in words
    assert "umfasst drei Schlüsselmaßnahmen mit 13 Aufgaben" in text
    assert "umfasst 20 Angebote" in text
    assert "Fachberatungs- und Kontaktstelle für Wohnungsnotfälle in Dormagen" in text


def test_failing_libreoffice_falls_back_to_word(minimal, tmp_path, monkeypatch):
    broken = tmp_path / "soffice"
    broken.write_text("#!/bin/sh\nexit 1\n")
    broken.chmod(0o755)
    monkeypatch.setenv("CONCEPTGEN_SOFFICE", str(broken))
    result = render_project(minimal, tmp_path / "out")
    [d] = result.diagnostics
    assert d.code == "CG407" and "gescheitert" in d.message
    doc = Document(str(result.outputs[0]))
    assert doc.settings.element.find(qn("w:updateFields")).get(qn("w:val")) == "true"
