"""CG122: an abbreviation the document prints must stand in its list of abbreviations (a council member
missed EUTB, LWL, ÖPNVG, KVJS, EW, AWO, BKA, LKA, VZÄ, PolG while CG113 only checked the other way)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conceptgen.pipeline import check_project
from conceptgen.rules.texts import abbreviation_candidates
from tests.conftest import ROOT, replace_in

WITH_LIST = sorted(p for p in (ROOT / "projects").iterdir() if (p / "abbreviations.yaml").is_file())
WORDS = st.from_regex(r"[A-ZÄÖÜ]?[a-zäöüß]{2,12}(Innen)?", fullmatch=True)
ROMAN = st.from_regex(r"[IVX]{1,4}", fullmatch=True)
IDS = st.from_regex(r"[A-Z]{1,3}[0-9]{1,2}(\.[0-9]{1,2})?", fullmatch=True)
CAPS = st.from_regex(r"[A-ZÄÖÜ]{2,5}|[A-Z][a-z]{1,2}[A-Z]{1,2}", fullmatch=True)


def test_every_example_with_a_list_has_these_projects():
    assert {p.name for p in WITH_LIST} >= {"bottrop-gewaltschutz", "bottrop-inklusion", "luenen", "neuss"}


@pytest.mark.parametrize("project", WITH_LIST, ids=lambda p: p.name)
def test_every_printed_abbreviation_of_an_example_is_listed(project):
    found = [d for d in check_project(project).diagnostics if d.code == "CG122"]
    assert not found, [d.message for d in found]


@pytest.mark.parametrize(
    ("project", "token"),
    [("bottrop-inklusion", "EUTB"), ("bottrop-gewaltschutz", "PolG"), ("neuss", "EW"), ("luenen", "InHK")],
)
def test_an_entry_taken_out_is_reported(tmp_path, project, token):
    import shutil

    root = tmp_path / project
    shutil.copytree(ROOT / "projects" / project, root, ignore=shutil.ignore_patterns("build"))
    path = root / "abbreviations.yaml"
    text = path.read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if re.search(rf"abbreviation: {token},", x))
    replace_in(path, line + "\n", "")
    found = [d for d in check_project(root).diagnostics if d.code == "CG122"]
    assert [d.message for d in found] == [f"Abkürzung „{token}“ steht nicht im Abkürzungsverzeichnis"]
    assert found[0].location is not None and found[0].location.line >= 1


@given(st.lists(st.one_of(WORDS, ROMAN, IDS), min_size=1, max_size=8))
def test_words_numerals_and_ids_are_no_abbreviation(words):
    text = (
        " ".join(words)
        + ", SGB-II-Quote, 12 MWh, 3 CO2, [@BKA2023], [[table:AWO]], #AABBCC, STADTRAUMKONZEPT"
    )
    assert [m.group() for m in abbreviation_candidates(text)] == ["SGB"]


@given(st.lists(WORDS, max_size=4), CAPS, st.sampled_from(["", ",", ".", "-Gesetz", ")"]))
def test_capitals_between_words_are_found(words, token, after):
    if re.fullmatch(r"[IVXLCDM]+", token):
        return
    text = " ".join([*words, "(" + token + after, "und", "mehr"])
    assert [m.group() for m in abbreviation_candidates(text)] == [token]
