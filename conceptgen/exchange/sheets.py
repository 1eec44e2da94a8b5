"""The working-group workbook's sheets: which rows (measures and tasks, goals, indicators, the progress
report's statuses), which columns, which of them members may change, and where a change goes in the YAML.

Shared by the export (exchange/export.py) and the import (exchange/imports.py), so that both read the
same columns the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from conceptgen.model import Concept
from conceptgen.model.content import Interval, Status
from conceptgen.model.monitoring import actual_values


@dataclass(frozen=True)
class Column:
    header: str
    kind: str  # id, text, int, number, year, yearmonth, status, interval, readonly
    width: float = 14
    field: tuple[str, ...] = ()  # where the value goes, below the row's entry (("period", "start"))
    choices: tuple[str, ...] = ()  # a drop-down list
    low: float | None = None
    high: float | None = None
    clear: str = ""  # an emptied cell: "key" removes the key, "parent" the mapping holding it, "" refused

    @property
    def editable(self) -> bool:
        return self.kind not in ("id", "readonly")


@dataclass
class Row:
    key: str  # the entry's ID
    values: list[Any]
    target: tuple[Any, ...]  # (file, how to find the entry: "measure"/"goal"/"indicator"/"report", id)


@dataclass
class Sheet:
    name: str
    file: str
    columns: list[Column]
    rows: list[Row] = field(default_factory=list)


STATUSES = tuple(s.value for s in Status)
EXCEL_CELL_CHARS = 32_767  # Excel keeps no more in a cell; a longer text comes back cut
RECORD_SHEET = "conceptgen"  # the hidden sheet with what the workbook was exported from
RECORD_MARK = "conceptgen-export"


def canonical(value: Any) -> str:
    """A value as compared across workbook and YAML: numbers by value (410000 = 410000.0), empty = None."""
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return format(float(value), ".12g")
    return str(value)


def digest(value: Any) -> str:
    """The short fingerprint of a value kept in the export record (the value itself stays out of it)."""
    import hashlib

    return hashlib.sha256(canonical(value).encode("utf-8")).hexdigest()[:16]


INTERVALS = tuple(i.value for i in Interval)


def measure_sheet(concept: Concept) -> Sheet:
    fields = {f.id: f.name for f in concept.fields_of_action}
    sheet = Sheet(
        "Maßnahmen",
        "measures.yaml",
        [
            Column("ID", "id", 7),
            Column("Ebene", "readonly", 11),
            Column("Titel", "text", 46, ("title",)),
            Column("Handlungsfeld", "readonly", 22),
            Column("Priorität", "int", 9, ("priority",), ("1", "2", "3"), 1, 3),
            Column("Federführung", "text", 28, ("lead",), clear="key"),
            Column("Beginn", "yearmonth", 10, ("period", "start")),
            Column("Ende", "yearmonth", 10, ("period", "end"), clear="key"),
            Column("Stand", "status", 15, ("status",), STATUSES),
            Column("Kosten (€)", "number", 13, ("costs", "amount"), low=0, clear="parent"),
            Column("Zahlungsweise", "interval", 13, ("costs", "interval"), INTERVALS, clear="key"),
        ],
    )
    for measure in concept.measures:
        for item in (measure, *measure.tasks):
            is_task = item is not measure
            sheet.rows.append(
                Row(
                    item.id,
                    [
                        item.id,
                        "Aufgabe" if is_task else "Maßnahme",
                        item.title,
                        fields.get(measure.field_of_action or "", ""),
                        item.priority,
                        item.lead,
                        item.period.start if item.period else None,
                        item.period.end if item.period else None,
                        item.status.value,
                        item.costs.amount if item.costs else None,
                        item.costs.interval.value if item.costs else None,
                    ],
                    ("measures.yaml", "measure", item.id),
                )
            )
    return sheet


def goal_sheet(concept: Concept) -> Sheet:
    fields = {f.id: f.name for f in concept.fields_of_action}
    sheet = Sheet(
        "Ziele",
        "goals.yaml",
        [
            Column("ID", "id", 7),
            Column("Ebene", "readonly", 13),
            Column("Titel", "text", 70, ("title",)),
            Column("Handlungsfeld", "readonly", 26),
        ],
    )
    for goal in concept.goals:
        field_name = fields.get(goal.field_of_action or "", "")
        sheet.rows.append(
            Row(goal.id, [goal.id, "Leitziel", goal.title, field_name], ("goals.yaml", "goal", goal.id))
        )
        for sub in goal.goals:
            sheet.rows.append(
                Row(sub.id, [sub.id, "Handlungsziel", sub.title, field_name], ("goals.yaml", "goal", sub.id))
            )
    return sheet


def actual_years(concept: Concept) -> list[int]:
    """From the first baseline or actual value to the last actual value or the report year."""
    years = {y for k in concept.indicators for y in k.actuals}
    years |= {k.baseline.year for k in concept.indicators if k.baseline}
    if concept.monitoring is not None:
        years |= {y for values in concept.monitoring.actuals.values() for y in values}
        years.add(concept.monitoring.year)
    return list(range(min(years), max(years) + 1)) if years else []


def indicator_sheet(concept: Concept) -> Sheet:
    """Indicators with baseline, target and one column of actual values per year; the actual values go to
    monitoring.yaml when the project has one (the adopted concept stays as adopted), else to the
    indicator's ``actuals``."""
    years = actual_years(concept)
    monitoring = concept.monitoring
    sheet = Sheet(
        "Kennzahlen",
        "indicators.yaml",
        [
            Column("ID", "id", 7),
            Column("Kennzahl", "readonly", 40),
            Column("Einheit", "readonly", 14),
            Column("Ausgangsjahr", "year", 12, ("baseline", "year"), low=1900, high=2100),
            Column("Ausgangswert", "number", 13, ("baseline", "value"), clear="key"),
            Column("Zieljahr", "year", 10, ("target", "year"), low=1900, high=2100),
            Column("Zielwert", "number", 10, ("target", "value")),
            *(Column(f"Ist {y}", "number", 10, ("actuals", str(y)), clear="key") for y in years),
        ],
    )
    for k in concept.indicators:
        actuals = actual_values(k, monitoring, {})  # what the YAML holds, not what data compute
        sheet.rows.append(
            Row(
                k.id,
                [
                    k.id,
                    k.name,
                    k.unit,
                    k.baseline.year if k.baseline else None,
                    k.baseline.value if k.baseline else None,
                    k.target.year if k.target else None,
                    k.target.value if k.target else None,
                    *(actuals.get(y) for y in years),
                ],
                (
                    "indicators.yaml",
                    "indicator",
                    k.id,
                    "monitoring.yaml" if monitoring else "indicators.yaml",
                ),
            )
        )
    return sheet


def report_sheet(concept: Concept) -> Sheet | None:
    """The statuses of the progress report (monitoring.yaml), one column per report year."""
    monitoring = concept.monitoring
    if monitoring is None:
        return None
    years = sorted({y for r in monitoring.measures for y in r.status} | {monitoring.year})
    titles = {i.id: i.title for m in concept.measures for i in (m, *m.tasks)}
    sheet = Sheet(
        "Fortschritt",
        "monitoring.yaml",
        [
            Column("ID", "id", 7),
            Column("Maßnahme / Aufgabe", "readonly", 46),
            *(Column(f"Stand {y}", "status", 15, ("status", str(y)), STATUSES, clear="key") for y in years),
            Column("Bemerkung", "text", 40, ("note",), clear="key"),
        ],
    )
    reported = {r.measure: r for r in monitoring.measures}
    for measure in concept.measures:
        for item in (measure, *measure.tasks):
            report = reported.get(item.id)
            statuses = [
                report.status.get(y).value if report and report.status.get(y) else None for y in years
            ]
            sheet.rows.append(
                Row(
                    item.id,
                    [item.id, titles[item.id], *statuses, report.note if report else None],
                    ("monitoring.yaml", "report", item.id),
                )
            )
    return sheet


def sheets(concept: Concept) -> list[Sheet]:
    found = [measure_sheet(concept), goal_sheet(concept), indicator_sheet(concept)]
    report = report_sheet(concept)
    return found + ([report] if report else [])
