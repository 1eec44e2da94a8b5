"""Where pages break badly (render/pdf_pages.py ``judge``): the reading of a laid-out PDF's blocks
judged on blocks built here — every kind of flaw found, and a page break between two paragraphs, or a
paragraph broken with two lines on each side, left alone. tests/render/test_pages.py runs it on every
example's PDF and on a paragraph LibreOffice breaks with and without widow control."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conceptgen.ooxml.package_facts import read_facts
from conceptgen.render.pdf_pages import (
    HEADING_FOOT,
    ORPHAN,
    ROW_SPLIT,
    TABLE_FOOT,
    WIDOW,
    Block,
    judge,
)

TEXT = (
    "Die Arbeitsgruppe begleitete die Erarbeitung des Konzepts und war zugleich Lenkungs-"
    "gremium. Sie setzte sich aus Vertreter*innen des Kreises und der Kommunen zusammen."
)


def _split(first_lines: int, second_lines: int, at: int = 70) -> list[Block]:
    """TEXT broken after ``at`` characters between page 4 and page 5 (a hyphen at the line's end, as
    LibreOffice shows a hyphenated word)."""
    return [
        Block(4, "P", "Ein Absatz davor.", 2),
        Block(4, "P", TEXT[:at] + "-\n", first_lines),
        Block(5, "P", TEXT[at:], second_lines),
    ]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [((1, 5), ORPHAN), ((5, 1), WIDOW), ((2, 2), None), ((3, 4), None)],
    ids=["orphan", "widow", "two-and-two", "three-and-four"],
)
def test_a_paragraph_broken_across_pages(lines, expected):
    found = judge(_split(*lines), set(), ["Ein Absatz davor.", TEXT])
    assert [b.kind for b in found] == ([expected] if expected else [])
    if expected == ORPHAN:
        assert found[0].page == 4
    if expected == WIDOW:
        assert found[0].page == 5


@given(st.integers(min_value=5, max_value=len(TEXT) - 5))
def test_two_paragraphs_are_never_one_broken(at):
    """The page ends with a paragraph and the next begins with one: no lone line, wherever the text
    would have been cut."""
    paragraphs = [TEXT[:at], TEXT[at:] + " Und ein Schluss."]
    blocks = [Block(4, "P", paragraphs[0], 1), Block(5, "P", paragraphs[1], 1)]
    assert judge(blocks, set(), paragraphs) == []


def test_the_docx_paragraphs_tell_a_broken_one_from_two():
    """Without the .docx's paragraphs two one-line blocks at a break are two paragraphs."""
    assert judge(_split(1, 5), set(), []) == []


def test_a_row_broken_across_pages():
    blocks = [
        Block(7, "P", "Beschreibung", 1, row=11, table=10),
        Block(7, "P", TEXT[:70], 3, row=12, table=10),
        Block(8, "P", TEXT[70:], 1, row=12, table=10),
    ]
    assert [(b.page, b.kind) for b in judge(blocks, set(), [TEXT])] == [(8, ROW_SPLIT)]


def _table(rows_on_next: int, header_repeated: bool) -> list[Block]:
    blocks = [Block(7, "P", "Nr.", 1, row=1, table=9)]
    blocks += [Block(7, "P", f"Zeile {n}", 1, row=1 + n, table=9) for n in range(1, 6)]
    if header_repeated:
        blocks.append(Block(8, "P", "Nr.", 1, row=1, table=9))
    blocks += [Block(8, "P", f"Zeile {n}", 1, row=1 + n, table=9) for n in range(6, 6 + rows_on_next)]
    return blocks


@pytest.mark.parametrize("header_repeated", [False, True])
def test_a_tables_last_row_alone_on_the_next_page(header_repeated):
    found = judge(_table(1, header_repeated), {1}, [])
    assert [(b.page, b.kind) for b in found] == [(8, TABLE_FOOT)]
    assert judge(_table(2, header_repeated), {1}, []) == []
    assert judge(_table(0, header_repeated), {1}, []) == []


def test_a_heading_at_a_pages_foot():
    blocks = [Block(3, "P", "Text.", 4), Block(3, "H2", "2.1 Arbeitsgruppe", 1), Block(4, "P", "Text.", 4)]
    assert [(b.page, b.kind) for b in judge(blocks, set(), [])] == [(3, HEADING_FOOT)]
    # a heading in a table's cell is the cell's text, not the document's outline
    blocks[1] = Block(3, "H2", "Kopf", 1, row=3, table=2)
    assert judge(blocks, set(), []) == []


def test_the_docx_paragraphs_are_read_in_order(tmp_path):
    """ooxml/package_facts.py: body paragraphs and table cells, breaks and tabs as spaces."""
    import io

    from docx import Document

    document = Document()
    document.add_paragraph("Erster Absatz")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Zelle eins"
    table.cell(0, 1).text = "Zelle zwei"
    run = document.add_paragraph("Vor").add_run()
    run.add_break()
    run.add_text("nach dem Umbruch")
    buffer = io.BytesIO()
    document.save(buffer)
    paragraphs = read_facts(buffer.getvalue()).paragraphs
    assert paragraphs == ["Erster Absatz", "Zelle eins", "Zelle zwei", "Vor nach dem Umbruch"]


def test_the_docx_says_which_paragraphs_begin_a_page_on_purpose():
    """ooxml/package_facts.py page_starts: a paragraph's own page break, the text after a page-break run
    (an empty paragraph's break passes on to the next text) and after a section break; a heading style's
    page break is no request of the body, a continuous section break none either."""
    import io

    from docx import Document
    from docx.enum.section import WD_SECTION
    from docx.enum.text import WD_BREAK

    document = Document()
    document.styles["Heading 1"].paragraph_format.page_break_before = True
    document.add_paragraph("Titelblatt")
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.add_paragraph("")
    document.add_paragraph("Inhalt")
    document.add_heading("Kapitel nach Formatvorlage", 1)
    document.add_paragraph("Steckbrief 2").paragraph_format.page_break_before = True
    document.add_paragraph("Nicht neu").paragraph_format.page_break_before = False
    run = document.add_paragraph("Vor dem Umbruch").add_run()
    run.add_break(WD_BREAK.PAGE)
    run.add_text("nach dem Umbruch")
    document.add_section(WD_SECTION.NEW_PAGE)
    document.add_paragraph("Quer")
    document.add_section(WD_SECTION.CONTINUOUS)
    document.add_paragraph("Weiter")
    buffer = io.BytesIO()
    document.save(buffer)
    starts = read_facts(buffer.getvalue()).page_starts
    assert starts == ["Inhalt", "Steckbrief 2", "nach dem Umbruch", "Quer"]
