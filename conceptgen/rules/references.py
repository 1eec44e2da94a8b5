"""Unique IDs, resolvable references and ID hierarchy (Z1 → Z1.2, 1 → 1.3)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from conceptgen.diagnostics import Diagnostic, diagnostic, did_you_mean
from conceptgen.loading import ProjectSource
from conceptgen.loading.yaml_loader import KeyPath, format_path
from conceptgen.model import Concept

# namespace → what the user calls it (used in messages), and the words for one that is not defined
NAMESPACES = {
    "areas": "Gebiet",
    "categories": "Kategorie",
    "offers": "Angebot",
    "findings": "Befund",
    "needs": "Handlungsbedarf",
    "fields_of_action": "Handlungsfeld",
    "goals": "Ziel",
    "indicators": "Indikator",
    "measures": "Maßnahme oder Aufgabe",
    "sources": "Quelle",
    "frames": "Datensatz oder Sicht",
    "tables": "Tabelle",
    "analyses": "Analyse",
    "networks": "Netzwerk",
    "events": "Veranstaltung",
}
UNKNOWN = {
    "areas": "unbekanntes Gebiet",
    "categories": "unbekannte Kategorie",
    "offers": "unbekanntes Angebot",
    "findings": "unbekannter Befund",
    "needs": "unbekannter Handlungsbedarf",
    "fields_of_action": "unbekanntes Handlungsfeld",
    "goals": "unbekanntes Ziel",
    "indicators": "unbekannter Indikator",
    "measures": "unbekannte Maßnahme oder Aufgabe",
    "sources": "unbekannte Quelle",
    "frames": "unbekannter Datensatz oder unbekannte Sicht",
    "tables": "unbekannte Tabelle",
    "analyses": "unbekannte Analyse",
    "networks": "unbekanntes Netzwerk",
    "events": "unbekannte Veranstaltung",
}


@dataclass
class IdIndex:
    """Every ID of the project, by namespace, with the key path where it is defined."""

    ids: dict[str, dict[str, KeyPath]] = field(default_factory=lambda: {n: {} for n in NAMESPACES})

    @classmethod
    def build(cls, concept: Concept, source: ProjectSource) -> tuple[IdIndex, list[Diagnostic]]:
        """Index all IDs; returns the index and a CG201 diagnostic for each duplicate."""
        index = cls()
        found: list[Diagnostic] = []
        for namespace, ident, path in _definitions(concept):
            known = index.ids[namespace]
            if ident in known:
                first = source.locate(known[ident])
                found.append(
                    diagnostic(
                        "CG201",
                        f"ID „{ident}“ ist doppelt vergeben ({NAMESPACES[namespace]})",
                        source.locate(path),
                        key_path=format_path(path),
                        hint=f"zuerst vergeben in {first}",
                    )
                )
                continue
            known[ident] = path
        return index, found


def _definitions(concept: Concept) -> Iterator[tuple[str, str, KeyPath]]:
    for namespace in (
        "areas",
        "categories",
        "offers",
        "findings",
        "needs",
        "fields_of_action",
        "indicators",
        "sources",
        "tables",
        "analyses",
        "networks",
        "events",
    ):
        for i, item in enumerate(getattr(concept, namespace)):
            yield namespace, item.id, (namespace, i, "id")
    for key in ("datasets", "views"):  # one namespace: a table or view names either
        for i, item in enumerate(getattr(concept, key)):
            yield "frames", item.id, (key, i, "id")
    for i, goal in enumerate(concept.goals):
        yield "goals", goal.id, ("goals", i, "id")
        for j, sub in enumerate(goal.goals):
            yield "goals", sub.id, ("goals", i, "goals", j, "id")
    for i, measure in enumerate(concept.measures):
        yield "measures", measure.id, ("measures", i, "id")
        for j, task in enumerate(measure.tasks):
            yield "measures", task.id, ("measures", i, "tasks", j, "id")


def _references(concept: Concept) -> Iterator[tuple[str, str, KeyPath]]:
    """Every reference: (namespace it points into, the ID, key path of the referencing value)."""
    for i, offer in enumerate(concept.offers):
        yield "categories", offer.category, ("offers", i, "category")
        yield "areas", offer.area, ("offers", i, "area")
    for i, finding in enumerate(concept.findings):
        for key in ("offers", "indicators", "sources"):
            for k, ident in enumerate(getattr(finding, key)):
                yield key, ident, ("findings", i, key, k)
    for i, need in enumerate(concept.needs):
        for key in ("findings", "offers"):
            for k, ident in enumerate(getattr(need, key)):
                yield key, ident, ("needs", i, key, k)
    for i, goal in enumerate(concept.goals):
        if goal.field_of_action:
            yield "fields_of_action", goal.field_of_action, ("goals", i, "field_of_action")
        for j, sub in enumerate(goal.goals):
            for k, ident in enumerate(sub.needs):
                yield "needs", ident, ("goals", i, "goals", j, "needs", k)
    for i, indicator in enumerate(concept.indicators):
        for k, ident in enumerate(indicator.goals):
            yield "goals", ident, ("indicators", i, "goals", k)
    for i, benchmark in enumerate(concept.benchmarks):
        yield "categories", benchmark.category, ("benchmarks", i, "category")
        if benchmark.area:
            yield "areas", benchmark.area, ("benchmarks", i, "area")
        if benchmark.source:
            yield "sources", benchmark.source, ("benchmarks", i, "source")
    if concept.convention is not None:
        if concept.convention.source:
            yield "sources", concept.convention.source, ("convention", "source")
        for i, row in enumerate(concept.convention.assessment):
            for k, ident in enumerate(row.offers):
                yield "offers", ident, ("convention", "assessment", i, "offers", k)
    if concept.monitoring is not None:
        for ident in concept.monitoring.actuals:
            yield "indicators", ident, ("monitoring", "actuals", ident)
        for i, report in enumerate(concept.monitoring.measures):
            yield "measures", report.measure, ("monitoring", "measures", i, "measure")
    if concept.financing is not None:
        if concept.financing.source:
            yield "sources", concept.financing.source, ("financing", "source")
        for i, project in enumerate(concept.financing.projects):
            yield "measures", project.measure, ("financing", "projects", i, "measure")
    for i, analysis in enumerate(concept.analyses):
        yield "categories", analysis.category, ("analyses", i, "category")
    for i, measure in enumerate(concept.measures):
        if measure.field_of_action:
            yield "fields_of_action", measure.field_of_action, ("measures", i, "field_of_action")
        items: list[tuple[KeyPath, object]] = [(("measures", i), measure)]
        items += [(("measures", i, "tasks", j), task) for j, task in enumerate(measure.tasks)]
        for base, item in items:
            for key in ("goals", "indicators"):
                for k, ident in enumerate(getattr(item, key)):
                    yield key, ident, (*base, key, k)


def check_references(concept: Concept, index: IdIndex, source: ProjectSource) -> list[Diagnostic]:
    """CG202 for every reference to an unknown ID; CG203 for sub-IDs outside their parent."""
    found: list[Diagnostic] = []
    for namespace, ident, path in _references(concept):
        known = index.ids[namespace]
        if ident in known:
            continue
        hint = did_you_mean(ident, known) or (
            f"bekannt: {', '.join(sorted(known)[:12])}"
            if known
            else f"das Projekt vergibt keine IDs dieser Art ({NAMESPACES[namespace]})"
        )
        found.append(
            diagnostic(
                "CG202",
                f"{UNKNOWN[namespace]} „{ident}“",
                source.locate(path),
                key_path=format_path(path),
                hint=hint,
            )
        )
    hierarchy = [
        (goal.id, sub.id, ("goals", i, "goals", j, "id"), "Handlungsziel", "Leitziel")
        for i, goal in enumerate(concept.goals)
        for j, sub in enumerate(goal.goals)
    ] + [
        (measure.id, task.id, ("measures", i, "tasks", j, "id"), "Aufgabe", "Maßnahme")
        for i, measure in enumerate(concept.measures)
        for j, task in enumerate(measure.tasks)
    ]
    for parent, child, path, child_kind, parent_kind in hierarchy:
        if not child.startswith(parent + "."):
            found.append(
                diagnostic(
                    "CG203",
                    f"{child_kind} „{child}“ steht unter {parent_kind} „{parent}“, die ID beginnt aber nicht "
                    f"mit „{parent}.“",
                    source.locate(path),
                    key_path=format_path(path),
                    hint=f"als {parent}.1, {parent}.2, … nummerieren oder an die richtige Stelle verschieben",
                )
            )
    return found
