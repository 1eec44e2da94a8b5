"""What the blocks of the other concept types insert (conceptgen/blocks: area_map, article_register,
article_assessment, benchmarks, swot): the study-area map, the article register and assessment, the
benchmark comparison and the SWOT — formatted tables and a map, their labels as the blocks declare."""

from __future__ import annotations

from typing import Any

from conceptgen.document.bibliography import cite
from conceptgen.document.tables import DataTable
from conceptgen.language import Language
from conceptgen.model import Concept
from conceptgen.model.frameworks import Fulfilment, evaluate_benchmark
from conceptgen.terms.grammar import agreeing


def own_source(language: Language, key: str = "swot.source") -> str:
    return f"{language.terms['source']}: {language.terms[key]}"


def area_map(
    concept: Concept, params: Any, language: Language, data: Any, kind: str | None, ident: str
) -> Any:
    """The areas of ``kind``, each in its own colour with its name (a study area and its parts), as the
    figure ``ident`` (block area_map)."""
    from conceptgen.document.maps import MapFigure

    layer = (getattr(data, "geometry", None) or {}).get(kind)
    if layer is None or not layer.shapes:
        return None
    terms = language.terms
    areas = [a for a in concept.areas if a.id in layer.shapes]
    title = params.title or terms("map.area_title", units=terms["area_units"])
    names = [a.name for a in areas]
    geometry = next(g for g in concept.geometry if g.kind == kind)
    return MapFigure(
        id=ident,
        title=title,
        alt=terms("map.area_alt", title=title, names=", ".join(names)),
        source=f"{terms['source']}: {geometry.source}",
        geometry_source=geometry.source,
        layer=layer,
        classes={a.id: i for i, a in enumerate(areas)},
        legend=names,
        labels={a.id: a.code or a.name for a in areas},
        names={a.id: a.name for a in areas},
        categorical=True,
        legend_title=kind,
    )


# --- conventions ----------------------------------------------------------------------------------


def article_users(concept: Concept) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
    """Goals and measures (with tasks) by the articles they name, in the order of the project."""
    goals: dict[int, list[str]] = {}
    measures: dict[int, list[str]] = {}
    for goal in concept.goals:
        for item in (goal, *goal.goals):
            for a in item.articles:
                goals.setdefault(a, []).append(item.id)
    for measure in concept.measures:
        for item in (measure, *measure.tasks):
            for a in item.articles:
                measures.setdefault(a, []).append(item.id)
    return goals, measures


def article_register(concept: Concept, language: Language, chosen: list[int] | None) -> DataTable:
    convention = concept.convention
    treaty = convention.spec.in_language(language.code)
    terms = language.terms
    goals, measures = article_users(concept)
    articles = chosen or sorted(set(convention.relevant_articles()) | set(goals) | set(measures))
    articles = [a for a in articles if a in treaty.articles]
    rows, flags, missing = [], [], []
    for a in articles:
        addressed = a in goals or a in measures
        rows.append(
            [
                treaty.label(a),
                ", ".join(goals.get(a, [])) or terms["none"],
                ", ".join(measures.get(a, [])) or (terms["none"] if addressed else terms["article.none"]),
            ]
        )
        flags.append("" if addressed else "under")
        if not addressed:
            missing.append(f"Art.\u00a0{a}")
    note = (
        terms(
            "article.register_note",
            addressed=len(articles) - len(missing),
            total=len(articles),
            missing=", ".join(missing),
        )
        if missing
        else terms("article.register_note_all", total=len(articles))
    )
    return DataTable(
        "artikelregister",
        terms("article.register_title", treaty=treaty.short),
        [terms["article.column"], terms["article.goals"], terms["article.measures"]],
        [False, False, False],
        rows,
        source=own_source(language),
        note=note,
        flags=flags,
    )


def assessment_summary(concept: Concept, language: Language) -> DataTable:
    convention = concept.convention
    treaty = convention.spec.in_language(language.code)
    terms = language.terms
    statuses = list(Fulfilment)
    rows, totals = [], dict.fromkeys(statuses, 0)
    for first, last, title in treaty.chapters:
        inside = [row for row in convention.assessment if first <= row.article <= last]
        if not inside:
            continue
        counts = {s: sum(1 for row in inside if row.status is s) for s in statuses}
        for s in statuses:
            totals[s] += counts[s]
        rows.append([title, *(language.number(counts[s]) for s in statuses), language.number(len(inside))])
    total = [terms["financing.total"], *(language.number(totals[s]) for s in statuses)]
    total.append(language.number(len(convention.assessment)))
    return DataTable(
        "artikel-stand",
        terms("article.summary_title", treaty=treaty.short),
        [
            terms["article.chapter"],
            *(terms[f"article.status_{s.value}"] for s in statuses),
            terms["article.count"],
        ],
        [False, True, True, True, True],
        rows,
        total,
        source=own_source(language, "article.source"),
    )


def assessment_table(concept: Concept, language: Language) -> DataTable:
    convention = concept.convention
    treaty = convention.spec.in_language(language.code)
    terms = language.terms
    mark = terms["sample_mark"]
    offers = {o.id: o.name + (mark if o.sample else "") for o in concept.offers}
    _goals, measures = article_users(concept)
    rows = []
    for row in sorted(convention.assessment, key=lambda r: r.article):
        rows.append(
            [
                treaty.label(row.article) + (mark if row.sample else ""),
                terms[f"article.status_{row.status.value}"],
                row.evidence.strip(),
                "; ".join(offers.get(o, o) for o in row.offers) or terms["none"],
                ", ".join(measures.get(row.article, [])) or terms["none"],
            ]
        )
    legend = terms["article.legend"]
    sample_offers = {o.id for o in concept.offers if o.sample}
    if any(r.sample or sample_offers.intersection(r.offers) for r in convention.assessment):
        legend += " " + terms["sample_legend"]
    return DataTable(
        "artikel-bewertung",
        terms("article.assessment_title", treaty=treaty.short),
        [
            terms["article.column"],
            terms["article.status"],
            terms["article.evidence"],
            terms["article.offers"],
            terms["article.measures"],
        ],
        [False] * 5,
        rows,
        source=own_source(language, "article.source"),
        note=legend,
        widths=[2.0, 1.0, 5.0, 2.2, 0.6],
    )


# --- benchmarks -----------------------------------------------------------------------------------


def _counted(value: float, language: Language) -> str:
    """What exists, as counted: „12“ places, „1“ office — a fraction only where a benchmark's factor made
    one (posts counted as offices: 0,5)."""
    return language.number(value, None if float(value).is_integer() else 1)


def benchmark_table(concept: Concept, language: Language) -> DataTable:
    terms = language.terms
    rows, flags, notes, cited = [], [], [], []
    mark = terms["sample_mark"]
    for benchmark in concept.benchmarks:
        result = evaluate_benchmark(benchmark, concept.areas, concept.offers)
        if result is None:  # check reports CG707
            continue
        rule = terms(
            "benchmark.rule_text",
            value=language.number(benchmark.value),
            unit=agreeing(benchmark.value, terms.noun(benchmark.unit)),
            per=language.number(benchmark.per),
            of=terms[f"benchmark.of_{benchmark.of.value}"],
        )
        rows.append(
            [
                benchmark.name + (mark if result.sample else ""),
                rule,
                language.number(result.population),
                language.number(result.required, 1),
                _counted(result.existing, language),
                language.number(result.existing - result.required, 1),
                language.number(result.coverage, 0),
            ]
        )
        flags.append("under" if result.existing < result.required else "")
        if benchmark.factor != 1:
            notes.append(
                terms(
                    "benchmark.factor",
                    name=benchmark.name,
                    factor=language.number(benchmark.factor),
                    capacity_unit=benchmark.capacity_unit or "",
                    unit=benchmark.unit,
                )
            )
        citation = cite(concept, language, benchmark.source)
        if citation and citation not in cited:
            cited.append(citation)
    if any(r[0].endswith(mark) for r in rows):
        notes.append(terms["sample_legend"])
    source = f"{terms['source']}: {terms['benchmark.sources']}: {'; '.join(cited)}" if cited else ""
    return DataTable(
        "richtwerte",
        terms["benchmark.title"],
        [
            terms["benchmark.name"],
            terms["benchmark.rule"],
            terms["benchmark.population"],
            terms["benchmark.required"],
            terms["benchmark.existing"],
            terms["benchmark.gap"],
            terms["benchmark.coverage"],
        ],
        [False, False, True, True, True, True, True],
        rows,
        source=source,
        note=" ".join(notes),
        flags=flags,
    )


# --- SWOT -----------------------------------------------------------------------------------------


def swot_table(concept: Concept, language: Language) -> DataTable:
    swot = concept.swot
    terms = language.terms

    def cell(items: list[str]) -> str:
        return "\n".join(f"• {item}" for item in items) or terms["none"]

    mark = terms["sample_mark"] if swot.sample else ""
    return DataTable(
        "swot",
        (swot.title or terms["swot.title"]) + mark,
        [terms["swot.strengths"], terms["swot.weaknesses"]],
        [False, False],
        [
            [cell(swot.strengths), cell(swot.weaknesses)],
            [terms["swot.opportunities"], terms["swot.threats"]],
            [cell(swot.opportunities), cell(swot.threats)],
        ],
        source=f"{terms['source']}: {swot.source or terms['swot.source']}",
        note=terms["sample_legend"] if swot.sample else "",
        flags=["", "group", ""],
    )
