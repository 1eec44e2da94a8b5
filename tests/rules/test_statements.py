"""Hand-written comparisons and trends checked against the figures beside them (CG345): the words a
placeholder would choose are accepted, any other word is reported where it is written."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from conceptgen.data.compare import comparison, trend
from conceptgen.language import Language
from conceptgen.pipeline import check_project
from conceptgen.rules.statements import _contradictions

GERMAN = Language("de")
KINDS = ["equal", "slightly_below", "slightly_above", "below", "above"]
numbers = st.decimals(min_value=-100000, max_value=100000, places=1, allow_nan=False, allow_infinity=False)


def _de(value) -> str:
    return GERMAN.number(float(value), None if float(value).is_integer() else 1)


@given(numbers, numbers, st.sampled_from(KINDS), st.booleans())
def test_a_comparison_is_accepted_exactly_when_its_word_fits_its_figures(value, reference, kind, year):
    terms = GERMAN.terms
    words = terms(f"compare.{kind}", reference=_de(reference))
    figure = f"{_de(value)} (2024)" if year else _de(value)
    sentence = f"Der Kreis liegt {terms('compare.with', value='X', year=2024, comparison=words)}."
    sentence = sentence.replace("X\u00a0(2024)", figure)  # the term keeps the year with the value
    flagged = list(_contradictions(sentence, GERMAN))
    assert bool(flagged) == (comparison(float(value), float(reference)) != kind)


@given(numbers, numbers, st.sampled_from(["rose", "fell"]))
@example(Decimal("0"), Decimal("-7"), "rose")  # a single-digit negative number lost its sign
def test_a_trend_is_accepted_exactly_when_its_word_fits_its_figures(first, last, kind):
    sentence = "Die Zahl ist " + GERMAN.terms(
        f"trend.{kind}", first=_de(first), first_year=2020, last=_de(last), last_year=2024
    )
    flagged = list(_contradictions(sentence, GERMAN))
    assert bool(flagged) == (trend(float(first), float(last)) != kind)


@pytest.mark.parametrize(
    ("sentence", "column"),
    [
        ("Die Zahl ist von 780 (2022) auf 1.150 (2024) gesunken.", 14),
        ("Der Kreis liegt mit 25,3 leicht unter 52.", 17),
    ],
)
def test_contradiction_reported_where_it_is_written(minimal, sentence, column):
    path = minimal / "text" / "einleitung.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n\n" + sentence + "\n", encoding="utf-8")
    [d] = [d for d in check_project(minimal).diagnostics if d.code == "CG345"]
    assert d.location.file.endswith("einleitung.md") and (d.location.line, d.location.column) == (6, column)
    assert d.level == "warning" and "[[" in d.hint
