"""A PDF from LibreOffice that lacks the bookmarks of the index entries (issue 25, item 15): the table of
contents was left without page numbers and nothing was said. Now the page numbers are left to Word (the
document asks to update its fields) and CG407 says why. Both paths (render/finish.py for a batch,
render/docx.py for one document) ask ``bookmark_pages(…, complete=True)``."""

from __future__ import annotations

import io
import zipfile

import pytest
from pypdf import PdfWriter

from conceptgen.render import libreoffice


def _pdf(destinations: tuple[str, ...] = ()) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    for name in destinations:
        writer.add_named_destination(name, 0)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.fixture
def office(monkeypatch):
    """LibreOffice that writes a one-page PDF with the named destinations ``made`` (a list to fill)."""
    made: list[str] = []
    monkeypatch.setenv("CONCEPTGEN_WORKERS", "1")
    monkeypatch.setattr(libreoffice, "find_soffice", lambda: "/usr/bin/soffice")
    monkeypatch.setattr(libreoffice, "to_pdf_many", lambda docs, **_kw: [_pdf(tuple(made)) for _ in docs])
    monkeypatch.setattr(libreoffice, "to_pdf", lambda docx, **_kw: _pdf(tuple(made)))
    return made


def _asks_word_to_update(docx: bytes) -> bool:
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        return b"updateFields" in package.read("word/settings.xml")


def test_bookmark_pages_complete_refuses_a_pdf_without_them():
    with pytest.raises(libreoffice.LibreOfficeError, match="Lesezeichen"):
        libreoffice.bookmark_pages(_pdf(), ["_Toc1", "_Toc2"], complete=True)
    with pytest.raises(libreoffice.LibreOfficeError, match="1 von 2"):
        libreoffice.bookmark_pages(_pdf(("_Toc1",)), ["_Toc1", "_Toc2"], complete=True)
    assert libreoffice.bookmark_pages(_pdf(("_Toc1",)), ["_Toc1", "_Toc2"]) == {"_Toc1": 1}
    assert libreoffice.bookmark_pages(_pdf(("_Toc1", "_Toc2")), ["_Toc1", "_Toc2"], complete=True) == {
        "_Toc1": 1,
        "_Toc2": 1,
    }


def test_a_pdf_without_bookmarks_leaves_the_pages_to_word_and_says_so(minimal, cli, office):
    result = cli("render", minimal)
    assert result.exit_code == 0, result.output
    assert "CG407" in result.output and "bookmark" in result.output
    assert _asks_word_to_update((minimal / "build" / "test.docx").read_bytes())
