"""Composite indices of a Sozialraumanalyse, as the recognised methods build them (Berlin MSS, Hamburg
RISE; shared/domain/sozialraum.md):

1. the rated areas: population at least ``min_population`` and a value for every weighted indicator;
2. per indicator, oriented so that a higher value means more burden, a z-score over the rated areas,
   z = (x − mean) / SD with the population SD (``method: zscore``), or the rank scaled to 0…1 (ties share
   the mean rank, ``method: rank``);
3. the weighted sum of the z-scores, standardised again (z-scores) — or the weighted mean rank (ranks);
4. classes by thresholds on that value (MSS: ≤ −1, (−1, 1], (1, 1,5], > 1,5) or by quantiles of it;
5. ranks: 1 = the most burdened area; equal values share a rank.

A dynamic index (``dynamic: N``) does the same with each indicator's change over N years.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from conceptgen.diagnostics import Diagnostic, diagnostic, did_you_mean
from conceptgen.loading import ProjectSource
from conceptgen.model.social import AreaIndex, Burden, ClassMethod, IndexMethod

if TYPE_CHECKING:
    from conceptgen.data.social import SocialResult

MIN_RATED = 3


@dataclass
class IndexEntry:
    """One area's place in an index."""

    rated: bool
    reason: str = ""  # why not rated: "population" or "missing"
    scores: dict[str, float] = field(default_factory=dict)  # indicator → z-score or rank score
    raw: dict[str, float] = field(default_factory=dict)  # indicator → the (oriented) value standardised
    total: float | None = None  # the weighted sum (z-scores) or weighted mean rank
    value: float | None = None  # the index
    cls: int | None = None  # 0 = the first label (least burden)
    rank: int | None = None


@dataclass
class IndexResult:
    """An index in one year."""

    year: int
    entries: dict[str, IndexEntry]
    limits: list[float]  # the class limits applied (computed for quantiles)
    labels: list[str]
    means: dict[str, float] = field(default_factory=dict)
    deviations: dict[str, float] = field(default_factory=dict)
    base_year: int | None = None  # dynamic index: the year the change is measured from

    def rated(self) -> list[str]:
        return [a for a, e in self.entries.items() if e.rated]


def compute_indices(
    result: SocialResult, source: ProjectSource
) -> tuple[dict[str, dict[int, IndexResult]], list[Diagnostic]]:
    """Every declared index for every year it can be computed."""
    found: list[Diagnostic] = []
    indices: dict[str, dict[int, IndexResult]] = {}
    spec = result.spec
    known = {i.id: i for i in spec.indicators}
    for k, index in enumerate(spec.indices):
        path = ("social_space", "indices", k)
        problems = _check(index, known, result, source, path)
        if problems:
            found += problems
            continue
        per_year: dict[int, IndexResult] = {}
        for year in result.years:
            base_year = None
            if index.dynamic:
                base_year = year - index.dynamic
                if base_year not in result.years:
                    continue
            computed, problems = compute_index(index, result, year, base_year)
            found += [_located(p, source, path) for p in problems if year == result.year]
            if computed is not None:
                per_year[year] = computed
        if index.dynamic and result.year not in per_year:
            found.append(
                diagnostic(
                    "CG615",
                    f"der Dynamikindex „{index.id}“ braucht Daten von {result.year - index.dynamic} "
                    f"({result.year} − {index.dynamic} Jahre)",
                    source.locate((*path, "dynamic")),
                    key_path=f"social_space.indices[{k}].dynamic",
                    hint=f"Jahre mit Daten: {', '.join(map(str, result.years))}",
                )
            )
        indices[index.id] = per_year
    return indices, found


def _located(problem: Diagnostic, source: ProjectSource, path: tuple) -> Diagnostic:
    if problem.location is not None:
        return problem
    return diagnostic(problem.code, problem.message, source.locate(path), hint=problem.hint)


def _check(index: AreaIndex, known: dict, result: SocialResult, source: ProjectSource, path: tuple) -> list:
    found = []
    for name in index.indicators:
        if name not in known:
            found.append(
                diagnostic(
                    "CG202",
                    f"unbekannter Indikator „{name}“ im Index „{index.id}“",
                    source.locate((*path, "indicators", name), key=True),
                    hint=did_you_mean(name, known) or f"Indikatoren: {', '.join(known)}",
                )
            )
        elif known[name].context and index.indicators[name] > 0:
            found.append(
                diagnostic(
                    "CG104",
                    f"„{name}“ ist ein Kontextindikator, gewichtet mit {index.indicators[name]:g} in "
                    f"„{index.id}“",
                    source.locate((*path, "indicators", name)),
                    hint="Kontextindikatoren werden gezeigt, nicht verrechnet: context: true oder das "
                    "Gewicht entfernen",
                )
            )
        elif name not in result.values:
            return []  # its data could not be read: already reported
    columns = {c.key for d in result.spec.data for c in d.columns}
    if index.population not in columns:
        found.append(
            diagnostic(
                "CG601",
                f"unbekannte Einwohnerspalte „{index.population}“",
                source.locate((*path, "population")),
                hint=did_you_mean(index.population, columns) or f"Spalten: {', '.join(sorted(columns))}",
            )
        )
    return found


def population(result: SocialResult, column: str, year: int, area: str) -> float | None:
    for data in result.data.values():
        row = data.counts.get(year, {}).get(area)
        if row is not None and column in row:
            return row[column]
    return None


def compute_index(
    index: AreaIndex, result: SocialResult, year: int, base_year: int | None = None
) -> tuple[IndexResult | None, list[Diagnostic]]:
    """The index in ``year`` (with ``base_year``: of the change since then)."""
    spec = {i.id: i for i in result.spec.indicators}
    weighted = {name: w for name, w in index.indicators.items() if w > 0}
    entries: dict[str, IndexEntry] = {}
    for area in result.units:
        people = population(result, index.population, year, area)
        raw = {}
        missing = False
        for name in index.indicators:
            value = _oriented(result, spec[name], year, base_year, area)
            if value is None:
                missing = missing or name in weighted
            else:
                raw[name] = value
        if people is None or people < index.min_population:
            entries[area] = IndexEntry(False, "population", raw=raw)
        elif missing:
            entries[area] = IndexEntry(False, "missing", raw=raw)
        else:
            entries[area] = IndexEntry(True, raw=raw)
    rated = [a for a, e in entries.items() if e.rated]
    problems: list[Diagnostic] = []
    if len(rated) < MIN_RATED:
        return None, [
            diagnostic(
                "CG616",
                f"Index „{index.id}“ bewertet {len(rated)} Gebiete in {year}, braucht mindestens {MIN_RATED}",
                None,
                hint=f"min_population ({index.min_population}) senken oder die Daten prüfen",
            )
        ]
    computed = IndexResult(year, entries, [], list(index.classes.labels), base_year=base_year)
    for name in index.indicators:
        values = [entries[a].raw[name] for a in rated]
        if index.method is IndexMethod.ZSCORE:
            mean = sum(values) / len(values)
            sd = math.sqrt(sum((v - mean) ** 2 for v in values) / len(values))  # population SD
            computed.means[name], computed.deviations[name] = mean, sd
            if sd == 0 and name in weighted:
                problems.append(
                    diagnostic(
                        "CG617",
                        f"„{name}“ hat in {year} in jedem bewerteten Gebiet denselben Wert: er trägt nichts "
                        f"zum Index „{index.id}“ bei",
                        None,
                        hint="seine z-Werte sind 0",
                    )
                )
            for a in rated:
                entries[a].scores[name] = (entries[a].raw[name] - mean) / sd if sd else 0.0
        else:
            ranks = _mean_ranks([entries[a].raw[name] for a in rated])
            top = len(rated) - 1
            for a, rank in zip(rated, ranks, strict=True):
                entries[a].scores[name] = (rank - 1) / top if top else 0.0
    weight_sum = sum(weighted.values())
    for a in rated:
        total = sum(w * entries[a].scores[name] for name, w in weighted.items())
        entries[a].total = total if index.method is IndexMethod.ZSCORE else total / weight_sum
    totals = [entries[a].total for a in rated]
    if index.method is IndexMethod.ZSCORE:
        mean = sum(totals) / len(totals)
        sd = math.sqrt(sum((t - mean) ** 2 for t in totals) / len(totals))
        for a in rated:
            entries[a].value = (entries[a].total - mean) / sd if sd else 0.0
    else:
        for a in rated:
            entries[a].value = entries[a].total
    values = [entries[a].value for a in rated]
    if index.classes.method is ClassMethod.QUANTILES:
        computed.limits = [quantile(values, q) for q in index.classes.limits]
    else:
        computed.limits = [float(limit) for limit in index.classes.limits]
    for a in rated:
        value = entries[a].value
        entries[a].cls = sum(1 for limit in computed.limits if value > limit + 1e-12)
        entries[a].rank = 1 + sum(1 for other in values if other > value + 1e-12)
    return computed, problems


def _oriented(result: SocialResult, indicator, year: int, base_year: int | None, area: str) -> float | None:
    """The indicator's value (or its change since ``base_year``), negated when a low value is the burden."""
    values = result.values.get(indicator.id, {})
    now = values.get(year, {}).get(area)
    if now is None or now.value is None:
        return None
    value = now.value
    if base_year is not None:
        then = values.get(base_year, {}).get(area)
        if then is None or then.value is None:
            return None
        value = now.value - then.value
    return -value if indicator.burden is Burden.LOW else value


def _mean_ranks(values: list[float]) -> list[float]:
    """Ranks 1…n in ascending order; equal values share the mean of their ranks."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        mean = (i + j) / 2 + 1
        for k in range(i, j + 1):
            ranks[order[k]] = mean
        i = j + 1
    return ranks


def quantile(values: list[float], q: float) -> float:
    """The q-quantile with linear interpolation between order statistics (numpy's default)."""
    ordered = sorted(values)
    position = (len(ordered) - 1) * q
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)
