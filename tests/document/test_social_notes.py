"""What a Sozialraumanalyse's profiles owe their reader (a council member's reading of Dortmund):
a value hidden only so that another cannot be computed back (secondary suppression) is explained as
such, not with the primary reason alone (Lindenhorst); a profile never drops the comparison with the
year before in silence (Syburg, not rated in 2022); a rate's definition names what it is per
(„je 100“ alone said nothing)."""

from __future__ import annotations

import re
from functools import cache

import pytest

from conceptgen.pipeline import check_project
from tests.conftest import ROOT
from tests.docx_text import paragraphs
from tests.examples import PROJECTS, rendered

SECONDARY = "zur Sicherung der Geheimhaltung zusätzlich unterdrückt"


@cache
def _dortmund():
    return check_project(ROOT / "projects" / "dortmund")


def _profiles() -> dict[str, list[str]]:
    """The texts of Dortmund's profile documents, by area code (the file name's number)."""
    found = {}
    for name, docx in rendered("dortmund").items():
        match = re.match(r"Profil-(\d+)-", name)
        if match:
            found[match.group(1)] = [p.text for p in paragraphs(docx)]
    return found


@pytest.mark.slow  # renders Dortmund
def test_a_secondarily_suppressed_value_has_its_own_note():
    social = _dortmund().data.social
    year, before = social.year, social.previous(social.year)
    by_code = {code: area for area, code in social.codes.items()}
    checked = 0
    for code, texts in _profiles().items():
        area = by_code[code]
        secondary = any(
            values.get(y, {}).get(area) is not None and values[y][area].hidden == "secondary"
            for values in social.values.values()
            for y in (year, before)
        )
        if secondary:
            checked += 1
            assert any(SECONDARY in t for t in texts), (
                f"profile {code}: no note for its secondary suppression"
            )
    assert checked, "Dortmund has a secondarily suppressed value (Lindenhorst): the test must see it"


@pytest.mark.slow  # renders Dortmund
def test_every_profile_compares_its_status_with_the_year_before():
    social = _dortmund().data.social
    before = social.previous(social.year)
    for code, texts in _profiles().items():
        lines = [t for t in texts if t.startswith(f"Statusindex {social.year}:")]
        assert lines and all(f"({before}:" in t for t in lines), f"profile {code}: {lines}"


@pytest.mark.parametrize("project", PROJECTS)
def test_a_rate_says_what_it_is_per(project):
    concept = check_project(ROOT / "projects" / project).concept
    definitions = [(k.id, k.definition) for k in concept.indicators]
    if concept.social_space is not None:
        definitions += [(i.id, i.definition) for i in concept.social_space.indicators]
    bare = [ident for ident, text in definitions if text and re.search(r"\bje [\d.]+\W*$", text.strip())]
    assert bare == []


@pytest.mark.slow  # renders Dortmund
def test_the_official_years_promised_are_the_years_shown():
    """The sample note and the definition promised official 18–25 shares for „2000, 2014“; profiles
    and report show 2014 only. Every year they name is a year a profile prints a share of."""
    texts = [t for docx in rendered("dortmund").values() for t in (p.text for p in paragraphs(docx))]
    promise = re.compile(r"18- bis 25-Jährigen(?: an der Bevölkerung)? \(([^)]*)\)")
    promises = [m.group(1) for t in texts for m in promise.finditer(t)]
    promised = {y for t in promises for y in re.findall(r"\b(?:19|20)\d\d\b", t)}
    shown = {m for t in texts for m in re.findall(r"^\d+ \(((?:19|20)\d\d)\)$", t)}
    assert promises and shown
    assert promised <= shown, f"promised {sorted(promised)}, shown {sorted(shown)}"


@pytest.mark.slow  # renders Dortmund
def test_a_profile_heads_its_columns_unmistakably():
    """The parent's column said „Eving“ — also a statistical district's name — and „Veränd. seit 2022“
    read as unexplained: the column says „Stadtbezirk Eving“, the change „Veränderung seit 2022“."""
    social = _dortmund().data.social
    before = social.previous(social.year)
    for code, texts in _profiles().items():
        if code == "000":
            continue
        assert any(re.fullmatch(r"Stadtbezirk \S.*", t) for t in texts), f"profile {code}"
        assert f"Veränderung seit {before}" in texts, f"profile {code}"


@pytest.mark.slow  # renders Dortmund
def test_a_year_not_rated_for_lack_of_values_names_them():
    """Syburg: „2022: nicht bewertet, Werte fehlen“ beside four of five changes since 2022 — the line
    names the indicator whose value was missing."""
    social = _dortmund().data.social
    names = [i.name for i in social.spec.indicators]
    lines = [
        t for texts in _profiles().values() for t in texts if "nicht bewertet" in t and "Statusindex" in t
    ]
    assert lines, "Dortmund has an area not rated the year before (Syburg): the test must see it"
    for line in lines:
        assert "Werte fehlen" not in line and any(f"kein Wert für {n}" in line for n in names), line
