"""A heading is not followed by a caption that says it again: the council member read „Veranstaltungen“
over „Tabelle 4: Veranstaltungen“ and, in the Neuss analysis, five table titles each twice, once as a
heading of its own (the tables and analyses blocks wrote each title as a heading above its caption)."""

from __future__ import annotations

import io

import pytest

from tests.examples import PROJECTS, rendered


def _repeats(docx: bytes) -> list[str]:
    """Headings whose next paragraph with text is a caption („Tabelle n: …“, „Abbildung n: …“) repeating
    the heading's words after its number."""
    import docx as python_docx

    found, heading = [], None
    for paragraph in python_docx.Document(io.BytesIO(docx)).paragraphs:
        text = " ".join(paragraph.text.split())
        if not text:
            continue
        style = paragraph.style.name if paragraph.style is not None else ""
        if style.startswith("Heading"):
            heading = text
            continue
        caption = style.startswith("Caption") and ": " in text
        if heading is not None and caption and text.split(": ", 1)[1].casefold() == heading.casefold():
            found.append(f"{heading} | {text}")
        heading = None
    return found


@pytest.mark.slow
@pytest.mark.parametrize("project", PROJECTS)
def test_no_heading_is_repeated_by_its_caption(project):
    found = {name: _repeats(docx) for name, docx in sorted(rendered(project).items())}
    assert {name: lines for name, lines in found.items() if lines} == {}


def test_the_check_sees_a_repeated_heading():
    """The reading above finds the case it is for (a document of python-docx with the styles)."""
    import docx as python_docx

    document = python_docx.Document()
    document.add_paragraph("Veranstaltungen", style="Heading 2")
    document.add_paragraph("")
    document.add_paragraph("Tabelle 4: Veranstaltungen", style="Caption")
    document.add_paragraph("Gremien", style="Heading 2")
    document.add_paragraph("Tabelle 5: Netzwerke und Gremien", style="Caption")
    out = io.BytesIO()
    document.save(out)
    assert _repeats(out.getvalue()) == ["Veranstaltungen | Tabelle 4: Veranstaltungen"]
