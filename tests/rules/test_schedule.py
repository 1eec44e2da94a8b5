"""CG308 (a status ahead of the document's date) and CG309 (a task running past its measure)."""

from __future__ import annotations

import shutil

import pytest

from conceptgen.pipeline import check_project
from tests.conftest import ROOT, replace_in

MEASURE_PERIOD = "period: {start: 2024, end: 2026}"


def codes(root, code):
    return [d for d in check_project(root).diagnostics if d.code == code]


@pytest.mark.parametrize(
    ("start", "status", "found"),
    [
        ("2024-07", "in Umsetzung", True),  # the document is of 2 May 2024
        ("2025", "umgesetzt", True),
        ("2024-05", "in Umsetzung", False),  # starts in the document's month
        ("2024", "umgesetzt", False),
        ("2024-07", "geplant", False),
        ("2024-07", "in Vorbereitung", False),
    ],
)
def test_status_ahead_of_the_document(minimal, start, status, found):
    schedule = f"period: {{start: {start}, end: 2026}}\n    status: {status}"
    replace_in(minimal / "measures.yaml", MEASURE_PERIOD, schedule)
    hits = codes(minimal, "CG308")
    assert bool(hits) is found
    if found:
        [d] = hits
        assert d.key_path == "measures[0].status" and d.location.line == 8 and status in d.message


def test_status_of_a_task_ahead_of_the_document(minimal):
    replace_in(
        minimal / "measures.yaml",
        "        horizon: kurzfristig",
        "        period: {start: 2024-09, end: 2025-06}\n        status: umgesetzt",
    )
    [d] = codes(minimal, "CG308")
    assert d.key_path == "measures[0].tasks[0].status" and "09/2024" in d.message


@pytest.mark.parametrize(
    ("schedule", "found"),
    [
        ("horizon: mittelfristig", True),  # 2026–2029 from 2024, the measure ends 12/2026
        ("horizon: langfristig", True),
        ("period: {start: 2025, end: 2027-03}", True),
        ("period: {start: 2025}", True),  # open-ended under a measure that ends
        ("horizon: kurzfristig", False),  # 2024–2026
        ("horizon: dauerhaft", False),  # as long as its measure
        ("period: {start: 2025-01, end: 2026-12}", False),
        ("period: {start: 2025, end: 2026}", False),
    ],
)
def test_task_beyond_its_measure(minimal, schedule, found):
    replace_in(minimal / "measures.yaml", "        horizon: kurzfristig", f"        {schedule}")
    hits = codes(minimal, "CG309")
    assert bool(hits) is found
    if found:
        [d] = hits
        assert d.key_path == "measures[0].tasks[0]" and d.location.line == 16
        assert "„1.1“" in d.message and "(bis 2026)" in d.message


def test_open_measure_bounds_no_task(minimal):
    replace_in(minimal / "measures.yaml", MEASURE_PERIOD, "period: {start: 2024}")
    replace_in(minimal / "measures.yaml", "        horizon: kurzfristig", "        horizon: langfristig")
    assert codes(minimal, "CG309") == []


@pytest.mark.parametrize(
    ("funding", "found"),
    [
        ("Quartiersfonds", True),  # Merklinde's 2.3 before: another measure's fund
        ("Eigenanteil der Stadt", False),
        ("Städtebauförderung", False),  # the measure's source without its share
        ("Kita-Investitionsmittel und Städtebauförderung (60 %)", False),
        ("Städtebauförderung, Landesmittel", True),
    ],
)
def test_a_task_is_paid_from_its_measures_sources(tmp_path, funding, found):
    root = tmp_path / "merklinde"
    shutil.copytree(ROOT / "projects" / "merklinde", root, ignore=shutil.ignore_patterns("build"))
    (tmp_path / "shared").symlink_to(ROOT.parent / "shared")
    replace_in(root / "measures.yaml", 'funding: "Eigenanteil der Stadt"}', f'funding: "{funding}"}}')
    hits = codes(root, "CG315")
    assert bool(hits) is found
    if found:
        assert hits[0].key_path == "measures[1].tasks[2].costs.funding" and "„2.3“" in hits[0].message
