"""Where an edit landed (conceptgen/preview/edits.py): the changed paragraphs of the new .docx and a piece
of their text for LibreOffice to find its page by; and the preview showing that page ahead of the rest
(with a made-up LibreOffice that hands the page early)."""

from __future__ import annotations

import datetime
import io
from unittest.mock import ANY

import pytest
from docx import Document

from conceptgen.preview.edits import MAX_CHARS, MIN_CHARS, changed, paragraphs, patch, search_text
from tests.test_preview_pages import FakeOffice


def docx_of(*texts: str | list[str]) -> bytes:
    """A .docx with a paragraph per text (a list: one run per item) and a table holding the last one."""
    document = Document()
    for text in texts[:-1]:
        paragraph = document.add_paragraph()
        for run in [text] if isinstance(text, str) else text:
            paragraph.add_run(run)
    document.add_table(rows=1, cols=1).cell(0, 0).text = str(texts[-1])
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_paragraphs_are_the_runs_texts_in_order_tables_included():
    assert paragraphs(docx_of("Eins", ["Zwei ", "und drei"], "Zelle")) == [
        ["Eins"],
        ["Zwei ", "und drei"],
        ["Zelle"],
    ]
    assert paragraphs(b"kein docx") == []


BASE = [["Einleitung"], ["Der Kreis hat beschlossen."], ["Kapitel 2"], ["Die Lage im Kreis."]]


@pytest.mark.parametrize(
    ("new", "found"),
    [
        ([*BASE[:2], ["Eine Zeile mehr am Ende."], *BASE[2:]], [["Eine Zeile mehr am Ende."]]),  # inserted
        (
            [BASE[0], ["Der Kreis hat es beschlossen."], *BASE[2:]],
            [["Der Kreis hat es beschlossen."]],
        ),  # changed
        ([BASE[0], *BASE[2:]], [["Kapitel 2"]]),  # removed: the paragraph after the gap
        (BASE[:3], []),  # the last one removed: nothing after it
        (BASE, []),  # the same
        ([*BASE, ["Neu am Schluss des Dokuments."]], [["Neu am Schluss des Dokuments."]]),
        ([["Neu am Anfang des Dokuments."], *BASE], [["Neu am Anfang des Dokuments."]]),
        ([BASE[0], BASE[1], BASE[1], *BASE[2:]], [["Der Kreis hat beschlossen."]]),  # a repeated paragraph
    ],
)
def test_changed_paragraphs(new, found):
    assert changed(BASE, new) == found


def test_search_text_is_a_clean_stretch_of_one_run():
    new = [*BASE[:2], ["kurz"], ["Eine ", "Zeile\u00admehr mit weichem Trennstrich", "\tTab"], *BASE[2:]]
    assert search_text(BASE, new) == "mehr mit weichem Trennstrich"  # the short paragraph is skipped
    assert search_text(BASE, BASE) is None
    assert search_text(BASE, [*BASE[:2], ["kurz"], *BASE[2:]]) is None  # nothing long enough
    long = "Ein langer Absatz, Satz für Satz. " * 10
    piece = search_text(BASE, [*BASE, [long]])
    assert piece is not None and MIN_CHARS <= len(piece) <= MAX_CHARS and long.startswith(piece)
    assert not piece.endswith(" ") and long[len(piece)] == " "  # cut at a word's end


def concept(*paragraphs: tuple[str, list[str]], bookmark: str = "a", styles: bool = False) -> bytes:
    """A .docx of (style, runs) paragraphs (a run's text starting with * is bold), each wrapped in a
    bookmark named after ``bookmark`` and its place, as conceptgen's anchors are."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = Document()
    if styles:
        document.styles["Normal"].font.size = 200000
    for place, (style, runs) in enumerate(paragraphs):
        paragraph = document.add_paragraph(style=style)
        for text in runs:
            run = paragraph.add_run(text.lstrip("*"))
            if text.startswith("*"):
                run.bold = True
        start, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
        start.set(qn("w:id"), str(place + len(bookmark)))
        start.set(qn("w:name"), f"{bookmark}{place}")
        end.set(qn("w:id"), str(place + len(bookmark)))
        paragraph._p.insert(1 if paragraph._p.pPr is not None else 0, start)
        paragraph._p.append(end)
    out = io.BytesIO()
    when = datetime.datetime(2024, 5, 2)
    document.core_properties.created = document.core_properties.modified = when
    document.save(out)
    return out.getvalue()


TEXT = ("Normal", ["Der Kreis hat das Konzept ", "*einstimmig", " beschlossen, mit allen Stimmen."])
HEADING = ("Heading 1", ["Einleitung des Konzepts"])
OTHER = ("Normal", ["Ein zweiter Absatz mit eigenem Text."])


@pytest.mark.parametrize(
    ("new", "want"),
    [
        (  # a plain paragraph after one of the same style: bookmarks renumbered after it do not matter
            concept(HEADING, TEXT, ("Normal", ["Eine Zeile mehr."]), OTHER, bookmark="bb"),
            {"kind": "insert", "after": " beschlossen, mit allen Stimmen.", "text": "Eine Zeile mehr."},
        ),
        (  # one run's text
            concept(HEADING, ("Normal", [*TEXT[1][:2], " beschlossen, mit fast allen Stimmen."]), OTHER),
            {
                "kind": "text",
                "old": " beschlossen, mit allen Stimmen.",
                "new": " beschlossen, mit fast allen Stimmen.",
            },
        ),
        (concept(HEADING, TEXT, ("Normal", ["*Fett", " dazu"]), OTHER), None),  # a run with properties
        (concept(HEADING, TEXT, ("Heading 1", ["Ein neues Kapitel"]), OTHER), None),  # another style
        (concept(HEADING, ("Normal", ["Eine Zeile vorab."]), TEXT, OTHER), None),  # after a heading's style
        (concept(HEADING, TEXT, ("Normal", ["Zwei"]), ("Normal", ["Absätze"]), OTHER), None),  # two
        (
            concept(HEADING, ("Normal", [*TEXT[1][:2], " beschlossen."]), ("Normal", ["Neu dazu."]), OTHER),
            None,
        ),
        (  # a bold run's text (LibreOffice's range keeps its bold)
            concept(HEADING, ("Normal", [TEXT[1][0], "*knapp", TEXT[1][2]]), OTHER),
            {"kind": "text", "old": "einstimmig", "new": "knapp"},
        ),
        (
            concept(HEADING, ("Normal", [TEXT[1][0], "*ein\u00adstimmig", TEXT[1][2]]), OTHER),
            None,
        ),  # soft hyphen
        (concept(HEADING, ("Normal", ["Der Kreis hat das Konzept ", "einstimmig", TEXT[1][2]]), OTHER), None),
        (concept(HEADING, TEXT, ("Normal", ["Eine Zeile mehr."]), OTHER, styles=True), None),  # styles.xml
        (concept(HEADING, TEXT, OTHER), None),  # nothing changed
        (b"kein docx", None),
    ],
)
def test_an_edit_a_loaded_document_can_take_as_one_operation(new, want):
    assert patch(concept(HEADING, TEXT, OTHER), new) == want


class EarlyOffice(FakeOffice):
    """A kept LibreOffice that hands the page of the edit (here: the second) ahead of the PDF, and notes
    what it was asked to find it by: a text, or an operation on the .docx converted before."""

    kept = True

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str | None, dict | None, bool]] = []

    def convert(self, docx: bytes, find=None, early=None, patch=None, base=None) -> bytes:
        pdf = super().convert(docx)
        if (find or patch) and early is not None:
            self.found.append((find, patch, base is not None and patch is not None))
            early(one_page(pdf, 1), 1)
        return pdf


def one_page(pdf: bytes, index: int) -> bytes:
    """Page ``index`` of ``pdf`` alone, as LibreOffice's export of a page range makes it."""
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as source, pikepdf.new() as target:
        target.pages.append(source.pages[index])
        out = io.BytesIO()
        target.save(out)
        return out.getvalue()


def test_the_page_with_the_edit_is_shown_before_the_whole_document(minimal):
    from conceptgen.preview import Preview

    office = EarlyOffice()
    viewer = Preview(minimal, 0, office)
    seen: list[tuple[str, dict | None, str]] = []
    publish = viewer._publish

    def noted() -> None:  # each state the browser could see: status, early page, the second page's key
        seen.append((viewer.state.status, viewer.state.early, (viewer.state.pages or [{}, {}])[1].get("key")))
        publish()

    viewer._publish = noted  # type: ignore[method-assign]
    try:
        viewer.refresh()  # the first version: nothing to compare with, nothing early
        assert office.found == [] and viewer.state.early is None
        assert viewer.wait_drawn(60)
        text = minimal / "text" / "einleitung.md"
        text.write_text(
            text.read_text(encoding="utf-8") + "\nEin neuer Satz zur Einleitung.\n", encoding="utf-8"
        )
        del seen[:]
        viewer.refresh()
        assert office.found == [
            (None, {"kind": "insert", "after": ANY, "text": "Ein neuer Satz zur Einleitung."}, True)
        ]
        early = viewer.state.early
        assert early is not None and (early["page"], early["after"]) == (1, 1)
        layout_states = [s for s in seen if s[0] == "layout" and s[1] is not None]
        assert layout_states and layout_states[0][2] == early["key"]  # in the page's place before the rest
        assert viewer.pictures.ready(early["key"])
        assert viewer.state.version == 2 and viewer.state.stages.keys() == {
            "render",
            "libreoffice",
            "early",
            "pages",
        }
        assert viewer.wait_drawn(60)
        # the early page and the whole document's page two draw the same page: the same picture
        assert viewer.pictures.get(early["key"]) == viewer.pictures.get(viewer.state.pages[1]["key"])
        assert viewer.state.first_seconds is not None and viewer.state.first_seconds <= viewer.state.seconds
        assert viewer.state.early["same"] is True
        two = "\nZwei neue Absätze, der erste.\n\nUnd der zweite Absatz dazu.\n"  # no single operation
        text.write_text(text.read_text(encoding="utf-8") + two, encoding="utf-8")
        viewer.refresh()
        assert office.found[1] == ("Zwei neue Absätze, der erste.", None, False)  # the page found by its text
        assert viewer.state.early is not None and viewer.state.early["after"] == 2
    finally:
        viewer.stop()
