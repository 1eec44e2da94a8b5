"""monitoring.yaml: the yearly progress report (Fortschrittsbericht) of an adopted concept — the actual
values of its indicators, the status of its measures per report year, and the rule that turns an
indicator's distance from its path (baseline → target) into a traffic light with a word.

The concept's own files stay as adopted; the follow-up data live here, one entry per year.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from conceptgen.model.base import Id, Number, StrictModel, Year
from conceptgen.model.content import Direction, Indicator, Status


class Rule(StrictModel):
    """How far behind its path an indicator may be: in percent of the whole planned change."""

    on_track: float = Field(10, ge=0, le=100, description="höchstens so viel % zurück: im Plan")
    at_risk: float = Field(
        25, ge=0, le=100, description="höchstens so viel % zurück: gefährdet; mehr: nicht im Plan"
    )

    @model_validator(mode="after")
    def _ordered(self) -> Rule:
        if self.at_risk < self.on_track:
            raise PydanticCustomError("rule", "`at_risk` darf nicht unter `on_track` liegen", {})
        return self


class MeasureReport(StrictModel):
    measure: Id = Field(description="ID einer Maßnahme oder Aufgabe aus measures.yaml")
    status: dict[Year, Status] = Field(min_length=1, description="Umsetzungsstand je Berichtsjahr")
    note: str | None = Field(None, description="Bemerkung zum Stand im Berichtsjahr")


class Monitoring(StrictModel):
    """The report: its year, the previous report, the rule, actual values and measure statuses."""

    year: Year = Field(description="Berichtsjahr")
    previous: Year | None = Field(None, description="Jahr des letzten Berichts (für die Veränderungen)")
    rule: Rule = Field(default_factory=Rule, description="Ampelregel: Rückstand auf den Zielpfad in %")
    actuals: dict[Id, dict[Year, Number]] = Field(
        default_factory=dict, description="Istwerte je Kennzahl und Jahr, z. B. {K1: {2025: 1180}}"
    )
    measures: list[MeasureReport] = Field(default_factory=list, description="Stand der Maßnahmen je Jahr")
    sample: bool = Field(False, description="true: Istwerte und Stände sind Beispielangaben")


class Light(StrEnum):
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    NO_DATA = "no_data"
    NO_TARGET = "no_target"


@dataclass(frozen=True)
class IndicatorState:
    indicator: Indicator
    baseline: float | None
    expected: float | None  # on the path in the report year
    actual: float | None
    lag: float | None  # percent of the planned change behind the path (negative: ahead)
    light: Light


# units that measure rather than count: a number of them may be fractional (0,5 Stellen, 2,5 Stunden)
_MEASURES = frozenset(
    {"euro", "eur", "prozent", "punkte", "minuten", "stunden", "tage", "wochen", "monate", "jahre"}
    | {"stelle", "stellen", "vzä", "km", "kilometer", "meter", "m²", "qm", "quadratmeter", "ha", "hektar"}
    | {"liter", "grad", "tonnen", "kilogramm", "gramm", "kilowattstunden", "je", "pro"}
)
_SIGNS = ("%", "‰", "€", "/", "(", "ø")
_RATIOS = ("quote", "anteil", "rate", "index", "wert", "durchschnitt")  # Arbeitslosenquote, Mittelwert
_PER_YEAR = "/jahr"


def counts(unit: str) -> bool:
    """Whether an indicator's ``unit`` counts whole things — „Anzahl“, „Kommunen“, „Personen“, „Plätze“,
    „Beratungsstellen“, „Haushalte/Jahr“ (counted in a year): German nouns — so that a value on its path
    is a whole number. Not a count: a share or rate („%“, „je 10.000 EW“, „Quote“), money, a unit that
    measures (Stunden, Minuten, Stellen and VZÄ, Liter; a symbol: km, kWh, t), a count per day or week
    („Besuche/Tag“, an average)."""
    text = " ".join(unit.lower().split())
    if text.startswith("anzahl"):
        return True
    if not unit.strip()[:1].isupper():  # a symbol (km, kWh, t, x), not a noun that names things
        return False
    if text.endswith(_PER_YEAR):
        text = text[: -len(_PER_YEAR)].strip()
    if not text or any(c.isdigit() for c in text) or any(sign in text for sign in _SIGNS):
        return False
    return not any(word in _MEASURES or word.endswith(_RATIOS) for word in text.split())


def whole(value: float) -> float:
    """``value`` rounded to a whole number, a half away from zero (6,25 → 6, 4,5 → 5, −2,5 → −3): as a
    chart's number format #,##0 rounds its labels."""
    return float(math.copysign(math.floor(abs(value) + 0.5), value))


def path_value(baseline_year: int, baseline: float, target_year: int, target: float, year: int) -> float:
    """The straight path from baseline to target, in ``year`` (held at the ends)."""
    if year <= baseline_year or target_year == baseline_year:
        return baseline if year < target_year else target
    if year >= target_year:
        return target
    return baseline + (target - baseline) * (year - baseline_year) / (target_year - baseline_year)


def indicator_state(
    indicator: Indicator, actuals: dict[int, float], baseline: float | None, year: int, rule: Rule
) -> IndicatorState:
    """Where an indicator stands in ``year`` against its path, and its light by ``rule``."""
    actual = actuals.get(year)
    if indicator.target is None or indicator.baseline is None or baseline is None:
        return IndicatorState(indicator, baseline, None, actual, None, Light.NO_TARGET)
    target = indicator.target
    expected = path_value(indicator.baseline.year, baseline, target.year, target.value, year)
    if counts(indicator.unit):
        expected = whole(expected)  # 6 Kommunen on the path, not 6,25: the lag is measured from it
    if actual is None:
        return IndicatorState(indicator, baseline, expected, None, None, Light.NO_DATA)
    change = target.value - baseline
    if change == 0:
        good = actual >= target.value if indicator.direction is Direction.HIGHER else actual <= target.value
        return IndicatorState(
            indicator, baseline, expected, actual, 0.0, Light.ON_TRACK if good else Light.OFF_TRACK
        )
    lag = 100 * (expected - actual) / change  # behind the path: positive, in either direction
    light = (
        Light.ON_TRACK if lag <= rule.on_track else Light.AT_RISK if lag <= rule.at_risk else Light.OFF_TRACK
    )
    return IndicatorState(indicator, baseline, expected, actual, lag, light)


def actual_values(
    indicator: Indicator, monitoring: Monitoring | None, computed: dict[str, dict[int, float]]
) -> dict[int, float]:
    """An indicator's actual values per year: from its data, then its own ``actuals``, then the progress
    report's (each later one wins)."""
    reported = monitoring.actuals.get(indicator.id, {}) if monitoring is not None else {}
    return {**computed.get(indicator.id, {}), **indicator.actuals, **reported}


ORDER = {Status.GEPLANT: 0, Status.IN_VORBEREITUNG: 1, Status.IN_UMSETZUNG: 2, Status.UMGESETZT: 3}


def measure_change(before: Status | None, now: Status | None) -> str:
    """A key of the words for the change of a measure's status between two reports."""
    if now is None:
        return "none"
    if before is None:
        return "new"
    if before == now:
        return "same"
    if now is Status.UMGESETZT:
        return "done"
    if now is Status.ZURUECKGESTELLT:
        return "paused"
    if before is Status.ZURUECKGESTELLT or ORDER.get(now, 0) > ORDER.get(before, 0):
        return "forward"
    return "back"


__all__ = [
    "IndicatorState",
    "Light",
    "MeasureReport",
    "Monitoring",
    "Rule",
    "actual_values",
    "counts",
    "indicator_state",
    "measure_change",
    "path_value",
    "whole",
]
