"""A count's path to its target (model/monitoring.py ``counts``, ``whole``): an indicator whose unit counts
whole things (Kommunen, Personen, Plätze …) is on its path with a whole number in every year — in the
progress report's table as in its chart's labels — and every other unit keeps its decimals."""

from __future__ import annotations

import re
from functools import cache

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conceptgen.document.monitoring import indicator_table
from conceptgen.language import Language
from conceptgen.loading import load_project
from conceptgen.model import Concept
from conceptgen.model.content import Indicator
from conceptgen.model.monitoring import Monitoring, Rule, counts, indicator_state, path_value, whole
from conceptgen.model.validate import validate_concept
from tests.conftest import ROOT
from tests.examples import PROJECTS

# every unit of the example projects' indicators that is not a count: the rest count whole things
NOT_COUNTS = {"%", "je 10.000 EW"}
COUNT_WORDS = ["Anzahl", "Kommunen", "Personen", "Plätze", "Beratungsstellen", "Haushalte/Jahr", "Fälle"]
MEASURE_WORDS = ["%", "je 1.000 EW", "Stellen (VZÄ)", "Stunden", "Besuche/Tag", "€", "Quote", "kWh", "x"]


@cache
def _concept(project: str) -> Concept:
    source, _ = load_project(ROOT / "projects" / project)
    concept, _ = validate_concept(source)
    assert concept is not None
    return concept


def _indicator(unit: str, baseline: tuple[int, float], target: tuple[int, float]) -> Indicator:
    return Indicator.model_validate(
        {
            "id": "K",
            "name": "K",
            "unit": unit,
            "direction": "higher" if target[1] >= baseline[1] else "lower",
            "baseline": {"year": baseline[0], "value": baseline[1]},
            "target": {"year": target[0], "value": target[1]},
        }
    )


@pytest.mark.parametrize("project", PROJECTS)
def test_the_examples_units_are_counts_or_not(project):
    units = {k.unit for k in _concept(project).indicators}
    assert {u for u in units if not counts(u)} <= NOT_COUNTS
    assert not any(counts(u) for u in NOT_COUNTS)


def test_counts_and_measures():
    assert all(counts(u) for u in COUNT_WORDS)
    assert not any(counts(u) for u in MEASURE_WORDS)
    assert [whole(v) for v in (6.25, 4.5, 2.75, -2.5, 0.49)] == [6, 5, 3, -3, 0]  # as #,##0 rounds


@given(
    unit=st.sampled_from(COUNT_WORDS + MEASURE_WORDS),
    start=st.integers(2000, 2030),
    span=st.integers(1, 12),
    base=st.integers(0, 5000),
    target=st.integers(0, 5000),
    into=st.integers(-2, 14),
)
def test_a_count_is_whole_on_its_path(unit, start, span, base, target, into):
    """Every year, before, on and after the path: a count's value is the exact path's rounded (never
    more than a half away, within baseline and target), any other unit's the exact path."""
    indicator = _indicator(unit, (start, base), (start + span, target))
    year = start + into
    exact = path_value(start, base, start + span, target, year)
    state = indicator_state(indicator, {year: base}, base, year, Rule())
    if counts(unit):
        assert state.expected == int(state.expected) and abs(state.expected - exact) <= 0.5
        assert min(base, target) <= state.expected <= max(base, target)
    else:
        assert state.expected == exact


@pytest.mark.parametrize("project", PROJECTS)
def test_no_example_prints_a_fractional_count_on_its_path(project):
    """The progress report's table of every example, as if reported in each year from its first baseline
    to its last target: the „Soll“ of a count is a whole number; the note says it was rounded."""
    concept = _concept(project)
    shown = [k for k in concept.indicators if k.baseline and k.target and k.baseline.value is not None]
    if not shown:
        pytest.skip("no indicator with baseline and target values")
    language = Language.of("de")
    rounded = 0
    for year in range(min(k.baseline.year for k in shown), max(k.target.year for k in shown) + 1):
        report = concept.model_copy(update={"monitoring": Monitoring(year=year)})
        table = indicator_table(report, None, language)
        for row in table.rows:
            unit = next(k.unit for k in shown if row[0].startswith(f"{k.id} ")) if row[3] != "–" else ""
            if unit and counts(unit):
                assert re.fullmatch(r"[\d.]+", row[3]), (year, row)
        exact = [
            path_value(k.baseline.year, k.baseline.value, k.target.year, k.target.value, year) for k in shown
        ]
        fractional = any(counts(k.unit) and v % 1 for k, v in zip(shown, exact, strict=True))
        assert (language.terms["monitoring.rounded"] in (table.note or "")) == fractional
        rounded += fractional
    if project == "neuss":
        assert rounded  # K5 in 2024–2026: 2,75, 4,5, 6,25 Kommunen
