"""Markdown in text fields and text/*.md becomes real Word structure, read back from the docx."""

from __future__ import annotations

import shutil
import zipfile

import pytest
from docx import Document
from docx.oxml.ns import qn

from conceptgen.diagnostics import DiagnosticError
from conceptgen.pipeline import check_project, render_project
from tests.conftest import FIXTURES

RICH = """Ein **fetter** und ein *kursiver* Text mit [Link](https://www.rhein-kreis-neuss.de)
nach § 67 SGB XII, z. B. im Zeitraum 2024-2026 und mit "Zitat".[^eins] Siehe @tab:kennzahlen
und @sec:massnahmen, außerdem @mass:1 und @fig:bild [@Q1, S. 4].

1. erstens
2. zweitens
   - Unterpunkt
   - noch einer

Zwischentext.

1. wieder eins
2. wieder zwei

> Ein Zitat als Block.

Tabelle: Eine Tabelle im Text [[tab:text]]

| Spalte A | Spalte B |
|----------|---------:|
| a        | 1.234    |

![Ein Balkendiagramm der Fallzahlen](bild.png "Beispielbild [[fig:bild]]")

[^eins]: Eine Fußnote mit *Betonung*.
"""


@pytest.fixture
def rich(minimal):
    shutil.copy(FIXTURES / "bild.png", minimal / "bild.png")
    (minimal / "sources.yaml").write_text(
        "sources:\n  - {id: Q1, author: Destatis, title: Statistik, year: 2024}\n", encoding="utf-8"
    )
    (minimal / "text" / "rahmen.md").write_text(RICH, encoding="utf-8")
    return minimal


@pytest.fixture
def doc(rich, tmp_path):
    [path] = render_project(rich, tmp_path / "out", libreoffice=False).outputs
    return Document(str(path)), path


def paragraphs_after(document, heading_text):
    body = list(document.paragraphs)
    start = next(i for i, p in enumerate(body) if p.text == heading_text)
    return body[start + 1 :]


def test_inline_formatting_and_typography(doc):
    document, _ = doc
    p = next(p for p in document.paragraphs if p.text.startswith("Ein fetter"))
    bold = [r.text for r in p.runs if r.bold]
    italic = [r.text for r in p.runs if r.italic]
    assert bold == ["fetter"] and italic == ["kursiver"]
    assert "§\u00a067\u00a0SGB\u00a0XII" in p.text
    assert "z.\u00a0B." in p.text and "2024–2026" in p.text and "„Zitat“" in p.text
    assert "(Destatis 2024, S.\u00a04)" in p.text


def test_real_hyperlink(doc):
    document, _ = doc
    links = document.element.body.findall(".//" + qn("w:hyperlink"))
    external = [link for link in links if link.get(qn("r:id"))]
    assert external
    rel = document.part.rels[external[0].get(qn("r:id"))]
    assert rel.is_external and rel.target_ref == "https://www.rhein-kreis-neuss.de"


def test_footnote_in_footnotes_part(doc):
    document, path = doc
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/footnotes.xml").decode()
    assert "Eine Fußnote mit" in xml and "Betonung" in xml
    refs = document.element.body.findall(".//" + qn("w:footnoteReference"))
    assert len(refs) == 1 and f'w:id="{refs[0].get(qn("w:id"))}"' in xml


def test_lists_nest_and_restart(doc):
    document, _ = doc
    items = [
        p
        for p in document.paragraphs
        if p._p.pPr is not None and p._p.pPr.numPr is not None and p.style.name == "List Paragraph"
    ]
    by_text = {p.text: (int(p._p.pPr.numPr.numId.val), int(p._p.pPr.numPr.ilvl.val)) for p in items}
    assert by_text["erstens"][1] == 0 and by_text["Unterpunkt"][1] == 1
    assert by_text["erstens"][0] == by_text["zweitens"][0]
    first, second = by_text["erstens"][0], by_text["wieder eins"][0]
    assert first != second  # the second list is a new list instance …
    numbering = document.part.numbering_part.element
    for num in numbering.findall(qn("w:num")):
        if int(num.get(qn("w:numId"))) == second:  # … that starts again at 1
            starts = num.findall(".//" + qn("w:startOverride"))
            assert starts and all(s.get(qn("w:val")) == "1" for s in starts)


def test_quote_table_and_figure(doc):
    document, _ = doc
    quote = next(p for p in document.paragraphs if p.text == "Ein Zitat als Block.")
    assert quote.style.name == "Quote"
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Spalte A")
    assert table.style.name == "Konzept Tabelle"
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    caption = table._tbl.getprevious()
    assert "Tabelle" in "".join(t.text for t in caption.iter(qn("w:t")))
    doc_pr = document.element.body.find(".//" + qn("wp:docPr"))
    assert doc_pr.get("descr") == "Ein Balkendiagramm der Fallzahlen"
    captions = [p.text.strip() for p in document.paragraphs if p.style.name == "Caption"]
    assert "Abbildung\u00a01: Beispielbild" in captions


def test_references_resolved(doc):
    document, _ = doc
    p = next(p for p in document.paragraphs if p.text.startswith("Ein fetter"))
    text = p.text
    assert "@tab" not in text and "@sec" not in text and "@mass" not in text and "@fig" not in text
    assert (
        "Tabelle\u00a0" in text
        and "Kapitel\u00a07" in text  # Maßnahmen: the empty Bedarfsanalyse is left out
        and "Maßnahme\u00a01" in text
        and "Abbildung\u00a01" in text
    )
    instructions = [t.text for t in p._p.iter(qn("w:instrText"))]
    assert any(i.strip().startswith("REF cgtab") for i in instructions)
    anchors = [h.get(qn("w:anchor")) for h in p._p.iter(qn("w:hyperlink")) if h.get(qn("w:anchor"))]
    assert anchors and all(a.startswith("cg") for a in anchors)
    bookmarks = {b.get(qn("w:name")) for b in document.element.body.iter(qn("w:bookmarkStart"))}
    assert set(anchors) <= bookmarks


def test_unknown_reference_is_located(rich, tmp_path):
    (rich / "text" / "rahmen.md").write_text("Erste Zeile.\n\nSiehe @tab:gibtsnicht.\n", encoding="utf-8")
    with pytest.raises(DiagnosticError) as exc:
        render_project(rich, tmp_path / "out", libreoffice=False)
    [d] = [d for d in exc.value.diagnostics if d.level.value == "error"]
    assert d.code == "CG110" and d.location.file.endswith("rahmen.md") and d.location.line == 3
    assert not (tmp_path / "out").exists()


def test_text_checks_at_check_time(rich):
    (rich / "text" / "rahmen.md").write_text(
        "Zitat [@Q9].\n\n![](bild.png)\n\n![Alt](fehlt.png)\n\n@mass:7 fehlt.\n", encoding="utf-8"
    )
    found = sorted((d.code, d.location.line) for d in check_project(rich).diagnostics)
    assert found == [("CG107", 3), ("CG108", 5), ("CG109", 1), ("CG110", 7), ("CG114", 2)]


def test_unused_abbreviation_warns(minimal):
    (minimal / "abbreviations.yaml").write_text(
        "abbreviations:\n  - {abbreviation: SGB, meaning: Sozialgesetzbuch}\n"
        "  - {abbreviation: Abs., meaning: Absatz}\n",
        encoding="utf-8",
    )
    (minimal / "text" / "rahmen.md").write_text("Nach dem SGB gilt …\n", encoding="utf-8")
    [d] = check_project(minimal).diagnostics
    assert d.code == "CG113" and "Abs." in d.message and d.location.line == 3


def test_heading_gap_is_an_error(minimal, tmp_path):
    (minimal / "text" / "rahmen.md").write_text("Text.\n\n### Zu tief\n\nMehr Text.\n", encoding="utf-8")
    with pytest.raises(DiagnosticError) as exc:
        render_project(minimal, tmp_path / "out", libreoffice=False)
    codes = [d.code for d in exc.value.diagnostics]
    assert codes == ["CG112"]
    assert "Zu tief" in exc.value.diagnostics[0].message


def test_english_locale_renders_english_words(minimal, tmp_path):
    project = minimal / "project.yaml"
    project.write_text(project.read_text(encoding="utf-8") + "locale: en\n", encoding="utf-8")
    (minimal / "text" / "rahmen.md").write_text('See @tab:kennzahlen and "this".\n', encoding="utf-8")
    [path] = render_project(minimal, tmp_path / "out", libreoffice=False).outputs
    document = Document(str(path))
    p = next(p for p in document.paragraphs if p.text.startswith("See "))
    assert "Table\u00a0" in p.text and "“this”" in p.text
    assert document.core_properties.language == "en-GB"


def test_gender_star_is_not_emphasis(minimal, tmp_path):
    (minimal / "text" / "rahmen.md").write_text(
        "Einwohner*innen und Vertreter*innen sind *betont* gemeint.\n", encoding="utf-8"
    )
    [path] = render_project(minimal, tmp_path / "out", libreoffice=False).outputs
    p = next(p for p in Document(str(path)).paragraphs if p.text.startswith("Einwohner"))
    assert p.text == "Einwohner*innen und Vertreter*innen sind betont gemeint."
    assert [r.text for r in p.runs if r.italic] == ["betont"]


def render_text(minimal, tmp_path, text: str) -> list[str]:
    (minimal / "text" / "rahmen.md").write_text(text, encoding="utf-8")
    [path] = render_project(minimal, tmp_path / "out", libreoffice=False).outputs
    return [p.text.strip() for p in Document(str(path)).paragraphs]


def test_a_wrapped_line_starting_with_an_ordinal_stays_text(minimal, tmp_path):
    texts = render_text(minimal, tmp_path, "Im Mai fand die\n1. Fachtagung statt, am\n30. Juni die zweite.\n")
    assert "Im Mai fand die 1. Fachtagung statt, am 30. Juni die zweite." in texts


def test_an_ordered_list_keeps_its_start_number(minimal, tmp_path):
    (minimal / "text" / "rahmen.md").write_text("Vorher.\n\n3. drei\n4. vier\n", encoding="utf-8")
    [path] = render_project(minimal, tmp_path / "out", libreoffice=False).outputs
    numbering = Document(str(path)).part.numbering_part.element
    starts = [o.get(qn("w:val")) for o in numbering.iter(qn("w:startOverride"))]
    assert "3" in starts


def test_deep_lists_keep_every_item_and_the_rest_of_the_text(minimal, tmp_path):
    items = "\n".join("    " * i + f"- Ebene {i}" for i in range(12))
    texts = render_text(minimal, tmp_path, f"Vorher.\n\n{items}\n\nNachher bleibt.\n")
    assert [f"Ebene {i}" for i in range(12)] == [t for t in texts if t.startswith("Ebene")]
    assert "Nachher bleibt." in texts


def test_two_embeds_on_consecutive_lines_render_both(minimal, tmp_path):
    (minimal / "charts.yaml").write_text(
        "charts:\n"
        + "".join(
            f"  - {{id: {c}, type: column, title: Diagramm {c}, alt: Ein Diagramm,"
            f" data: {{categories: [a], series: [{{name: s, values: [1]}}]}}}}\n"
            for c in ("a", "b")
        ),
        encoding="utf-8",
    )
    texts = render_text(minimal, tmp_path, "Text.\n\n[[chart:a]]\n[[chart:b]]\n\nWeiter.\n")
    document = Document(str(tmp_path / "out" / "test.docx"))
    captions = [p.text.strip() for p in document.paragraphs if p.style.name == "Caption"]
    captions = [c for c in captions if c.startswith("Abbildung")]
    assert captions == ["Abbildung\u00a01: Diagramm a", "Abbildung\u00a02: Diagramm b"]
    assert not [t for t in texts if "[[" in t]
