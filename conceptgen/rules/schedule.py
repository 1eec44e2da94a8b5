"""A measure's tasks within their measure, and schedules against dates: a status ahead of the document's
date (CG308), a task that runs past its measure (CG309), a task paid from a source its measure does not
name (CG315)."""

from __future__ import annotations

import re

from conceptgen.data.charts import HORIZONS
from conceptgen.diagnostics import Diagnostic, diagnostic
from conceptgen.loading import ProjectSource
from conceptgen.loading.yaml_loader import format_path
from conceptgen.model import Concept
from conceptgen.model.content import MeasureFields, Status

STARTED = (Status.IN_UMSETZUNG, Status.UMGESETZT)


def check_schedule(concept: Concept, source: ProjectSource) -> list[Diagnostic]:
    """CG308, CG309 and CG315 for every measure and task."""
    found: list[Diagnostic] = []
    date = concept.project.date
    for i, measure in enumerate(concept.measures):
        items = [(("measures", i), measure)]
        items += [(("measures", i, "tasks", j), task) for j, task in enumerate(measure.tasks)]
        for path, item in items:
            found += _status_ahead(item, path, source, date.year * 12 + date.month)
        found += _foreign_funding(measure, i, source)
        limit = _end(measure, date.year)
        for j, task in enumerate(measure.tasks):
            if not task.period and (not task.horizon or HORIZONS[task.horizon.value][1] is None):
                continue  # no schedule at all (CG304), or „dauerhaft“: as long as its measure
            end = _end(task, date.year)
            if limit is None or (end is not None and end[0] <= limit[0]):
                continue
            path = ("measures", i, "tasks", j)
            found.append(
                diagnostic(
                    "CG309",
                    f"Aufgabe „{task.id}“ {f'reicht bis {end[1]}' if end else 'hat kein Ende'} und damit "
                    f"über ihre Maßnahme „{measure.id}“ hinaus (bis {limit[1]})",
                    source.locate((*path, "period" if task.period else "horizon")),
                    key_path=format_path(path),
                    hint="den Zeitraum der Aufgabe (period) in den ihrer Maßnahme legen oder die Maßnahme "
                    "verlängern",
                )
            )
    return found


def _status_ahead(item: MeasureFields, path: tuple, source: ProjectSource, today: int) -> list[Diagnostic]:
    if item.status not in STARTED or item.period is None:
        return []
    start = item.period.start
    month = int(start[:4]) * 12 + (int(start[5:7]) if len(start) > 4 else 1)
    if month <= today:
        return []
    shown = f"{start[5:7]}/{start[:4]}" if len(start) > 4 else start
    return [
        diagnostic(
            "CG308",
            f"„{item.id}“ ist „{item.status.value}“, beginnt aber erst {shown}, nach dem Datum des Dokuments",
            source.locate((*path, "status")),
            key_path=format_path((*path, "status")),
            hint="den Stand zum Datum des Dokuments angeben (geplant, in Vorbereitung) oder den Zeitraum "
            "prüfen",
        )
    ]


def _end(item: MeasureFields, year: int) -> tuple[int, str] | None:
    """The month an item ends (year*12+month) and how the document says it; None: open-ended. A horizon
    counts from the concept's year as the timeline draws it (data/charts.py HORIZONS)."""
    if item.period:
        end = item.period.end
        if end is None:
            return None
        month = int(end[5:7]) if len(end) > 4 else 12
        return int(end[:4]) * 12 + month, (f"{end[5:7]}/{end[:4]}" if len(end) > 4 else end)
    if item.horizon:
        first, last = HORIZONS[item.horizon.value]
        if last is None:
            return None
        return (year + last) * 12, f"{year + last} ({item.horizon.value}: {year + first}–{year + last})"
    return None


def funding_sources(funding: str | None) -> list[str]:
    """The sources a `funding` text names: its parts between commas, semicolons and „und“, without shares
    in brackets („Städtebauförderung (60 %)“ is „Städtebauförderung“), in lower case."""
    parts = re.split(r"[,;]|\bund\b", re.sub(r"\([^)]*\)", "", funding or ""))
    return [" ".join(part.split()).casefold() for part in parts if part.strip()]


def _foreign_funding(measure, i: int, source: ProjectSource) -> list[Diagnostic]:
    """CG315: a task's costs paid from a source that its measure's funding does not name."""
    own = funding_sources(measure.costs.funding if measure.costs else None)
    if not own:
        return []
    found: list[Diagnostic] = []
    for j, task in enumerate(measure.tasks):
        foreign = [
            part
            for part in funding_sources(task.costs.funding if task.costs else None)
            if not any(part in mine or mine in part for mine in own)
        ]
        if foreign:
            path = ("measures", i, "tasks", j, "costs", "funding")
            found.append(
                diagnostic(
                    "CG315",
                    f"Aufgabe „{task.id}“ wird aus „{task.costs.funding}“ bezahlt; ihre Maßnahme "
                    f"„{measure.id}“ nennt nur „{measure.costs.funding}“",
                    source.locate(path),
                    key_path=format_path(path),
                    hint="die Aufgabe aus einer Quelle ihrer Maßnahme bezahlen oder die Quelle bei der "
                    "Maßnahme ergänzen (oder die Aufgabe zu der Maßnahme stellen, die sie bezahlt)",
                )
            )
    return found
