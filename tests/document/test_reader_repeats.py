"""What a council member read twice (Bottrop's Inklusionsplan): the cover's sample note named a source
twice („Daten aus IT.NRW, Statistik …, IT.NRW, Statistik …, 31.12.2023“), and a section's heading came
again as the label of its only entry („3.2 Beirat für Menschen mit Behinderung“, Tab. 3, the same words)."""

from __future__ import annotations

import io
import re

import pytest
from docx import Document

from conceptgen.pipeline import check_project
from conceptgen.terms import Terms
from tests.conftest import ROOT
from tests.docx_text import paragraphs, tables
from tests.examples import documents, rendered

DATA_FROM = Terms("de")["data_from"].split("{")[0]  # „Daten (Quelle: “ — the words before the sources


@pytest.mark.slow  # renders every example project
@pytest.mark.parametrize(("project", "name"), documents())
def test_the_cover_names_each_source_once(project, name):
    sources = {d.source for d in check_project(ROOT / "projects" / project).concept.datasets if d.source}
    for p in paragraphs(rendered(project)[name]):
        if DATA_FROM not in p.text:
            continue
        named = p.text.split(DATA_FROM, 1)[1]
        for source in sources:
            assert named.count(source) <= 1, f"{project}/{name}: {source!r} named twice: {p.text!r}"


def _headings(docx: bytes) -> list[tuple[str, str]]:
    """(style, text) of every heading and entry label of the body, in order."""
    found = []
    for p in Document(io.BytesIO(docx)).paragraphs:
        style = p.style.name if p.style is not None else ""
        if (style.startswith("Heading") or style == "Label") and p.text.strip():
            found.append((style, p.text.strip()))
    return found


@pytest.mark.slow  # renders every example project
@pytest.mark.parametrize(("project", "name"), documents())
def test_no_heading_repeats_in_its_own_section(project, name):
    current = None
    for style, text in _headings(rendered(project)[name]):
        assert text != current, f"{project}/{name}: „{text}“ again right under the heading of the same words"
        if style.startswith("Heading"):
            current = text


@pytest.mark.slow  # renders every example project
@pytest.mark.parametrize(("project", "name"), documents())
def test_an_event_row_leaves_no_cell_empty_and_names_its_kind_once(project, name):
    """Bottrop's Tab. 4: „Teiln.“ empty for the Leitbildwerkstatt, „Ort“ for the review of the Leichte
    Sprache; Lünen: „Quartierswerkstatt* (Werkstatt)“."""
    for table in tables(rendered(project)[name]):
        if not table or table[0][:4] != ["Datum", "Veranstaltung", "Ort", "Teiln."]:
            continue
        for row in table[1:]:
            assert all(cell.strip() for cell in row), f"{project}/{name}: an empty cell in {row}"
            event = re.fullmatch(r"(.+?)\*? \((.+)\)", row[1])
            assert not (event and event.group(2).lower() in event.group(1).lower()), f"{project}: {row[1]}"


@pytest.mark.slow  # renders every example project
@pytest.mark.parametrize(("project", "name"), documents())
def test_a_measure_sheet_has_no_empty_indicator_row(project, name):
    """Bottrop's M8 (Leichte Sprache) was measured by its Leitziel's „Barrierefreie Bushaltestellen“: a
    measure names only indicators that measure it, and a sheet without any shows no row, not „–“."""
    for table in tables(rendered(project)[name]):
        for row in table:
            if row and row[0] == "Kennzahlen":
                assert row[-1].strip() not in ("", "–"), f"{project}/{name}: {table[0]}"
