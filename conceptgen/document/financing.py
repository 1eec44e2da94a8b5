"""The cost and financing plan of an Integriertes Handlungskonzept as tables and a chart: costs per
project and year, sources per project, sources per year — every total from the same plan in cents
(model/financing.py), so that the printed figures add up."""

from __future__ import annotations

from typing import Any

from conceptgen.data.charts import ChartResult
from conceptgen.document.bibliography import cite
from conceptgen.document.tables import DataTable
from conceptgen.language import Language
from conceptgen.model import Concept
from conceptgen.model.financing import SOURCES, Plan


def _titles(concept: Concept) -> dict[str, str]:
    return {i.id: i.title for m in concept.measures for i in (m, *m.tasks)}


def _euros(plan: Plan) -> int:
    """Decimals to show: none where every amount is in whole euros."""
    whole = all(v % 100 == 0 for line in plan.lines for cell in line.years.values() for v in cell.values())
    return 0 if whole else 2


def _money(language: Language, amount: int, decimals: int) -> str:
    return language.number(amount / 100, decimals)


def _project(concept: Concept, line: Any, language: Language) -> str:
    mark = language.terms["sample_mark"] if line.sample else ""
    return f"{line.measure}{mark} {_titles(concept).get(line.measure, '')}".strip()


def _financing_source(concept: Concept, language: Language, prefix: bool = True) -> str:
    """„Quelle: eigene Darstellung; <the funding rules>“ (a chart's source line adds „Quelle:“ itself)."""
    citation = cite(concept, language, concept.financing.source)
    own = language.terms["swot.source"] + (f"; {citation}" if citation else "")
    return f"{language.terms['source']}: {own}" if prefix else own


def _note(concept: Concept, plan: Plan, language: Language) -> str:
    spec = concept.financing
    note = language.terms(
        "financing.note",
        programme=spec.programme,
        rate=f"{language.number(spec.grant_rate)}\u00a0%",
        private=f"{language.number(spec.fund_private_share)}\u00a0%",
        public=f"{language.number(100 - spec.fund_private_share)}\u00a0%",
    )
    if any(line.sample for line in plan.lines):
        note += " " + language.terms["sample_legend"]
    return note


def costs_by_year(concept: Concept, plan: Plan, language: Language) -> DataTable:
    terms, d = language.terms, _euros(plan)
    rows = []
    for line in plan.lines:
        cells = [_money(language, line.years[y]["cost"], d) if y in line.years else "" for y in plan.years]
        rows.append([_project(concept, line, language), *cells, _money(language, line.total("cost"), d)])
    total = [terms["financing.total"], *(_money(language, plan.by_year(y, "cost"), d) for y in plan.years)]
    total.append(_money(language, plan.total("cost"), d))
    return DataTable(
        "kosten-jahre",
        terms["financing.costs_title"],
        [terms["financing.project"], *(str(y) for y in plan.years), terms["financing.total"]],
        [False, *([True] * (len(plan.years) + 1))],
        rows,
        total,
        source=_financing_source(concept, language),
        note=_note(concept, plan, language),
    )


def sources_by_project(concept: Concept, plan: Plan, language: Language) -> DataTable:
    terms, d = language.terms, _euros(plan)
    rows = [
        [
            _project(concept, line, language),
            terms[f"financing.route_{line.route.value}"],
            _money(language, line.total("cost"), d),
            *(_money(language, line.total(s), d) for s in SOURCES),
        ]
        for line in plan.lines
    ]
    total = ["", terms["financing.total"], _money(language, plan.total("cost"), d)]
    total += [_money(language, plan.total(s), d) for s in SOURCES]
    return DataTable(
        "finanzierung-quellen",
        terms["financing.sources_title"],
        [
            terms["financing.project"],
            terms["financing.route"],
            terms["financing.costs"],
            *(terms[f"financing.{s}"] for s in SOURCES),
        ],
        [False, False, True, True, True, True],
        rows,
        total,
        source=_financing_source(concept, language),
        note=_note(concept, plan, language),
    )


def sources_by_year(concept: Concept, plan: Plan, language: Language) -> DataTable:
    terms, d = language.terms, _euros(plan)
    rows = [
        [
            str(y),
            _money(language, plan.by_year(y, "cost"), d),
            *(_money(language, plan.by_year(y, s), d) for s in SOURCES),
        ]
        for y in plan.years
    ]
    total = [terms["financing.total"], _money(language, plan.total("cost"), d)]
    total += [_money(language, plan.total(s), d) for s in SOURCES]
    return DataTable(
        "finanzierung-jahre",
        terms["financing.years_title"],
        [terms["financing.year"], terms["financing.costs"], *(terms[f"financing.{s}"] for s in SOURCES)],
        [False, True, True, True, True],
        rows,
        total,
        source=_financing_source(concept, language),
    )


def financing_chart(concept: Concept, plan: Plan, language: Language) -> ChartResult:
    from conceptgen.model.charts import Chart, InlineData, InlineSeries

    terms = language.terms
    series = [
        InlineSeries(name=terms[f"financing.{s}"], values=[plan.by_year(y, s) / 100 for y in plan.years])
        for s in SOURCES
    ]
    alt = terms(
        "financing.alt",
        total=language.money(plan.total("cost") / 100),
        **{s: language.money(plan.total(s) / 100) for s in SOURCES},
    )
    chart = Chart(
        id="finanzierung",
        type="column",
        title=terms["financing.chart_title"],
        alt=alt,
        data=InlineData(categories=[str(y) for y in plan.years], series=series),
        stacking="stacked",
        y_title="Euro",
        height_cm=8,
    )
    return ChartResult(
        chart,
        [str(y) for y in plan.years],
        [(s.name, list(s.values)) for s in series],
        source=_financing_source(concept, language, prefix=False),
    )
