"""Years missing from a time series: a change „zum Vorjahr“ that would silently compare with an earlier
year, a chart whose axis would close the gap.

A series' years are read against its rhythm — the greatest common step of the years it has (2017,
2019, 2023: every two years, so 2021 is missing; 2022 and 2024 alone: every two years, nothing missing).
A chart gets the missing years as empty categories, so that a line breaks and a column is left out where
the data have none; ``check`` reports the gap (CG313), as it reports a change to the previous year that
finds no previous year.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable
from typing import Any

from conceptgen.diagnostics import Diagnostic, diagnostic
from conceptgen.loading import ProjectSource
from conceptgen.loading.yaml_loader import format_path

FIRST, LAST = 1900, 2100


def as_year(value: Any) -> int | None:
    """``value`` as a year (2024, "2024", 2024.0), or None."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    if not number.is_integer() or not FIRST <= number <= LAST:
        return None
    return int(number)


def missing_years(years: Iterable[int]) -> list[int]:
    """The years a series lacks between its first and last year, on its own rhythm."""
    present = sorted(set(years))
    if len(present) < 2:
        return []
    step = math.gcd(*(b - a for a, b in itertools.pairwise(present)))
    return [y for y in range(present[0], present[-1] + 1, step) if y not in present]


def years_text(years: list[int]) -> str:
    return ", ".join(map(str, years))


def chart_gaps(result: Any, source: ProjectSource, path: tuple) -> Any:
    """A chart whose categories are years: the missing ones added as empty categories, and a warning."""
    from conceptgen.model.charts import ChartType

    chart = result.chart
    years = [as_year(c) for c in result.categories]
    if chart.type in (ChartType.PIE, ChartType.DOUGHNUT) or len(years) < 2 or None in years:
        return result
    missing = missing_years(y for y in years if y is not None)
    if not missing:
        return result
    by_year = {y: i for i, y in enumerate(years)}
    every = sorted({*by_year, *missing})
    result.categories = [str(y) for y in every]
    result.series = [
        (name, [values[by_year[y]] if y in by_year else None for y in every])
        for name, values in result.series
    ]
    result.problems.append(
        diagnostic(
            "CG313",
            f"Diagramm „{chart.id}“: in den Daten fehlt {_the_years(missing)} zwischen {every[0]} und "
            f"{every[-1]}; das Diagramm zeigt die Lücke, statt sie zu schließen",
            source.locate((*path, "category")),
            key_path=format_path((*path, "category")),
            hint="die fehlenden Jahre nachtragen oder die Lücke im Text erklären",
        )
    )
    return result


def _the_years(missing: list[int]) -> str:
    return f"das Jahr {missing[0]}" if len(missing) == 1 else f"die Jahre {years_text(missing)}"


def previous_year_gaps(view: Any, frame: Any, source: ProjectSource, path: tuple) -> list[Diagnostic]:
    """CG313 for every change of ``view`` to the previous year whose data lack a previous year."""
    found = []
    for k, computation in enumerate(view.compute):
        change = computation.change
        if change is None or change.base != "previous":
            continue
        found += change_gaps(
            frame.data, change.over, change.by, computation.label or computation.name, source,
            (*path, "compute", k),
        )  # fmt: skip
    return found


def change_gaps(
    data: Any, over: str, by: str | None, name: str, source: ProjectSource, path: tuple
) -> list[Diagnostic]:
    """A change to the previous year (``base: previous``) for rows whose previous year the data lack:
    their cells stay empty, and the warning names them."""
    groups = data.groupby(by) if by else [("", data)]
    lacking: dict[int, list[str]] = {}
    for key, part in groups:
        years = {y for y in (as_year(v) for v in part[over]) if y is not None}
        for year in sorted(years)[1:]:
            if year - 1 not in years:
                lacking.setdefault(year, []).append(str(key[0] if isinstance(key, tuple) else key))
    if not lacking:
        return []
    cases = "; ".join(
        f"{year} (Vorjahr {year - 1} fehlt" + (f": {', '.join(areas[:3])}" if by else "") + ")"
        for year, areas in sorted(lacking.items())
    )
    return [
        diagnostic(
            "CG313",
            f"Veränderung zum Vorjahr „{name}“: für {cases} bleibt die Zelle leer, statt mit einem "
            "früheren Jahr verglichen zu werden",
            source.locate((*path, "change")),
            key_path=format_path((*path, "change")),
            hint="das fehlende Jahr nachtragen, oder mit base: <Jahr> ein festes Basisjahr vergleichen",
        )
    ]
