"""The supply analysis' class („Unterversorgung“, „im Rahmen“, „überdurchschnittlich“) is a function of
the deviation as the table prints it: two rows that print one deviation never get two classes, and a
lower printed deviation never gets a better class (−20 „im Rahmen“ above −20 „Unterversorgung“ was the
defect)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from conceptgen.data.supply import _verdict
from conceptgen.terms import Terms

TERMS = Terms("de")
ORDER = ["under", "", "over"]
rates = st.floats(min_value=0, max_value=1000, allow_nan=False, allow_infinity=False)
references = st.floats(min_value=0.01, max_value=1000, allow_nan=False, allow_infinity=False)
tolerances = st.sampled_from([0.0, 0.1, 0.2, 0.25, 0.5])


@given(rates, rates, references, tolerances)
def test_class_follows_the_printed_deviation(a, b, reference, tolerance):
    first, second = _verdict(a, reference, tolerance, TERMS), _verdict(b, reference, tolerance, TERMS)
    if first[0] == second[0]:
        assert first[1:] == second[1:]
    if first[0] < second[0]:
        assert ORDER.index(first[1]) <= ORDER.index(second[1])


@given(rates, references, tolerances)
def test_class_and_limit(rate, reference, tolerance):
    deviation, kind, word = _verdict(rate, reference, tolerance, TERMS)
    limit = tolerance * 100
    assert kind == ("under" if deviation < -limit else "over" if deviation > limit else "")
    assert word == {"under": "Unterversorgung", "over": "überdurchschnittlich", "": "im Rahmen"}[kind]
