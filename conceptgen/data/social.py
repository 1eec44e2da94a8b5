"""The data of a Sozialraumanalyse: one file per year, joined to the areas by code, counts summed up the
hierarchy (Statistischer Bezirk → Stadtbezirk → city), indicators as rates from the summed counts (never
averages of rates), and what data protection hides.

Everything is plain data keyed by area ID and year; the index (data/social_index.py) and the document
stage (formatting, suppression marks) build on it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from conceptgen.data.area_data import AreaYearData, load_area_data
from conceptgen.diagnostics import Diagnostic, DiagnosticError, diagnostic, did_you_mean
from conceptgen.loading import ProjectSource
from conceptgen.model import Concept
from conceptgen.model.social import AreaIndicator, SocialSpace

TOTAL = "__total__"  # the whole region (the city): the sum over all rated areas
_CODE = "__code"
_NAME = "__name"


@dataclass
class Value:
    """An indicator's value for one area and year: the rate, the count and base it comes from, and
    whether data protection hides it (``hidden``: 'count' or 'base')."""

    value: float | None
    count: float | None = None
    base: float | None = None
    hidden: str = ""


@dataclass
class SocialResult:
    """What the analysis computed."""

    spec: SocialSpace
    year: int
    years: list[int]
    units: list[str]  # the rated kind's areas, by code
    parents: dict[str, list[str]]  # a parent area → its units
    data: dict[str, AreaYearData]
    values: dict[str, dict[int, dict[str, Value]]]  # indicator → year → area (units, parents, TOTAL)
    indices: dict[str, Any] = field(default_factory=dict)  # index → year → IndexResult (social_index)
    names: dict[str, str] = field(default_factory=dict)  # area → name
    codes: dict[str, str] = field(default_factory=dict)  # area → code
    geometry: dict[str, Any] = field(default_factory=dict)  # area kind → Layer (geometry.py)

    def previous(self, year: int) -> int | None:
        earlier = [y for y in self.years if y < year]
        return earlier[-1] if earlier else None


def analyse_social(concept: Concept, source: ProjectSource) -> tuple[SocialResult | None, list[Diagnostic]]:
    """Load the area data of every year, check the join, compute the indicators (and, in
    social_index, the indices). Returns None when nothing can be computed."""
    spec = concept.social_space
    assert spec is not None
    found: list[Diagnostic] = []
    areas = {a.id: a for a in concept.areas}
    units = sorted((a for a in concept.areas if a.kind == spec.unit), key=lambda a: (a.code or "", a.id))
    if not units:
        kinds = sorted({a.kind for a in concept.areas if a.kind})
        return None, [
            diagnostic(
                "CG104",
                f"kein Gebiet der Art „{spec.unit}“ zu analysieren",
                source.locate(("social_space", "unit")),
                key_path="social_space.unit",
                hint=did_you_mean(spec.unit, kinds) or "den Gebieten in inventory.yaml kind: und code: geben",
            )
        ]
    found += _check_codes(concept, source, spec)
    data: dict[str, AreaYearData] = {}
    for i, declared in enumerate(spec.data):
        try:
            data[declared.id] = load_area_data(declared, concept, source, ("social_space", "data", i))
        except DiagnosticError as exc:
            found += exc.diagnostics
        else:
            found += data[declared.id].warnings
    if not data or any(d.level.value == "error" for d in found):
        return None, found
    years = sorted({y for d in data.values() for y in d.counts})
    year = spec.year or years[-1]
    if spec.year is not None and spec.year not in years:
        found.append(
            diagnostic(
                "CG615",
                f"keine Daten des Jahres {spec.year}",
                source.locate(("social_space", "year")),
                key_path="social_space.year",
                hint=f"Jahre mit Daten: {', '.join(map(str, years))}",
            )
        )
        return None, found
    parents: dict[str, list[str]] = {}
    for unit in units:
        if unit.parent:
            parents.setdefault(unit.parent, []).append(unit.id)
    unit_ids = [u.id for u in units]
    for ident, per_year in data.items():
        for y, by_area in per_year.counts.items():
            missing = [u for u in unit_ids if u not in by_area]
            if missing and y == year:
                names = ", ".join(areas[m].name for m in missing[:5])
                found.append(
                    diagnostic(
                        "CG612",
                        f"{len(missing)} × {spec.unit} ohne Daten in {ident} {y}: {names}",
                        source.locate(("social_space", "data", _data_index(spec, ident), "files")),
                        hint="sie werden als fehlend gezeigt und nicht bewertet",
                    )
                )
    values = {}
    for i, indicator in enumerate(spec.indicators):
        problems = _check_indicator(indicator, data, spec, source, i)
        if problems:
            found += problems
            continue
        values[indicator.id] = _indicator_values(indicator, data[indicator.data], unit_ids, parents, spec)
    result = SocialResult(spec, year, years, unit_ids, parents, data, values)
    result.names = {a.id: a.name for a in concept.areas}
    result.codes = {a.id: a.code or "" for a in concept.areas}
    if spec.geometry:
        from conceptgen.data.geometry import load_geometry

        result.geometry, problems = load_geometry(concept, source)
        found += problems
    if not any(d.level.value == "error" for d in found):
        from conceptgen.data.social_index import compute_indices

        indices, problems = compute_indices(result, source)
        result.indices = indices
        found += problems
    return result, found


def _data_index(spec: SocialSpace, ident: str) -> int:
    return next(i for i, d in enumerate(spec.data) if d.id == ident)


def _check_codes(concept: Concept, source: ProjectSource, spec: SocialSpace) -> list[Diagnostic]:
    """Every rated area needs a code; no two areas of a kind share one; parents must exist."""
    found = []
    seen: dict[tuple[str, str], str] = {}
    ids = {a.id for a in concept.areas}
    for i, area in enumerate(concept.areas):
        if area.kind == spec.unit and not area.code:
            found.append(
                diagnostic(
                    "CG105",
                    f"das Gebiet „{area.id}“ ({spec.unit}) hat keinen Code",
                    source.locate(("areas", i)),
                    key_path=f"areas[{i}]",
                    hint="Daten und Geometrie werden über den Code zugeordnet: code: ergänzen "
                    '(z. B. code: "010")',
                )
            )
        if area.code:
            key = (area.kind or "", area.code)
            if key in seen:
                found.append(
                    diagnostic(
                        "CG201",
                        f"der Code „{area.code}“ des Gebiets „{area.id}“ ist auch der Code von „{seen[key]}“",
                        source.locate(("areas", i, "code")),
                        key_path=f"areas[{i}].code",
                    )
                )
            seen.setdefault(key, area.id)
        if area.parent and area.parent not in ids:
            found.append(
                diagnostic(
                    "CG202",
                    f"unbekanntes übergeordnetes Gebiet „{area.parent}“",
                    source.locate(("areas", i, "parent")),
                    key_path=f"areas[{i}].parent",
                    hint=did_you_mean(area.parent, ids) or "",
                )
            )
    return found


def _check_indicator(
    indicator: AreaIndicator, data: dict[str, AreaYearData], spec: SocialSpace, source: ProjectSource, i: int
) -> list[Diagnostic]:
    path = ("social_space", "indicators", i)
    if indicator.data not in data:
        known = [d.id for d in spec.data]
        if indicator.data in known:
            return []  # the data failed to load: already reported
        return [
            diagnostic(
                "CG202",
                f"unbekannte Gebietsdaten „{indicator.data}“",
                source.locate((*path, "data")),
                key_path=f"social_space.indicators[{i}].data",
                hint=did_you_mean(indicator.data, known) or f"Gebietsdaten: {', '.join(known)}",
            )
        ]
    declared = next(d for d in spec.data if d.id == indicator.data)
    keys = [c.key for c in declared.columns]
    found = []
    for key in ("value", "base"):
        name = getattr(indicator, key)
        if name is not None and name not in keys:
            found.append(
                diagnostic(
                    "CG601",
                    f"unbekannte Spalte „{name}“ in {indicator.data}",
                    source.locate((*path, key)),
                    key_path=f"social_space.indicators[{i}].{key}",
                    hint=did_you_mean(name, keys) or f"Spalten: {', '.join(keys)}",
                )
            )
    return found


def _indicator_values(
    indicator: AreaIndicator,
    data: AreaYearData,
    units: list[str],
    parents: dict[str, list[str]],
    spec: SocialSpace,
) -> dict[int, dict[str, Value]]:
    """The indicator of every unit, parent and the whole region, every year: rates from counts; a
    parent's and the region's from the summed counts of their units."""
    result: dict[int, dict[str, Value]] = {}
    for year, by_area in data.counts.items():
        values: dict[str, Value] = {}
        for unit in units:
            counts = by_area.get(unit)
            if counts is None:
                values[unit] = Value(None)
                continue
            base = counts.get(indicator.base) if indicator.base else None
            values[unit] = _rate(indicator, counts.get(indicator.value), base, spec)
        for parent, members in [*parents.items(), (TOTAL, units)]:
            if indicator.base is None:
                values[parent] = Value(None)  # a value as it is cannot be summed up
                continue
            count = _summed(by_area, members, indicator.value)
            values[parent] = _rate(indicator, count, _summed(by_area, members, indicator.base), spec)
        _hide_second(values, {**parents, TOTAL: units})  # the region's value last
        result[year] = values
    return result


def _hide_second(values: dict[str, Value], parents: dict[str, list[str]]) -> None:
    """Secondary suppression: where a parent's value is shown and exactly one of its units is hidden,
    the hidden one could be computed back from the parent; so the unit with the next smallest count is
    hidden too (``hidden = "secondary"``)."""
    for parent, members in parents.items():
        if values.get(parent) is None or values[parent].value is None or values[parent].hidden:
            continue
        hidden = [m for m in members if values[m].hidden]
        shown = [m for m in members if not values[m].hidden and values[m].value is not None]
        if len(hidden) == 1 and shown:
            smallest = min(shown, key=lambda m: (values[m].count or 0, m))
            values[smallest].hidden = "secondary"


def _rate(indicator: AreaIndicator, count: float | None, base: float | None, spec: SocialSpace) -> Value:
    """``count`` per ``base`` (× per), hidden when the count or the base is too small to publish."""
    if indicator.base is None:
        return Value(count, count, None)
    if count is None or base is None or base == 0:
        return Value(None, count, base)
    value = Value(count / base * indicator.per, count, base)
    if 0 < count < spec.privacy.min_count:
        value.hidden = "count"
    elif base < spec.privacy.min_base:
        value.hidden = "base"
    return value


def _summed(by_area: dict[str, dict[str, float | None]], members: list[str], column: str) -> float | None:
    """The sum of ``column`` over ``members``; None when one of them has no value."""
    numbers = [by_area.get(m, {}).get(column) for m in members]
    if any(n is None for n in numbers):
        return None
    return float(sum(n for n in numbers if n is not None))
