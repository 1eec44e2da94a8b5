"""Stage 4: build the document context — the plain data contract that templates render.

Everything here is plain dicts, lists and preformatted strings (numbers, dates and amounts already in
the document's locale), so a template author never formats anything and never sees the YAML. Every key
of docs/templates.md is always present (``None``, ``""`` or ``[]`` when empty): a template may test any.
Texts written in the YAML come as ``Markdown`` or ``Located`` strings that know their place (for the
review anchors of docs/review.md).

Longer than 400 lines: the data contract of docs/templates.md, key by key, in one place.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from conceptgen.diagnostics import Location
from conceptgen.document.bibliography import bibliography
from conceptgen.document.blocks import BlockInputs, block_data, participation_extras, task_details
from conceptgen.document.inventory import InventoryContext
from conceptgen.document.phrases import phrases
from conceptgen.document.samples import sample_items
from conceptgen.document.tables import format_table
from conceptgen.language import Language
from conceptgen.loading import ProjectSource
from conceptgen.markup import PHRASE, Located, Markdown, escape_markdown

if TYPE_CHECKING:
    from conceptgen.data import DataResult
    from conceptgen.outline.nodes import DocumentOutline
from conceptgen.model import Concept
from conceptgen.model.content import Direction, Goal, Indicator, Measure, MeasureFields
from conceptgen.model.project import DocumentSpec

Context = dict[str, Any]


def build_context(
    concept: Concept,
    source: ProjectSource,
    document: DocumentSpec,
    data: DataResult | None = None,
    charts: dict[str, Any] | None = None,
    language: Language | None = None,
    outline: DocumentOutline | None = None,
    shared: dict | None = None,
) -> Context:
    """Return the template context for one document of the concept (``data``, ``charts``: stage 3;
    ``outline``: the document's resolved outline, whose blocks get their data as ``outline_blocks``).
    ``shared``: a dict kept by the caller across the documents of a batch — the parts that are the same
    for every document (the inventory of 550 areas, measures, tables) are built once and shared (the
    documents' contexts are read, never changed, by the later stages)."""
    language = language or Language.of(concept.project.locale.value)
    builder = ContextBuilder(concept, source, document, data, charts or {}, language)
    if shared is None:
        context = builder.build()
    else:  # a batch: what does not depend on the document is built once (per document date)
        base = shared.get(builder.document.date)
        if base is None:
            base = shared[builder.document.date] = builder.build()
        context = {**base, "document": builder.document_part()}
    if outline is not None:
        shown = {
            entry
            for _key, node in outline.keyed()
            if node.kind == "block" and node.spec is not None
            for entry in node.spec.samples(concept, node.params)
        }
        context["project"] = builder.project(shown)  # the cover names only what the blocks show
        inputs = BlockInputs(context, concept, language, data, outline, source, shared)
        context["outline_blocks"], context["outline_parts"] = block_data(inputs)
    return context


class ContextBuilder:
    """Builds the context of one document: every value preformatted in the document's language."""

    def __init__(
        self,
        concept: Concept,
        source: ProjectSource,
        document: DocumentSpec,
        data: DataResult | None,
        charts: dict[str, Any],
        language: Language,
    ):
        self.charts = charts
        self.concept = concept
        self.source = source
        self.document = document
        self.data = data
        self.language = language
        self.terms = language.terms
        self.areas = {a.id: a for a in concept.areas}
        self.categories = {c.id: c for c in concept.categories}
        self.offers = {o.id: o for o in concept.offers}
        self.indicators = {i.id: i for i in concept.indicators}
        self.fields = {f.id: f for f in concept.fields_of_action}
        self.goal_titles = {g.id: g.title for g in concept.goals} | {
            s.id: s.title for g in concept.goals for s in g.goals
        }
        self.findings = {f.id: f for f in concept.findings}
        self.treaty = concept.convention.spec.in_language(language.code) if concept.convention else None
        self.serving: dict[str, list[str]] = {}
        for measure in concept.measures:
            for item in (measure, *measure.tasks):
                for goal_id in item.goals:
                    self.serving.setdefault(goal_id, []).append(item.id)

    # made when asked for: the documents of a batch after the first take only their own part
    @functools.cached_property
    def bibliography(self) -> list[dict[str, str]]:
        return bibliography(self.concept.sources, self.language)

    @functools.cached_property
    def citations(self) -> dict[str, str]:
        return {entry["id"]: entry["short"] for entry in self.bibliography}

    @functools.cached_property
    def phrases(self) -> dict[str, str]:
        return phrases(self.concept, self.source, self.data, self.language)[0]  # CG343: refused by check

    def build(self) -> Context:
        inventory = InventoryContext(self.concept, self.language, self.md, self.scalar).build()
        measures = [self.measure(i, m) for i, m in enumerate(self.concept.measures)]
        return {
            "project": self.project(),
            "document": self.document_part(),
            "text": {
                name: Markdown(self.phrased(text.content), Location(text.display, 1, 1))
                for name, text in self.source.texts.items()
            },
            **inventory,
            "findings": [self.finding(i, f) for i, f in enumerate(self.concept.findings)],
            "needs": [
                {
                    "id": n.id,
                    "title": self.scalar(n.title, ("needs", i, "title")),
                    "text": self.md(n.text, ("needs", i, "text")),
                    "findings": self.join(n.findings),
                    "offers": self.join(self.offer_name(i) for i in n.offers if i in self.offers),
                }
                for i, n in enumerate(self.concept.needs)
            ],
            "fields_of_action": [
                {
                    "id": f.id,
                    "name": self.scalar(f.name, ("fields_of_action", i, "name")),
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
            "measures_sample_note": self.terms["sample_legend"]
            if any(m["sample_note"] for m in measures)
            else "",
            "indicators_sample_note": self.terms["sample_legend"]
            if any(k.sample or k.sample_years for k in self.concept.indicators)
            else "",
            "task_count": sum(len(m["tasks"]) for m in measures),
            "participation": self.participation(),
            "sources": self.bibliography,
            "tables": {
                ident: format_table(table, self.language)
                for ident, table in (self.data.tables if self.data else {}).items()
            },
            "analyses": {
                ident: format_table(table, self.language)
                for ident, table in (self.data.analyses if self.data else {}).items()
            },
            "charts": dict(self.charts),
            "abbreviations": self.abbreviations(),
        }

    def document_part(self) -> Context:
        """What the context says of the document itself: its title, template and file."""
        return {
            "title": self.document.title or self.concept.project.title,
            "template": self.document.template,
            "output": self.document.output,
        }

    # --- helpers ---------------------------------------------------------------------------------

    def md(self, text: str | None, path: tuple) -> Markdown:
        """A long text field as Markdown, located at its first line."""
        return Markdown(self.phrased(text or ""), self.source.text_start(path) if text else None)

    def phrased(self, text: str) -> str:
        """``text`` with its placeholders ([[trend:K1]] …) replaced by the phrases the data gives."""
        if "[[" not in text:
            return text
        return PHRASE.sub(
            lambda m: escape_markdown(self.phrases[m.group(0)]) if m.group(0) in self.phrases else m.group(0),
            text,
        )

    def scalar(self, value: Any, path: tuple) -> Any:
        """A text as written in the YAML, with its place (a template's passage gets a review anchor)."""
        section = self.source.section_maps.get(str(path[0]))
        if not isinstance(value, str) or not value or section is None or tuple(path) not in section.values:
            return value
        return Located(value, section.locate(path))

    def derived(self, value: Any, path: tuple) -> Any:
        """A text made from a YAML value (a period, an amount): its passage is listed against that
        value, never edited from a returned file."""
        section = self.source.section_maps.get(str(path[0]))
        if isinstance(value, str) and value and section is not None and tuple(path) in section.values:
            return Located(value, section.locate(path), "d")
        return value

    def offer_name(self, ident: str) -> str:
        """An offer's name as a reader finds it in every list of offers: with the sample mark."""
        offer = self.offers[ident]
        return offer.name + (self.terms["sample_mark"] if offer.sample else "")

    def join(self, items: Iterable[str]) -> str:
        return ", ".join(items)

    def items(self, items: Iterable[str]) -> Markdown:
        """Entries as a Markdown bullet list (one per line in a table cell), a dash when there are none."""
        lines = [f"- {escape_markdown(item)}" for item in items]
        return Markdown("\n".join(lines) if lines else self.terms["none"])

    def project(self, shown: set[str] | None = None) -> Context:
        """The project's metadata; its sample summary names what the document's blocks show (``shown``,
        Block.samples; None: everything the project marks)."""
        p = self.concept.project
        marked = sample_items(self.concept, self.terms, shown)
        date = self.document.date or p.date  # a document of its own date (a progress report)
        return {
            "title": p.title,
            "subtitle": p.subtitle or "",
            "short_title": p.short_title or p.title,
            "client": p.client,
            "client_department": p.client_department or "",
            "contractor": p.contractor,
            "date": self.language.date(date),
            "date_iso": date.isoformat(),
            "month_year": self.language.month_year(date),
            "year": date.year,
            "version": p.version,
            "status": self.terms[f"status.{p.status.value.lower()}"],
            "authors": list(p.authors),
            "authors_text": self.join(p.authors),
            "concept_type": p.concept_type,
            "locale": p.locale.value,
            "sample_data": p.sample_data or bool(marked),
            "sample_note": p.sample_note or (self.terms["sample"] if p.sample_data and not marked else ""),
            "sample_summary": self.terms("sample_items", items="; ".join(marked)) if marked else "",
        }

    def abbreviations(self) -> list[Context]:
        ordered = sorted(enumerate(self.concept.abbreviations), key=lambda p: p[1].abbreviation.casefold())
        return [
            {
                "abbreviation": self.scalar(a.abbreviation, ("abbreviations", i, "abbreviation")),
                "meaning": self.scalar(a.meaning, ("abbreviations", i, "meaning")),
            }
            for i, a in ordered
        ]

    def finding(self, i: int, f: Any) -> Context:
        return {
            "id": f.id,
            "title": self.scalar(f.title, ("findings", i, "title")),
            "text": self.md(f.text, ("findings", i, "text")),
            "offers": self.join(self.offer_name(i) for i in f.offers if i in self.offers),
            "indicators": self.join(self.indicators[i].name for i in f.indicators if i in self.indicators),
            "sources": self.join(f.sources),
            "sources_text": "; ".join(self.citations[s] for s in f.sources if s in self.citations),
        }

    def goal(self, i: int, g: Goal) -> Context:
        field = self.fields.get(g.field_of_action or "")
        return {
            "id": g.id,
            "title": self.scalar(g.title, ("goals", i, "title")),
            "description": self.md(g.description, ("goals", i, "description")),
            "field_of_action": field.name if field else "",
            "measures": self.join(self.serving.get(g.id, [])),
            "goals": [
                {
                    "id": s.id,
                    "title": self.scalar(s.title, ("goals", i, "goals", j, "title")),
                    "description": self.md(s.description, ("goals", i, "goals", j, "description")),
                    "needs": self.join(s.needs),
                    "measures": self.join(self.serving.get(s.id, [])),
                }
                for j, s in enumerate(g.goals)
            ],
        }

    def year_value(self, value: Any, sample: bool = False) -> str:
        if value is None:
            return self.terms["none"]
        mark = self.terms["sample_mark"] if sample else ""
        return f"{self.language.number(value.value)}{mark}\u00a0({value.year})"

    def indicator(self, index: int, i: Indicator) -> Context:
        values = self.data.indicator_values.get(i.id, {}) if self.data else {}
        actuals = dict(i.actuals) | {year: round(value, 1) for year, value in values.items()}
        baseline = i.baseline
        if baseline is not None and baseline.value is None and baseline.year in values:
            baseline = baseline.model_copy(update={"value": round(values[baseline.year], 1)})
        mark = self.terms["sample_mark"]

        def sample(year: int) -> bool:
            return i.sample or year in i.sample_years

        return {
            "id": i.id,
            "name": self.scalar(i.name, ("indicators", index, "name")),
            "definition": self.md(i.definition, ("indicators", index, "definition")),
            "unit": i.unit,
            "source": self.scalar(i.source, ("indicators", index, "source")) or "",
            "frequency": i.frequency.value if i.frequency else "",
            "key_date": i.key_date or "",
            "direction": i.direction.value,
            "direction_text": self.terms["higher" if i.direction is Direction.HIGHER else "lower"],
            "baseline": self.derived(
                self.year_value(
                    baseline if baseline and baseline.value is not None else None,
                    bool(baseline) and sample(baseline.year),
                ),
                ("indicators", index, "baseline"),
            ),
            "sample": i.sample or bool(i.sample_years),
            "target": self.derived(self.year_value(i.target), ("indicators", index, "target")),
            "actuals": [
                {
                    "year": year,
                    "value": self.language.number(value, 1 if not float(value).is_integer() else None)
                    + (mark if sample(year) else ""),
                }
                for year, value in sorted(actuals.items())
            ],
            "goals": self.join(i.goals),
        }

    def period(self, m: MeasureFields) -> str:
        parts = []
        if m.period:
            start = self.language.year_month(m.period.start)
            if m.period.end and m.period.end != m.period.start:
                parts.append(f"{start}–{self.language.year_month(m.period.end)}")
            elif m.period.end:  # one year or one month: „2026“, not „2026–2026“
                parts.append(start)
            else:
                parts.append(self.terms["since"].format(start=start))
        if m.horizon:
            parts.append(m.horizon.value)
        return ", ".join(parts) if parts else self.terms["none"]

    def costs(self, m: MeasureFields) -> str:
        if not m.costs:
            return self.terms["none"]
        interval = {"einmalig": "once", "jährlich": "per_year", "monatlich": "per_month"}[
            m.costs.interval.value
        ]
        text = f"{self.language.money(m.costs.amount)} {self.terms[interval]}"
        notes = [self.terms["including_tasks"]] if m.costs.includes_tasks else []
        notes += [m.costs.note] if m.costs.note else []
        if notes:
            text += f" ({'; '.join(notes)})"
        return text

    def measure_fields(self, m: MeasureFields, path: tuple) -> Context:
        return {
            "id": m.id,
            "title": self.scalar(m.title, (*path, "title")),
            "mark": self.terms["sample_mark"] if m.sample else "",
            "sample": m.sample,
            "description": self.md(m.description, (*path, "description")),
            "priority": m.priority,
            "priority_name": self.terms[f"priority_n_{m.priority}"],
            "priority_text": self.derived(
                f"{self.terms['priority'].format(n=self.terms[f'priority_n_{m.priority}'])} "
                f"({self.terms[f'priority_{m.priority}']})",
                (*path, "priority"),
            ),
            "treaty": self.treaty.short if self.treaty else "",
            "articles": list(m.articles),
            "articles_text": self.treaty.labels(m.articles) if self.treaty else "",
            "level": self.scalar(m.level, (*path, "level")) or self.terms["none"],
            "lead": self.scalar(m.lead, (*path, "lead")) or self.terms["none"],
            "partners": list(m.partners),
            "partners_text": self.derived(self.join(m.partners), (*path, "partners")) or self.terms["none"],
            "target_group": self.scalar(m.target_group, (*path, "target_group")) or self.terms["none"],
            "period": self.derived(self.period(m), (*path, "period")),
            "status": self.derived(m.status.value, (*path, "status")),
            "costs": self.derived(self.costs(m), (*path, "costs")),
            "funding": (self.scalar(m.costs.funding, (*path, "costs", "funding")) or "") if m.costs else "",
            "funding_text": (self.scalar(m.costs.funding, (*path, "costs", "funding")) if m.costs else None)
            or self.terms["none"],
            "goals": [{"id": g, "title": self.goal_titles.get(g, "")} for g in m.goals],
            "goals_text": self.join(f"{g} {self.goal_titles.get(g, '')}".strip() for g in m.goals)
            or self.terms["none"],
            "indicators": [
                {"id": k, "name": self.indicators[k].name} for k in m.indicators if k in self.indicators
            ],
            "indicators_text": self.join(
                f"{k} {self.indicators[k].name}" for k in m.indicators if k in self.indicators
            )
            or self.terms["none"],
            "goals_list": self.items(f"{g} {self.goal_titles.get(g, '')}".strip() for g in m.goals),
            "indicators_list": self.items(
                f"{k} {self.indicators[k].name}" for k in m.indicators if k in self.indicators
            ),
            "has_indicators": any(k in self.indicators for k in m.indicators),
        }

    def measure(self, i: int, m: Measure) -> Context:
        result = self.measure_fields(m, ("measures", i))
        field = self.fields.get(m.field_of_action or "")
        result["field_of_action"] = field.name if field else self.terms["none"]
        result["is_task"] = False
        result["tasks"] = [
            self.measure_fields(t, ("measures", i, "tasks", j)) | {"is_task": True, "parent": m.id}
            for j, t in enumerate(m.tasks)
        ]
        for task in result["tasks"]:
            task["details"] = task_details(task, self.language)
            task["details_text"] = " · ".join(f"{d['label']}: {d['value']}" for d in task["details"])
        marked = m.sample or any(t.sample for t in m.tasks)
        result["sample_note"] = self.terms["sample_legend"] if marked else ""
        return result

    def by_priority(self, measures: list[Context]) -> list[Context]:
        flat = [item for m in measures for item in (m, *m["tasks"])]
        return [
            {
                "priority": p,
                "label": self.terms["priority"].format(n=self.terms[f"priority_n_{p}"]),
                "measures": [item for item in flat if item["priority"] == p],
            }
            for p in sorted({item["priority"] for item in flat})
        ]

    def group_phrases(self) -> Context:
        """The captions and the sentence that name the working group, its name declined („Mitglieder des
        Arbeitskreises gegen häusliche Gewalt“); each listed against the name in review."""
        wg = self.concept.working_group
        if wg is None:
            return {"members_title": "", "meetings_title": "", "met": ""}
        group, path = self.terms.noun(wg.name), ("working_group", "name")
        times = self.language.times(len(wg.meetings))
        return {
            "members_title": self.derived(self.terms("doc.members_group", group=group), path),
            "meetings_title": self.derived(self.terms("doc.meetings_group", group=group), path),
            "met": self.derived(self.terms("doc.group_met", group=group, times=times), path),
        }

    def participation(self) -> Context:
        wg = self.concept.working_group
        interviews = self.concept.interviews
        return {
            "working_group": {
                "name": self.scalar(wg.name, ("working_group", "name")) if wg else "",
                "description": self.md(wg.description if wg else None, ("working_group", "description")),
                "members": [
                    {
                        "organisation": self.scalar(
                            m.organisation, ("working_group", "members", j, "organisation")
                        ),
                        "role": self.scalar(m.role, ("working_group", "members", j, "role")) or "",
                    }
                    for j, m in enumerate(wg.members if wg else [])
                ],
                "meetings": [
                    {
                        "number": n,
                        "date": self.language.date(m.date),
                        "topic": self.scalar(m.topic, ("working_group", "meetings", n - 1, "topic")),
                        "results": list(m.results),
                        "results_text": "; ".join(m.results),
                    }
                    for n, m in enumerate(wg.meetings if wg else [], start=1)
                ],
                "meeting_count": len(wg.meetings) if wg else 0,
                **self.group_phrases(),
            },
            "interviews": {
                "count": interviews.count if interviews else 0,
                "period": (interviews.period or "") if interviews else "",
                "groups": [
                    self.scalar(g, ("interviews", "groups", j)) for j, g in enumerate(interviews.groups)
                ]
                if interviews
                else [],
                "description": self.md(
                    interviews.description if interviews else None, ("interviews", "description")
                ),
            },
            "surveys": [
                {
                    "title": self.scalar(s.title, ("surveys", i, "title")),
                    "target_group": self.scalar(s.target_group, ("surveys", i, "target_group")) or "",
                    "period": s.period or "",
                    "responses": self.language.number(s.responses) if s.responses is not None else "",
                    "description": self.md(s.description, ("surveys", i, "description")),
                }
                for i, s in enumerate(self.concept.surveys)
            ],
            **participation_extras(self.concept, self.language, self.md),
        }
