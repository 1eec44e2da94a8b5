"""One classification for every sentence that compares figures: how a value stands to a reference
(„etwa gleich hoch wie“, „leicht unter“, „deutlich über“ …) and which way a series went („gestiegen“,
„gesunken“). The numbers it is given are the numbers as printed, so that a reader who recomputes the
sentence from its own figures finds the same word."""

from __future__ import annotations

from typing import Literal

# relative difference to the reference, as a share of the reference's magnitude
EQUAL = 0.05  # up to 5 %: „etwa gleich hoch wie“
SLIGHT = 0.20  # over 5 % up to 20 %: „leicht unter/über“; beyond: „deutlich unter/über“

Comparison = Literal["equal", "slightly_below", "slightly_above", "below", "above"]
Trend = Literal["rose", "fell", "same"]


def comparison(value: float, reference: float) -> Comparison:
    """How ``value`` stands to ``reference``: within 5 % equal, up to 20 % slightly, beyond clearly below
    or above. A reference of 0 compares by sign only."""
    if value == reference:
        return "equal"
    if reference == 0:
        return "above" if value > 0 else "below"
    share = (value - reference) / abs(reference)
    if abs(share) <= EQUAL:
        return "equal"
    side = "above" if share > 0 else "below"
    return f"slightly_{side}" if abs(share) <= SLIGHT else side  # type: ignore[return-value]


def trend(first: float, last: float) -> Trend:
    """Which way a series went from its first to its last value (as printed: equal figures are „same“)."""
    if last > first:
        return "rose"
    if last < first:
        return "fell"
    return "same"
