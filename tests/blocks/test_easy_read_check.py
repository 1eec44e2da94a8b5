"""Leichte Sprache: the note who checked the texts (block easy_read_check), CG661 when a document in
Leichte Sprache lacks it, and the language the document declares (de-DE-x-ls) — tests/render/test_pages.py
reads the note and the language back from the PDF."""

from __future__ import annotations

import io
import shutil
import zipfile

import pytest
from lxml import etree

from conceptgen.pipeline import check_project, render_project
from tests.conftest import ROOT
from tests.docx_text import paragraphs

LEICHTE_SPRACHE = "Inklusionsplan-Bottrop-Leichte-Sprache.docx"
NOTE = "        - {block: easy_read_check, group: Prüf-Gruppe Leichte Sprache, date: 2025-08-20}\n"


@pytest.fixture
def bottrop(tmp_path):
    target = tmp_path / "bottrop-inklusion"
    shutil.copytree(ROOT / "projects" / "bottrop-inklusion", target, ignore=shutil.ignore_patterns("build"))
    return target


def _rendered(project) -> dict[str, bytes]:
    result = render_project(project, libreoffice=False, write=False)
    return {p.name: c for p, c in result.contents.items() if p.suffix == ".docx"}


def test_the_note_says_who_checked_the_texts_one_sentence_a_line(bottrop):
    outlines = bottrop / "outlines.yaml"
    text = outlines.read_text(encoding="utf-8")
    assert NOTE in text
    outlines.write_text(
        text.replace(NOTE, NOTE.replace("}", ", translator: Büro für Leichte Sprache}")), encoding="utf-8"
    )
    texts = [p.text for p in paragraphs(_rendered(bottrop)[LEICHTE_SPRACHE])]
    start = texts.index("Dieses Heft ist in Leichter Sprache.")
    # „Die Prüf-Gruppe heißt: Prüf-Gruppe Leichte Sprache“ said nothing: a generic name is left out
    assert texts[start : start + 4] == [
        "Dieses Heft ist in Leichter Sprache.",
        "Eine Prüf-Gruppe hat die Texte gelesen und geprüft.",
        "Die Prüfung war am 20.\u00a0August 2025.",
        "Die Texte in Leichter Sprache hat geschrieben: Büro für Leichte Sprache.",
    ]
    outlines.write_text(
        text.replace("Prüf-Gruppe Leichte Sprache", "Leser-Gruppe der Werkstatt"), encoding="utf-8"
    )
    texts = [p.text for p in paragraphs(_rendered(bottrop)[LEICHTE_SPRACHE])]
    assert "Die Prüf-Gruppe heißt: Leser-Gruppe der Werkstatt." in texts


def test_a_document_in_leichte_sprache_without_the_note_is_reported(bottrop):
    assert [d for d in check_project(bottrop).diagnostics if d.code == "CG661"] == []
    outlines = bottrop / "outlines.yaml"
    outlines.write_text(outlines.read_text(encoding="utf-8").replace(NOTE, ""), encoding="utf-8")
    [found] = [d for d in check_project(bottrop).diagnostics if d.code == "CG661"]
    assert "Inklusionsplan-Bottrop-Leichte-Sprache.docx" in found.message
    assert found.location.file.endswith("project.yaml") and found.location.line == 29
    assert "easy_read_check" in found.hint


def test_the_note_needs_its_group(bottrop):
    outlines = bottrop / "outlines.yaml"
    text = outlines.read_text(encoding="utf-8")
    outlines.write_text(text.replace("group: Prüf-Gruppe Leichte Sprache, ", ""), encoding="utf-8")
    found = [d for d in check_project(bottrop).diagnostics if d.level.name == "ERROR"]
    assert found and "group" in found[0].message


def test_the_document_declares_leichte_sprache_as_its_language(bottrop):
    """docProps/core.xml: de-DE-x-ls (BCP 47 private use) for Leichte Sprache, de-DE for the concept."""
    languages = {}
    for name, docx in _rendered(bottrop).items():
        with zipfile.ZipFile(io.BytesIO(docx)) as package:
            core = etree.fromstring(package.read("docProps/core.xml"))
        languages[name] = core.findtext("{http://purl.org/dc/elements/1.1/}language")
    assert languages == {"Inklusionsplan-Bottrop.docx": "de-DE", LEICHTE_SPRACHE: "de-DE-x-ls"}
