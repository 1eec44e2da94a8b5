"""A profile's comparison chart stays readable in a city of hundreds of areas: beyond MAX_BARS it shows
the areas with the nearest ranks and the city's distribution (grey), never one bar per area."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conceptgen.document.social_blocks import MAX_BARS, NEIGHBOURS, _strip, comparison_chart, social_context
from conceptgen.language import Language
from conceptgen.pipeline import check_project

ROOT = Path(__file__).resolve().parents[2]
BOUND = 2 * NEIGHBOURS + 1 + 5  # the strip and the five marks of the city's distribution
TERMS = Language.of("de").terms


def _synth_city():
    spec = importlib.util.spec_from_file_location("synth_city", ROOT / "bench" / "synth_city.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(-5, 5, allow_nan=False), min_size=MAX_BARS + 1, max_size=700), st.data())
def test_strip_is_bounded_ordered_and_keeps_the_area(values, data):
    ordered = sorted((round(v, 2) for v in values), reverse=True)
    own = data.draw(st.integers(0, len(ordered) - 1))
    bars = [(f"{i:04d}", value, i == own) for i, value in enumerate(ordered)]
    merged, grey = _strip(bars, own, TERMS)
    assert len(merged) == BOUND and len(grey) == 5
    assert [b[1] for b in merged] == sorted((b[1] for b in merged), reverse=True)  # by size
    assert [b for b in merged if b[2]] == [bars[own]]  # the area itself, once
    neighbours = [b for i, b in enumerate(merged) if i not in grey]
    assert neighbours == bars[bars.index(neighbours[0]) : bars.index(neighbours[0]) + 2 * NEIGHBOURS + 1]
    assert merged[grey[0]][1] == ordered[0] and merged[grey[-1]][1] == ordered[-1]  # highest, lowest


@pytest.mark.slow  # checks a project of 550 areas
@pytest.mark.parametrize("units", [60, 550])
def test_profile_chart_of_a_city_has_a_bounded_number_of_bars(tmp_path, units):
    project = _synth_city().synth(tmp_path / "stadt", units)
    result = check_project(project)
    assert result.ok, [d.format() for d in result.diagnostics]
    social = social_context(result.concept, result.data, result.language)
    rated = 0
    for area in social.result.units:
        chart = comparison_chart(social, area)
        if chart is None:
            continue
        rated += 1
        [(_name, values)] = chart.series
        assert chart.categories[chart.highlight] == social.result.codes[area]
        assert len(chart.categories) == len(values) <= (units if units <= MAX_BARS else BOUND)
        assert values == sorted(values, reverse=True)
        if units > MAX_BARS:
            assert [chart.categories[i] for i in chart.grey][2] == TERMS["social.city_median"]
            assert "Rang" in chart.heading and f"aller {units} bewerteten Gebiete" in chart.chart.alt
    assert rated > 0.9 * units
