"""The LibreOffice kept for the preview (conceptgen/render/office_session.py): the page where a text
stands is handed over before the whole PDF and looks as that page of the whole PDF; without a Python that
has ``uno`` (or with CONCEPTGEN_KEEP_LIBREOFFICE=0) each conversion starts LibreOffice, and nothing comes
early."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import require_libreoffice

pytestmark = pytest.mark.slow  # LibreOffice


@pytest.fixture(scope="module")
def docx(tmp_path_factory) -> bytes:
    """A .docx of three pages, each a heading and a paragraph naming its page."""
    from docx import Document
    from docx.enum.text import WD_BREAK

    document = Document()
    for number in range(1, 4):
        document.add_heading(f"Kapitel {number}", level=1)
        paragraph = document.add_paragraph(f"Der Text der Seite Nummer {number} steht hier.")
        if number < 3:
            paragraph.add_run().add_break(WD_BREAK.PAGE)
    path = tmp_path_factory.mktemp("docx") / "drei.docx"
    document.save(path)
    return path.read_bytes()


def pictures(pdf: bytes, folder: Path, name: str) -> list[bytes]:
    (folder / f"{name}.pdf").write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "40", str(folder / f"{name}.pdf"), str(folder / name)], check=True
    )
    return [p.read_bytes() for p in sorted(folder.glob(f"{name}-*.png"))]


def test_the_page_of_a_text_comes_first_and_equals_that_page_of_the_whole(docx, tmp_path):
    require_libreoffice()
    from conceptgen.render.libreoffice import find_soffice
    from conceptgen.render.office_session import KeptLibreOffice, find_uno_python

    if find_uno_python(find_soffice()) is None:
        pytest.skip("no Python with uno (apt-get install python3-uno)")
    office = KeptLibreOffice()
    try:
        assert office.start() and office.kept
        early: list[tuple[bytes, int]] = []
        whole = office.convert(docx, find="Seite Nummer 2", early=lambda pdf, page: early.append((pdf, page)))
        assert [page for _pdf, page in early] == [1] and not office.patched  # found in the new document
        all_pages = pictures(whole, tmp_path, "whole")
        assert len(all_pages) == 3 and pictures(early[0][0], tmp_path, "early") == [all_pages[1]]
        early.clear()  # a text that is nowhere: only the whole document
        assert office.convert(docx, find="steht nirgends", early=lambda *a: early.append(a)).startswith(
            b"%PDF"
        )
        assert early == []
        assert office.convert(docx) and early == []  # nothing asked: nothing early
    finally:
        office.close()


@pytest.mark.parametrize("way", ["switched off", "no uno"])
def test_without_a_kept_libreoffice_each_conversion_starts_one_and_nothing_comes_early(
    docx, tmp_path, monkeypatch, way
):
    require_libreoffice()
    import conceptgen.render.office_session as session

    if way == "switched off":
        monkeypatch.setenv("CONCEPTGEN_KEEP_LIBREOFFICE", "0")
    else:  # Windows or macOS without LibreOffice's own Python, a Linux without python3-uno
        monkeypatch.setattr(session, "find_uno_python", lambda soffice: None)
    office = session.KeptLibreOffice()
    try:
        assert not office.start() and not office.kept and not office.running
        early: list[tuple[bytes, int]] = []
        pdf = office.convert(docx, find="Seite Nummer 2", early=lambda *a: early.append(a))
        assert early == [] and len(pictures(pdf, tmp_path, "cold")) == 3
    finally:
        office.close()


def test_an_edit_applied_to_the_loaded_document_gives_the_new_documents_page(tmp_path):
    """preview/edits.py's operations on the document LibreOffice converted last: the page handed early
    looks as the new .docx's page converted from scratch; against another .docx than the last, nothing."""
    require_libreoffice()
    from conceptgen.preview.edits import patch
    from conceptgen.render.libreoffice import find_soffice
    from conceptgen.render.office_session import KeptLibreOffice, find_uno_python
    from tests.test_preview_edits import HEADING, OTHER, TEXT, concept

    if find_uno_python(find_soffice()) is None:
        pytest.skip("no Python with uno (apt-get install python3-uno)")
    first = concept(HEADING, TEXT, OTHER)
    inserted = concept(HEADING, TEXT, ("Normal", ["Eine Zeile mehr zum Beschluss."]), OTHER, bookmark="bb")
    line = ("Normal", ["Eine Zeile mehr zum Beschluss."])
    changed = concept(HEADING, ("Normal", [TEXT[1][0], "*knapp", TEXT[1][2]]), line, OTHER, bookmark="bb")
    office = KeptLibreOffice()
    try:
        assert office.start()
        office.convert(first)
        previous, early = first, []
        for step, new in enumerate((inserted, changed)):
            edit = patch(previous, new)
            assert edit is not None and edit["kind"] == ("insert", "text")[step]
            early.clear()  # no text to find: only the patch can hand a page early
            whole = office.convert(
                new, patch=edit, base=previous, early=lambda pdf, page: early.append((pdf, page))
            )
            assert [page for _pdf, page in early] == [0] and office.patched, step
            assert pictures(early[0][0], tmp_path, f"early{step}") == pictures(
                whole, tmp_path, f"whole{step}"
            )
            previous = new
        early.clear()  # the patch of a .docx that is not the one converted last is not applied
        office.convert(inserted, patch=patch(first, inserted), base=first, early=lambda *a: early.append(a))
        assert early == []
    finally:
        office.close()
