"""Consistency and completeness: directions and targets, periods, coverage of goals by measures."""

from __future__ import annotations

from typing import Any

from conceptgen.diagnostics import Diagnostic, diagnostic
from conceptgen.loading import ProjectSource
from conceptgen.loading.yaml_loader import format_path
from conceptgen.model import Concept
from conceptgen.model.content import Direction, MeasureFields, Period


def baseline_value(indicator: Any, values: dict[str, dict[int, float]]) -> float | None:
    """The baseline value as typed, else as computed from the indicator's data for the baseline year."""
    if indicator.baseline is None:
        return None
    if indicator.baseline.value is not None:
        return indicator.baseline.value
    return values.get(indicator.id, {}).get(indicator.baseline.year)


def check_completeness(
    concept: Concept, source: ProjectSource, values: dict[str, dict[int, float]] | None = None
) -> list[Diagnostic]:
    """Indicator targets vs direction, periods, warnings for gaps (CG204, CG205, CG301–CG306) and for
    indicators that measure none of the goals of the measure naming them (CG314)."""
    found: list[Diagnostic] = []
    for i, indicator in enumerate(concept.indicators):
        path = ("indicators", i)
        if indicator.target is None:
            found.append(
                diagnostic(
                    "CG302",
                    f"Indikator „{indicator.id}“ hat keinen Zielwert",
                    source.locate(path),
                    key_path=format_path(path),
                    hint="target: {value: …, year: …} ergänzen",
                )
            )
        if indicator.baseline is None:
            found.append(
                diagnostic(
                    "CG305",
                    f"Indikator „{indicator.id}“ hat keinen Ausgangswert",
                    source.locate(path),
                    key_path=format_path(path),
                    hint="baseline: {value: …, year: …} ergänzen",
                )
            )
        if values is None and indicator.data is not None:
            continue  # its data had errors, already reported
        base_value = baseline_value(indicator, values or {})
        if indicator.baseline and indicator.baseline.value is None and base_value is None:
            hint = (
                f"die Daten enthalten keinen Wert für {indicator.baseline.year}"
                if indicator.data
                else "value: … oder data: {view: …, column: …} ergänzen"
            )
            found.append(
                diagnostic(
                    "CG102",
                    f"Ausgangswert von „{indicator.id}“ ohne Wert",
                    source.locate((*path, "baseline")),
                    key_path=format_path((*path, "baseline")),
                    hint=hint,
                )
            )
        if indicator.target and indicator.baseline and base_value is not None:
            base, target = indicator.baseline, indicator.target
            worse = (
                target.value < base_value
                if indicator.direction is Direction.HIGHER
                else target.value > base_value
            )
            if worse:
                better = "höherer" if indicator.direction is Direction.HIGHER else "niedrigerer"
                found.append(
                    diagnostic(
                        "CG204",
                        f"Zielwert {target.value:g} ist schlechter als der Ausgangswert {base_value:g}, "
                        f"obwohl bei diesem Indikator ein {better} Wert besser ist",
                        source.locate((*path, "target", "value")),
                        key_path=format_path((*path, "target")),
                        hint="Zielwert oder Richtung (direction: higher/lower) prüfen",
                    )
                )
            if target.year < base.year:
                found.append(
                    diagnostic(
                        "CG205",
                        f"Zieljahr {target.year} liegt vor dem Jahr des Ausgangswerts {base.year}",
                        source.locate((*path, "target", "year")),
                        key_path=format_path((*path, "target", "year")),
                    )
                )

    measured_goals = {ident for indicator in concept.indicators for ident in indicator.goals}
    served = set()
    for i, measure in enumerate(concept.measures):
        items: list[tuple[tuple, MeasureFields]] = [(("measures", i), measure)]
        items += [(("measures", i, "tasks", j), task) for j, task in enumerate(measure.tasks)]
        for path, item in items:
            served.update(item.goals)
            if item.period:
                found += _check_period(item.period, (*path, "period"), source)
        found += _check_measure(concept, measure, ("measures", i), source)
    for i, goal in enumerate(concept.goals):
        sub_ids = [sub.id for sub in goal.goals]
        for j, sub in enumerate(goal.goals):
            if sub.id not in served and goal.id not in served:
                path = ("goals", i, "goals", j)
                found.append(
                    diagnostic(
                        "CG301",
                        f"Ziel „{sub.id}“ wird von keiner Maßnahme verfolgt",
                        source.locate(path),
                        key_path=format_path(path),
                        hint="unter goals: einer Maßnahme oder Aufgabe eintragen",
                    )
                )
        if not goal.goals and goal.id not in served:
            found.append(
                diagnostic(
                    "CG301",
                    f"Ziel „{goal.id}“ wird von keiner Maßnahme verfolgt",
                    source.locate(("goals", i)),
                    key_path=format_path(("goals", i)),
                )
            )
        if goal.id not in measured_goals and not measured_goals.intersection(sub_ids):
            found.append(
                diagnostic(
                    "CG306",
                    f"Ziel „{goal.id}“ wird von keinem Indikator gemessen",
                    source.locate(("goals", i)),
                    key_path=format_path(("goals", i)),
                    hint="unter goals: eines Indikators eintragen",
                )
            )
    return found


def _check_measure(concept: Concept, measure: Any, path: tuple, source: ProjectSource) -> list[Diagnostic]:
    """CG303, CG304 and the indicators it names (CG314)."""
    found = _check_measured_by(concept, measure, path, source)
    if not measure.lead:
        found.append(
            diagnostic(
                "CG303",
                f"Maßnahme „{measure.id}“ hat keine Federführung (lead)",
                source.locate(path),
                key_path=format_path(path),
                hint="lead: … ergänzen",
            )
        )
    if measure.period is None and measure.horizon is None:
        found.append(
            diagnostic(
                "CG304",
                f"Maßnahme „{measure.id}“ hat weder Zeitraum (period) noch Horizont (horizon)",
                source.locate(path),
                key_path=format_path(path),
                hint="period: {start: …, end: …} oder horizon: … ergänzen",
            )
        )
    return found


def _check_measured_by(
    concept: Concept, measure: Any, path: tuple, source: ProjectSource
) -> list[Diagnostic]:
    """CG314: each indicator a measure or task names measures one of its goals — the goal itself, or the
    Leitziel above it (an indicator of a Leitziel measures all of it). A measure's goals include its
    tasks' goals. Which goals an indicator measures, its goals: say; what a goal is, the goals say."""
    leitziel = {sub.id: goal.id for goal in concept.goals for sub in goal.goals}
    known = set(leitziel) | {goal.id for goal in concept.goals}  # an unknown goal is CG202's alone
    measures = {i.id: set(i.goals) for i in concept.indicators}
    task_goals = {g for task in measure.tasks for g in task.goals}
    items = [(path, measure, (set(measure.goals) | task_goals) & known)]
    items += [((*path, "tasks", j), t, set(t.goals) & known) for j, t in enumerate(measure.tasks)]
    found = []
    for item_path, item, goals in items:
        reach = goals | {leitziel[g] for g in goals if g in leitziel}
        for k, ident in enumerate(item.indicators):
            measured = measures.get(ident)
            if measured is None or not goals or measured & reach:
                continue  # an unknown indicator is CG101's, a measure without goals CG301's
            where = (*item_path, "indicators", k)
            kind = "Aufgabe" if "tasks" in item_path else "Maßnahme"
            found.append(
                diagnostic(
                    "CG314",
                    f"{kind} „{item.id}“ nennt die Kennzahl „{ident}“, die keines ihrer Ziele misst "
                    f"(„{ident}“ misst {', '.join(sorted(measured)) or 'kein Ziel'}, die {kind} verfolgt "
                    f"{', '.join(sorted(goals))})",
                    source.locate(where),
                    key_path=format_path(where),
                    hint="eine Kennzahl nennen, die misst, was die Maßnahme bewirkt (goals: der Kennzahl "
                    "prüfen), oder die Kennzahl streichen",
                )
            )
    return found


def _check_period(period: Period, path: tuple, source: ProjectSource) -> list[Diagnostic]:
    if period.end is None:
        return []
    start = period.start if len(period.start) > 4 else period.start + "-01"
    end = period.end if len(period.end) > 4 else period.end + "-12"
    if end < start:
        return [
            diagnostic(
                "CG205",
                f"Zeitraum endet ({period.end}) vor seinem Beginn ({period.start})",
                source.locate((*path, "end")),
                key_path=format_path((*path, "end")),
            )
        ]
    return []
