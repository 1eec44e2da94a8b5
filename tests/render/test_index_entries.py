"""Every entry of a table of contents, list of tables and list of figures in every example document (one
per template in use): a right tab with dot leader where the page number stands, and a right indent that
keeps the entry's text out of the page number's column. Without it a long entry fills its line, the tab
takes no width, and the page number reads as part of the text (Neuss' Anlage 2, list of tables:
„Stichtag 31. Januar 2024.5“)."""

from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree

from tests.examples import documents, rendered

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _entries(docx: bytes) -> list:
    """The paragraphs that hold a PAGEREF inside a hyperlink: the entries conceptgen writes."""
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    found = []
    for p in root.iter(f"{W}p"):
        instructions = "".join(t.text or "" for t in p.iter(f"{W}instrText"))
        if "PAGEREF" in instructions and p.find(f"{W}hyperlink") is not None:
            found.append(p)
    return found


@pytest.mark.parametrize(("project", "name"), documents())
def test_index_entries_keep_a_column_for_leader_and_page(project, name):
    docx = rendered(project)[name]
    for p in _entries(docx):
        text = "".join(t.text or "" for t in p.iter(f"{W}t"))
        ppr = p.find(f"{W}pPr")
        tabs = ppr.findall(f"{W}tabs/{W}tab")
        assert any(t.get(f"{W}val") == "right" and t.get(f"{W}leader") == "dot" for t in tabs), (name, text)
        tab = max(int(t.get(f"{W}pos")) for t in tabs)
        ind = ppr.find(f"{W}ind")
        right = int(ind.get(f"{W}right", 0)) if ind is not None else 0
        assert right >= 400, (name, text, "the text may run into the page number's column")
        assert tab > 0


def test_the_entries_are_found():
    """The test above reads something: Neuss' analysis has a contents list and a list of 8 tables."""
    entries = _entries(rendered("neuss")["Angebots-und-Bedarfsanalyse-Rhein-Kreis-Neuss.docx"])
    assert len(entries) >= 8 + 5
