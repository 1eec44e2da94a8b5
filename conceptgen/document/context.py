"""Stage 4: build the document context — the plain data contract that templates render.

Everything here is plain dicts, lists and preformatted strings (numbers, dates and amounts already in
the document's locale), so a template author never formats anything and never sees the YAML. Every
key listed in docs/templates.md is always present (``None``, ``""`` or ``[]`` when empty), so that a
template may test any of them without tripping the strict undefined check.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from conceptgen.diagnostics import Location
from conceptgen.document.formatting import Formatter
from conceptgen.document.tables import format_table
from conceptgen.loading import ProjectSource
from conceptgen.markup import Markdown

if TYPE_CHECKING:
    from conceptgen.data import DataResult
from conceptgen.model import Concept
from conceptgen.model.content import Direction, Goal, Indicator, Measure, MeasureFields, Offer
from conceptgen.model.project import DocumentSpec

Context = dict[str, Any]

LABELS: dict[str, dict[str, str]] = {
    "de": {
        "priority": "Priorität {n}",
        "priority_1": "hoch",
        "priority_2": "mittel",
        "priority_3": "niedrig",
        "higher": "höher ist besser",
        "lower": "niedriger ist besser",
        "sample": "Beispieldaten",
        "since": "ab {start}",
        "per_year": "pro Jahr",
        "per_month": "pro Monat",
        "once": "einmalig",
        "none": "–",
        "county_wide": "kreisweit",
        "accessed": "abgerufen am",
        "source": "Quelle",
    },
    "en": {
        "priority": "Priority {n}",
        "priority_1": "high",
        "priority_2": "medium",
        "priority_3": "low",
        "higher": "higher is better",
        "lower": "lower is better",
        "sample": "Sample data",
        "since": "from {start}",
        "per_year": "per year",
        "per_month": "per month",
        "once": "one-off",
        "none": "–",
        "county_wide": "county-wide",
        "accessed": "accessed",
        "source": "Source",
    },
}


def build_context(
    concept: Concept,
    source: ProjectSource,
    document: DocumentSpec,
    data: DataResult | None = None,
    charts: dict[str, Any] | None = None,
) -> Context:
    """Return the template context for one document of the concept (``data``, ``charts``: stage 3)."""
    return _Builder(concept, source, document, data, charts or {}).build()


class _Builder:
    def __init__(
        self,
        concept: Concept,
        source: ProjectSource,
        document: DocumentSpec,
        data: DataResult | None,
        charts: dict[str, Any],
    ):
        self.charts = charts
        self.concept = concept
        self.source = source
        self.document = document
        self.data = data
        locale = concept.project.locale.value
        self.fmt = Formatter(locale)
        self.labels = LABELS.get(locale, LABELS["de"])
        self.areas = {a.id: a for a in concept.areas}
        self.categories = {c.id: c for c in concept.categories}
        self.offers = {o.id: o for o in concept.offers}
        self.indicators = {i.id: i for i in concept.indicators}
        self.fields = {f.id: f for f in concept.fields_of_action}
        self.goal_titles = {g.id: g.title for g in concept.goals} | {
            s.id: s.title for g in concept.goals for s in g.goals
        }
        self.findings = {f.id: f for f in concept.findings}
        self.serving: dict[str, list[str]] = {}
        for measure in concept.measures:
            for item in (measure, *measure.tasks):
                for goal_id in item.goals:
                    self.serving.setdefault(goal_id, []).append(item.id)

    def build(self) -> Context:
        offers = [self.offer(i, o) for i, o in enumerate(self.concept.offers)]
        measures = [self.measure(i, m) for i, m in enumerate(self.concept.measures)]
        return {
            "project": self.project(),
            "document": {
                "title": self.document.title or self.concept.project.title,
                "template": self.document.template,
                "output": self.document.output,
            },
            "text": {
                name: Markdown(text.content, Location(text.display, 1, 1))
                for name, text in self.source.texts.items()
            },
            "areas": [self.area(a, offers) for a in self.concept.areas],
            "categories": [self.category(i, c, offers) for i, c in enumerate(self.concept.categories)],
            "offers": offers,
            "inventory": self.inventory(offers),
            "findings": [self.finding(i, f) for i, f in enumerate(self.concept.findings)],
            "needs": [
                {
                    "id": n.id,
                    "title": n.title,
                    "text": self.md(n.text, ("needs", i, "text")),
                    "findings": self.join(n.findings),
                    "offers": self.join(self.offers[i].name for i in n.offers if i in self.offers),
                }
                for i, n in enumerate(self.concept.needs)
            ],
            "fields_of_action": [
                {
                    "id": f.id,
                    "name": f.name,
                    "description": self.md(f.description, ("fields_of_action", i, "description")),
                    "goals": [g.id for g in self.concept.goals if g.field_of_action == f.id],
                }
                for i, f in enumerate(self.concept.fields_of_action)
            ],
            "goals": [self.goal(i, g) for i, g in enumerate(self.concept.goals)],
            "indicators": [self.indicator(i, k) for i, k in enumerate(self.concept.indicators)],
            "measures": measures,
            "measures_by_priority": self.by_priority(measures),
            "measure_count": len(measures),
            "task_count": sum(len(m["tasks"]) for m in measures),
            "participation": self.participation(),
            "sources": [self.source_entry(s) for s in self.concept.sources],
            "tables": {
                ident: format_table(table, self.fmt, self.labels["source"])
                for ident, table in (self.data.tables if self.data else {}).items()
            },
            "analyses": {
                ident: format_table(table, self.fmt, self.labels["source"])
                for ident, table in (self.data.analyses if self.data else {}).items()
            },
            "charts": dict(self.charts),
            "abbreviations": [
                {"abbreviation": a.abbreviation, "meaning": a.meaning}
                for a in sorted(self.concept.abbreviations, key=lambda a: a.abbreviation.casefold())
            ],
        }

    # --- helpers ---------------------------------------------------------------------------------

    def md(self, text: str | None, path: tuple) -> Markdown:
        """A long text field as Markdown, located at its first line."""
        return Markdown(text or "", self.source.text_start(path) if text else None)

    def join(self, items: Iterable[str]) -> str:
        return ", ".join(items)

    def project(self) -> Context:
        p = self.concept.project
        return {
            "title": p.title,
            "subtitle": p.subtitle or "",
            "short_title": p.short_title or p.title,
            "client": p.client,
            "client_department": p.client_department or "",
            "contractor": p.contractor,
            "date": self.fmt.date(p.date),
            "date_iso": p.date.isoformat(),
            "month_year": self.fmt.month_year(p.date),
            "year": p.date.year,
            "version": p.version,
            "status": p.status.value,
            "authors": list(p.authors),
            "authors_text": self.join(p.authors),
            "concept_type": p.concept_type.value,
            "locale": p.locale.value,
            "sample_data": p.sample_data,
            "sample_note": p.sample_note or (self.labels["sample"] if p.sample_data else ""),
        }

    def offer(self, i: int, o: Offer) -> Context:
        area = self.areas.get(o.area)
        category = self.categories.get(o.category)
        capacity = (
            f"{self.fmt.number(o.capacity.value)} {o.capacity.unit}" if o.capacity else self.labels["none"]
        )
        return {
            "id": o.id,
            "name": o.name,
            "category": category.name if category else o.category,
            "category_id": o.category,
            "provider": o.provider,
            "area": area.name if area else o.area,
            "area_id": o.area,
            "capacity": capacity,
            "capacity_value": o.capacity.value if o.capacity else None,
            "capacity_unit": o.capacity.unit if o.capacity else "",
            "target_group": o.target_group or "",
            "legal_basis": o.legal_basis or "",
            "funding": o.funding or "",
            "description": self.md(o.description, ("offers", i, "description")),
        }

    def area(self, a: Any, offers: list[Context]) -> Context:
        own = [o for o in offers if o["area_id"] == a.id]
        return {
            "id": a.id,
            "name": a.name,
            "kind": a.kind or "",
            "population": self.fmt.number(a.population) if a.population is not None else "",
            "population_value": a.population,
            "population_year": a.population_year or "",
            "note": a.note or "",
            "offers": own,
            "offer_count": len(own),
        }

    def category(self, i: int, c: Any, offers: list[Context]) -> Context:
        own = [o for o in offers if o["category_id"] == c.id]
        return {
            "id": c.id,
            "name": c.name,
            "description": self.md(c.description, ("categories", i, "description")),
            "offers": own,
            "offer_count": len(own),
        }

    def inventory(self, offers: list[Context]) -> Context:
        """Offers grouped by area, then category; a count matrix category × area."""
        by_area = []
        for a in self.concept.areas:
            own = [o for o in offers if o["area_id"] == a.id]
            if not own:
                continue
            groups = [
                {"category": c.name, "offers": [o for o in own if o["category_id"] == c.id]}
                for c in self.concept.categories
            ]
            by_area.append(
                {"id": a.id, "area": a.name, "offers": own, "groups": [g for g in groups if g["offers"]]}
            )
        matrix = []
        for c in self.concept.categories:
            counts = [
                sum(1 for o in offers if o["category_id"] == c.id and o["area_id"] == a.id)
                for a in self.concept.areas
            ]
            matrix.append({"category": c.name, "counts": counts, "total": sum(counts)})
        return {
            "offer_count": len(offers),
            "by_area": by_area,
            "area_names": [a.name for a in self.concept.areas],
            "matrix": matrix,
        }

    def finding(self, i: int, f: Any) -> Context:
        return {
            "id": f.id,
            "title": f.title,
            "text": self.md(f.text, ("findings", i, "text")),
            "offers": self.join(self.offers[i].name for i in f.offers if i in self.offers),
            "indicators": self.join(self.indicators[i].name for i in f.indicators if i in self.indicators),
            "sources": self.join(f.sources),
        }

    def goal(self, i: int, g: Goal) -> Context:
        field = self.fields.get(g.field_of_action or "")
        return {
            "id": g.id,
            "title": g.title,
            "description": self.md(g.description, ("goals", i, "description")),
            "field_of_action": field.name if field else "",
            "measures": self.join(self.serving.get(g.id, [])),
            "goals": [
                {
                    "id": s.id,
                    "title": s.title,
                    "description": self.md(s.description, ("goals", i, "goals", j, "description")),
                    "needs": self.join(s.needs),
                    "measures": self.join(self.serving.get(s.id, [])),
                }
                for j, s in enumerate(g.goals)
            ],
        }

    def year_value(self, value: Any, unit: str = "") -> str:
        if value is None:
            return self.labels["none"]
        return f"{self.fmt.number(value.value)} ({value.year})"

    def indicator(self, index: int, i: Indicator) -> Context:
        values = self.data.indicator_values.get(i.id, {}) if self.data else {}
        actuals = dict(i.actuals) | {year: round(value, 1) for year, value in values.items()}
        baseline = i.baseline
        if baseline is not None and baseline.value is None and baseline.year in values:
            baseline = baseline.model_copy(update={"value": round(values[baseline.year], 1)})
        return {
            "id": i.id,
            "name": i.name,
            "definition": self.md(i.definition, ("indicators", index, "definition")),
            "unit": i.unit,
            "source": i.source or "",
            "frequency": i.frequency.value if i.frequency else "",
            "key_date": i.key_date or "",
            "direction": i.direction.value,
            "direction_text": self.labels["higher" if i.direction is Direction.HIGHER else "lower"],
            "baseline": self.year_value(baseline if baseline and baseline.value is not None else None),
            "target": self.year_value(i.target),
            "actuals": [
                {"year": year, "value": self.fmt.number(value, 1 if not float(value).is_integer() else None)}
                for year, value in sorted(actuals.items())
            ],
            "goals": self.join(i.goals),
        }

    def period(self, m: MeasureFields) -> str:
        parts = []
        if m.period:
            start = self.fmt.year_month(m.period.start)
            if m.period.end:
                parts.append(f"{start}–{self.fmt.year_month(m.period.end)}")
            else:
                parts.append(self.labels["since"].format(start=start))
        if m.horizon:
            parts.append(m.horizon.value)
        return ", ".join(parts) if parts else self.labels["none"]

    def costs(self, m: MeasureFields) -> str:
        if not m.costs:
            return self.labels["none"]
        interval = {"einmalig": "once", "jährlich": "per_year", "monatlich": "per_month"}[
            m.costs.interval.value
        ]
        text = f"{self.fmt.money(m.costs.amount)} {self.labels[interval]}"
        if m.costs.note:
            text += f" ({m.costs.note})"
        return text

    def measure_fields(self, m: MeasureFields, path: tuple) -> Context:
        return {
            "id": m.id,
            "title": m.title,
            "description": self.md(m.description, (*path, "description")),
            "priority": m.priority,
            "priority_text": f"{self.labels['priority'].format(n=m.priority)} "
            f"({self.labels[f'priority_{m.priority}']})",
            "level": m.level.value if m.level else self.labels["none"],
            "lead": m.lead or self.labels["none"],
            "partners": list(m.partners),
            "partners_text": self.join(m.partners) or self.labels["none"],
            "target_group": m.target_group or self.labels["none"],
            "period": self.period(m),
            "status": m.status.value,
            "costs": self.costs(m),
            "funding": (m.costs.funding or "") if m.costs else "",
            "goals": [{"id": g, "title": self.goal_titles.get(g, "")} for g in m.goals],
            "goals_text": self.join(f"{g} {self.goal_titles.get(g, '')}".strip() for g in m.goals)
            or self.labels["none"],
            "indicators": [
                {"id": k, "name": self.indicators[k].name} for k in m.indicators if k in self.indicators
            ],
            "indicators_text": self.join(
                f"{k} {self.indicators[k].name}" for k in m.indicators if k in self.indicators
            )
            or self.labels["none"],
        }

    def measure(self, i: int, m: Measure) -> Context:
        result = self.measure_fields(m, ("measures", i))
        field = self.fields.get(m.field_of_action or "")
        result["field_of_action"] = field.name if field else self.labels["none"]
        result["is_task"] = False
        result["tasks"] = [
            self.measure_fields(t, ("measures", i, "tasks", j)) | {"is_task": True, "parent": m.id}
            for j, t in enumerate(m.tasks)
        ]
        return result

    def by_priority(self, measures: list[Context]) -> list[Context]:
        flat = [item for m in measures for item in (m, *m["tasks"])]
        return [
            {
                "priority": p,
                "label": self.labels["priority"].format(n=p),
                "measures": [item for item in flat if item["priority"] == p],
            }
            for p in sorted({item["priority"] for item in flat})
        ]

    def participation(self) -> Context:
        wg = self.concept.working_group
        interviews = self.concept.interviews
        return {
            "working_group": {
                "name": wg.name if wg else "",
                "description": self.md(wg.description if wg else None, ("working_group", "description")),
                "members": [
                    {"organisation": m.organisation, "role": m.role or ""} for m in (wg.members if wg else [])
                ],
                "meetings": [
                    {
                        "number": n,
                        "date": self.fmt.date(m.date),
                        "topic": m.topic,
                        "results": list(m.results),
                        "results_text": "; ".join(m.results),
                    }
                    for n, m in enumerate(wg.meetings if wg else [], start=1)
                ],
                "meeting_count": len(wg.meetings) if wg else 0,
            },
            "interviews": {
                "count": interviews.count if interviews else 0,
                "period": (interviews.period or "") if interviews else "",
                "groups": list(interviews.groups) if interviews else [],
                "description": self.md(
                    interviews.description if interviews else None, ("interviews", "description")
                ),
            },
            "surveys": [
                {
                    "title": s.title,
                    "target_group": s.target_group or "",
                    "period": s.period or "",
                    "responses": self.fmt.number(s.responses) if s.responses is not None else "",
                    "description": self.md(s.description, ("surveys", i, "description")),
                }
                for i, s in enumerate(self.concept.surveys)
            ],
        }

    def source_entry(self, s: Any) -> Context:
        parts = [f"{s.author}" if s.author else "", f"({s.year})" if s.year else ""]
        text = " ".join(p for p in parts if p)
        text = f"{text}: {s.title}" if text else s.title
        if s.publisher:
            text += f". {s.publisher}"
        if s.url:
            text += f". {s.url}"
            if s.accessed:
                text += f" ({self.labels['accessed']} {self.fmt.date(s.accessed)})"
        if s.note:
            text += f". {s.note}"
        return {
            "id": s.id,
            "text": text.rstrip(".") + ".",
            "short": s.citation_label(),
            "title": s.title,
            "url": s.url or "",
        }
