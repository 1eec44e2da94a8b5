"""CG444: a chart's alt text names only figures the chart shows (document/alt_figures.py)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conceptgen.document.alt_figures import figures
from conceptgen.language import Language
from conceptgen.pipeline import check_project
from tests.conftest import replace_in

GERMAN, ENGLISH = Language("de"), Language("en")


def _alt(result) -> list[str]:
    return [d.message for d in result.diagnostics if d.code == "CG444"]


def test_neuss_alt_texts_written_for_older_data_are_found(neuss_copy):
    """The alt texts Neuss had before its figures changed: each chart's stale figures named, at its alt."""
    stale = "505 Personen weit vorn, gefolgt von Dormagen (176)"
    replace_in(neuss_copy / "charts.yaml", "980 Personen weit vorn, gefolgt von Dormagen (341)", stale)
    replace_in(neuss_copy / "charts.yaml", "von 33,6 (2022)", "von 17,3 (2022)")
    result = check_project(neuss_copy)
    found = [d for d in result.diagnostics if d.code == "CG444"]
    assert [d.key_path for d in found] == ["charts[0].alt", "charts[2].alt"]
    assert "nennt 505, 176, was" in found[0].message and "nennt 17,3, was" in found[1].message
    assert all(str(d.location).startswith(f"{neuss_copy / 'charts.yaml'}:") for d in found)


def test_the_examples_alt_texts_state_their_charts_figures(neuss_copy):
    """Values, sums, figures of categories („45 bis unter 65“) and of the title, years, units („je
    10.000“) and bounds („unter 20“) are not reported (the examples check clean; here Neuss)."""
    assert _alt(check_project(neuss_copy)) == []


@given(
    value=st.one_of(st.integers(0, 10**7), st.floats(0, 10**6, allow_nan=False).map(lambda v: round(v, 1))),
    language=st.sampled_from([GERMAN, ENGLISH]),
)
def test_a_figure_is_read_back_as_the_language_writes_it(value, language):
    written = language.number(value, None if float(value).is_integer() else 1)
    text = f"Der Wert {written} steht hier."
    found = figures(text, language)
    if float(value).is_integer() and 1900 <= value <= 2100:
        assert found == []  # read as a year
    else:
        assert found == [(written, pytest.approx(float(value)))]


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("Quote je 10.000 Einwohner*innen von 33,6 (2022) auf 49,1 (2024).", [33.6, 49.1]),
        ("Neuss 42,4, alle anderen Kommunen unter 20.", [42.4]),
        ("dunkel die Maßnahmen der Priorität 1", []),
        ("−2,5 Prozentpunkte und 4.160 Menschen", [-2.5, 4160.0]),
    ],
)
def test_units_bounds_ranks_and_years_are_not_values(text, numbers):
    assert [number for _, number in figures(text, GERMAN)] == numbers
