"""The PDF made through LibreOffice: tagged, with the filled TOC, all chapters and page numbers.

Needs LibreOffice (libreoffice-writer-nogui) and poppler-utils; .ci/run installs both. Locally the test is
skipped without them, in CI (CI=true) it fails instead, so a missing install step cannot hide.
"""

from __future__ import annotations

import io
import re
import subprocess

import pytest

from conceptgen.pipeline import render_project
from tests.conftest import NEUSS, require_libreoffice
from tests.render.test_render_neuss import CHAPTERS

pytestmark = pytest.mark.slow  # LibreOffice


@pytest.fixture(scope="module")
def pdf(tmp_path_factory):
    require_libreoffice()
    out = tmp_path_factory.mktemp("lo")
    outputs = render_project(NEUSS, out, pdf=True).outputs
    [pdf_path] = [p for p in outputs if p.suffix == ".pdf" and p.name.startswith("Wohnungsnotfallkonzept")]
    return pdf_path


@pytest.fixture(scope="module")
def pdf_text(pdf):
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return pages, text


def test_pdf_has_all_chapters_numbered(pdf_text):
    pages, text = pdf_text
    assert pages >= 15
    flat = " ".join(text.split())
    for number, chapter in enumerate(CHAPTERS, start=1):
        assert f"{number} {chapter}" in flat, chapter


def test_pdf_toc_lines_have_page_numbers(pdf_text):
    _pages, text = pdf_text
    toc_page = text.split("\f")[1]
    assert "Inhaltsverzeichnis" in toc_page
    assert re.search(r"^\s*1 Einleitung\s*\.{5,}\s*\d+\s*$", toc_page, re.M), toc_page[:500]
    assert re.search(r"^\s*7 Kennzahlen\s*\.{5,}\s*\d+\s*$", toc_page, re.M)


def test_pdf_toc_page_numbers_are_right(pdf_text):
    _pages, text = pdf_text
    pages = text.split("\f")
    toc = re.findall(r"^\s*(\d+) ([A-ZÄÖÜ][^.\n]+?)\s*\.{5,}\s*(\d+)\s*$", "\n".join(pages[1:3]), re.M)
    assert len(toc) >= 8
    for number, title, page in toc:
        body = " ".join(pages[int(page) - 1].split())
        assert f"{number} {title.strip()}" in body, (number, title, page)


def test_pdf_has_page_numbers_and_no_tags(pdf_text):
    pages, text = pdf_text
    assert f"Seite 2 von {pages}" in text
    assert "{{" not in text and "{%" not in text and "[[" not in text


def test_pdf_is_tagged(pdf):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf.read_bytes()))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root.get("/Lang") == "de-DE"


def test_no_blank_pages(pdf_text):
    _pages, text = pdf_text
    for number, page in enumerate(text.split("\f")[:-1], start=1):
        lines = [line for line in page.splitlines() if line.strip()]
        body = [
            line for line in lines if "Seite" not in line and "Wohnungsnotfallkonzept Rhein-Kreis" not in line
        ]
        assert body, f"page {number} is blank"


def test_libreoffice_draws_the_native_charts(pdf_text):
    _pages, text = pdf_text
    flat = " ".join(text.split())
    assert "Haushalte je Jahr" in flat  # axis title, only inside the K4 chart
    assert "Zielpfad" in flat and "Istwert" in flat  # legend of the indicator charts
    # the K1 chart's value axis in German (its values 1.514–2.231): the labels stand as words of their own
    assert {"2.500", "2.000", "1.500"} <= set(flat.split())


def test_german_words_are_hyphenated(pdf):
    """Narrow cells break words at German hyphenation points with a hyphen (hyphen-de for LibreOffice,
    w:autoHyphenation for Word), not in the middle without one."""
    import zipfile

    raw = subprocess.run(
        ["pdftotext", "-raw", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    docx = pdf.with_suffix(".docx")
    with zipfile.ZipFile(docx) as package:
        settings = package.read("word/settings.xml").decode()
        words = set(re.findall(r"[\wäöüß]+", package.read("word/document.xml").decode()))
    assert '<w:autoHyphenation w:val="true"/>' in settings
    breaks = re.findall(r"([A-Za-zÄÖÜäöüß]{3,})-\n([a-zäöüß]{3,})", raw)
    hyphenated = {f"{a}-{b}" for a, b in breaks if f"{a}{b}" in words}
    assert len(hyphenated) >= 3, sorted(hyphenated)


def test_documents_are_shared_out_to_libreoffice_runs_by_size():
    from conceptgen.render.finish import share_out

    assert share_out([5, 1, 1, 3], 2) == [[0], [1, 2, 3]]  # 5 | 3 + 1 + 1
    assert share_out([1, 2, 3], 4) == [[2], [1], [0]]  # never an empty run
    assert share_out([4], 2) == [[0]]
    assert sorted(i for group in share_out(list(range(62)), 2) for i in group) == list(range(62))
    assert share_out([], 2) == []


def test_pdf_is_pdf_ua_with_every_alt_text(pdf):
    """LibreOffice's PDF/UA export, completed by render/pdf_ua.py: the check reads it back with no
    failure, and every drawing of the .docx — the native charts too — is a figure with its alt text."""
    import zipfile

    from conceptgen.render import pdf_check

    report = pdf_check.check(pdf.read_bytes())
    assert report.failures == []
    with zipfile.ZipFile(pdf.with_suffix(".docx")) as package:
        drawings = package.read("word/document.xml").decode().count("<wp:docPr ")
    assert report.figures == report.figures_with_alt == drawings >= 7
    assert report.headings[0] == 1 and report.tables >= 20
