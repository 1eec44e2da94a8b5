"""Schedules against dates: a status ahead of the document's date (CG308), a task that runs past its
measure (CG309)."""

from __future__ import annotations

from conceptgen.data.charts import HORIZONS
from conceptgen.diagnostics import Diagnostic, diagnostic
from conceptgen.loading import ProjectSource
from conceptgen.loading.yaml_loader import format_path
from conceptgen.model import Concept
from conceptgen.model.content import MeasureFields, Status

STARTED = (Status.IN_UMSETZUNG, Status.UMGESETZT)


def check_schedule(concept: Concept, source: ProjectSource) -> list[Diagnostic]:
    """CG308 and CG309 for every measure and task."""
    found: list[Diagnostic] = []
    date = concept.project.date
    for i, measure in enumerate(concept.measures):
        items = [(("measures", i), measure)]
        items += [(("measures", i, "tasks", j), task) for j, task in enumerate(measure.tasks)]
        for path, item in items:
            found += _status_ahead(item, path, source, date.year * 12 + date.month)
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
