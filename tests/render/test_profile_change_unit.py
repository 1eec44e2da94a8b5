"""A profile's change column says its unit (a council member's reading of Dortmund: „+2,1“ beside a share
could be percent or percentage points) — in each cell, „+2,1 %-Punkte“, „+8,4 je 1.000“: in the header it
wrapped Hafen's profile onto a second page. Every Dortmund profile keeps the page count it had before
(62 profiles, one page each at 57d89b8, LibreOffice's PDF)."""

from __future__ import annotations

import re
import subprocess

import pytest

from conceptgen.pipeline import check_project, render_project
from tests.conftest import ROOT, require_libreoffice
from tests.docx_text import tables
from tests.examples import rendered

CHANGE = re.compile(r"[+−±]\d[\d.]*(?:,\d+)?")


def _unit(unit: str) -> str:
    return {"%": "%-Punkte", "‰": "‰-Punkte"}.get(unit, unit).replace(" ", "\u00a0")


@pytest.mark.slow  # renders Dortmund
def test_every_change_carries_its_unit():
    social = check_project(ROOT / "projects" / "dortmund").data.social
    units = {f"{i.name} ({i.unit})": i.unit for i in social.spec.indicators}
    seen = 0
    for name, docx in rendered("dortmund").items():
        for table in tables(docx):
            if not table or not table[0][-1].startswith("Veränderung"):
                continue
            for row in table[1:]:
                change = row[-1]
                if change in ("–", social.spec.privacy.symbol):
                    continue
                figure = CHANGE.match(change)
                assert figure, (name, row)
                assert change == f"{figure.group(0)}\u00a0{_unit(units[row[0]])}", (name, row)
                seen += 1
    assert seen > 62 * 5, seen  # every profile's changes, in its own document and in the report


@pytest.fixture(scope="module")
def laid_out(tmp_path_factory) -> dict[str, tuple[bytes, str, int]]:
    """Dortmund's profiles laid out by LibreOffice: by file name, the .docx, its PDF's text and pages."""
    require_libreoffice()
    out = tmp_path_factory.mktemp("dortmund")
    outputs = render_project(ROOT / "projects" / "dortmund", out, pdf=True).outputs
    found = {}
    for pdf in sorted(p for p in outputs if p.suffix == ".pdf" and p.parent.name == "Profile"):
        info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
        text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
        pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
        found[pdf.stem] = (pdf.with_suffix(".docx").read_bytes(), text, pages)
    return found


@pytest.mark.slow  # LibreOffice lays out 63 documents
def test_every_profile_keeps_its_page_count(laid_out):
    assert len(laid_out) == 62
    assert {name: pages for name, (_docx, _text, pages) in laid_out.items() if pages != 1} == {}


def _comparison_codes(docx: bytes) -> list[str]:
    """The categories of a profile's comparison chart (the chart whose series is the status index)."""
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        for name in sorted(n for n in package.namelist() if re.match(r"word/charts/chart\d+\.xml$", n)):
            xml = package.read(name).decode()
            cat = re.search(r"<c:cat>(.*?)</c:cat>", xml, re.S)
            if cat:
                return re.findall(r"<c:v>([^<]*)</c:v>", cat.group(1))
    return []


@pytest.mark.slow  # LibreOffice lays out 63 documents
def test_every_bar_of_a_profiles_comparison_is_labelled(laid_out):
    """LibreOffice printed every third of the 62 area codes under Dortmund's comparison chart: a reader
    could not find their area. Each bar's label is in the laid-out page (the area, its neighbours by rank
    and the city's distribution, „Max“ … „Min“)."""
    checked = 0
    for name, (docx, text, _pages) in laid_out.items():
        codes = _comparison_codes(docx)
        if not codes:
            continue  # not rated: no comparison
        checked += 1
        words = set(text.split())
        assert [c for c in codes if c not in words] == [], name
    assert checked >= 60, checked
