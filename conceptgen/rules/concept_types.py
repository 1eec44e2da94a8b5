"""Rules of the other concept types (docs/konzeptarten.md): articles of the convention a plan implements
(CG703–CG705), benchmarks (CG706, CG707) and the cost and financing plan (CG701, CG702)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from conceptgen.diagnostics import Diagnostic, diagnostic
from conceptgen.language import grouped
from conceptgen.loading import ProjectSource
from conceptgen.loading.yaml_loader import KeyPath, format_path
from conceptgen.model import Concept
from conceptgen.model.financing import build_plan, cents
from conceptgen.model.frameworks import benchmark_area, benchmark_population


def check_concept_types(concept: Concept, source: ProjectSource) -> list[Diagnostic]:
    found = _articles(concept, source)
    found += _benchmarks(concept, source)
    found += _financing(concept, source)
    return found


def _at(code: str, message: str, source: ProjectSource, path: KeyPath, hint: str) -> Diagnostic:
    return diagnostic(code, message, source.locate(path), key_path=format_path(path), hint=hint)


def article_uses(concept: Concept) -> Iterator[tuple[int, str, KeyPath]]:
    """Every article a goal, Handlungsziel, measure or task names: (article, who, key path)."""
    for i, goal in enumerate(concept.goals):
        for k, article in enumerate(goal.articles):
            yield article, f"Ziel „{goal.id}“", ("goals", i, "articles", k)
        for j, sub in enumerate(goal.goals):
            for k, article in enumerate(sub.articles):
                yield article, f"Ziel „{sub.id}“", ("goals", i, "goals", j, "articles", k)
    for i, measure in enumerate(concept.measures):
        for k, article in enumerate(measure.articles):
            yield article, f"Maßnahme „{measure.id}“", ("measures", i, "articles", k)
        for j, task in enumerate(measure.tasks):
            for k, article in enumerate(task.articles):
                yield article, f"Maßnahme „{task.id}“", ("measures", i, "tasks", j, "articles", k)


def _named(concept: Concept, uses: list) -> list[tuple[int, str, KeyPath]]:
    """Every article the project names — by goals and measures (``uses``), the assessment, the relevant
    ones, the benchmarks — with who names it (as a message says it) and where."""
    convention = concept.convention
    named = list(uses)
    named += [
        (row.article, "die Bewertung (assessment:)", ("convention", "assessment", i, "article"))
        for i, row in enumerate(convention.assessment if convention else [])
    ]
    named += [
        (a, "relevant:", ("convention", "relevant", k))
        for k, a in enumerate((convention.relevant if convention else None) or [])
    ]
    named += [
        (b.article, f"Richtwert „{b.id}“", ("benchmarks", i, "article"))
        for i, b in enumerate(concept.benchmarks)
        if b.article is not None
    ]
    return named


def _articles(concept: Concept, source: ProjectSource) -> list[Diagnostic]:
    convention = concept.convention
    uses = list(article_uses(concept))
    if convention is None:
        if uses:
            _article, who, path = uses[0]
            hint = "die Konvention in konvention.yaml erklären: convention: {treaty: un-brk} (oder istanbul)"
            message = f"{who} nennt einen Artikel, aber keine Konvention ist erklärt"
            return [_at("CG703", message, source, path, hint)]
        return []
    treaty = convention.spec
    first, last = min(treaty.articles), max(treaty.articles)
    known = f"{treaty.short}: Artikel {first}–{last} (die späteren binden Staaten, nicht Kommunen)"
    found = []
    for article, who, path in _named(concept, uses):
        if article not in treaty.articles:
            message = (
                f"{who}: Artikel {article} ist kein Artikel der {treaty.short}, auf den ein Konzept eingeht"
            )
            found.append(_at("CG703", message, source, path, known))
    seen: dict[int, KeyPath] = {}
    for i, row in enumerate(convention.assessment):
        if row.article in seen:
            hint = f"zuerst bewertet in {source.locate(seen[row.article])}"
            path = ("convention", "assessment", i, "article")
            found.append(_at("CG201", f"Artikel {row.article} ist doppelt bewertet", source, path, hint))
        seen.setdefault(row.article, ("convention", "assessment", i, "article"))
    for i, measure in enumerate(concept.measures):
        if not measure.articles and not any(t.articles for t in measure.tasks):
            hint = f"articles: [..] ergänzen — die Artikel der {treaty.short}, denen die Maßnahme dient"
            found.append(
                _at(
                    "CG704",
                    f"Maßnahme „{measure.id}“ nennt keinen Artikel der {treaty.short}",
                    source,
                    ("measures", i),
                    hint,
                )
            )
    addressed = {a for a, _who, _path in uses} | {row.article for row in convention.assessment}
    for article in convention.relevant_articles():
        if article not in addressed:
            path = ("convention", "relevant") if convention.relevant is not None else ("convention", "treaty")
            found.append(
                _at(
                    "CG705",
                    f"{treaty.label(article)}: kein Ziel und keine Maßnahme geht darauf ein",
                    source,
                    path,
                    "unter articles: eines Ziels oder einer Maßnahme nennen oder aus relevant: herausnehmen "
                    "(das Artikelregister zeigt ihn als nicht behandelt)",
                )
            )
    return found


def _benchmarks(concept: Concept, source: ProjectSource) -> list[Diagnostic]:
    found = []
    for i, benchmark in enumerate(concept.benchmarks):
        path = ("benchmarks", i)
        if not benchmark.source:
            found.append(
                _at(
                    "CG706",
                    f"Richtwert „{benchmark.id}“ hat keine Quelle",
                    source,
                    path,
                    "source: <ID aus sources.yaml> ergänzen — wer ihn empfiehlt, wo (z. B. Europarat, "
                    "EG-TFV(2008)6); eine Zahl, die niemand veröffentlicht hat, ist kein Richtwert",
                )
            )
        area = benchmark_area(benchmark, concept.areas)
        if area is None:
            continue  # an unknown area is CG202
        if not benchmark_population(benchmark, area):
            key = "population_women" if benchmark.of.value == "women" else "population"
            found.append(
                _at(
                    "CG707",
                    f"Richtwert „{benchmark.id}“ braucht {key} des Gebiets „{area.id}“",
                    source,
                    path,
                    f"{key}: … (mit population_year) beim Gebiet „{area.id}“ in inventory.yaml ergänzen",
                )
            )
    return found


def _financing(concept: Concept, source: ProjectSource) -> list[Diagnostic]:
    spec = concept.financing
    if spec is None:
        return []
    plan = build_plan(spec)
    found = [
        _at(
            "CG701",
            f"Finanzierung von „{spec.projects[i].measure}“: {message}",
            source,
            ("financing", "projects", i, key),
            "die Quellen müssen zusammen die Kosten des Projekts ergeben",
        )
        for i, key, message in plan.problems
    ]
    measures: dict[str, Any] = {m.id: (k, m) for k, m in enumerate(concept.measures)}
    measures |= {t.id: (k, t) for k, m in enumerate(concept.measures) for t in m.tasks}
    for i, project in enumerate(spec.projects):
        if project.measure not in measures:
            continue
        _k, item = measures[project.measure]
        if item.costs is None:
            continue
        mismatch = _cost_mismatch(item.costs, project.costs)
        if mismatch:
            found.append(
                _at(
                    "CG702",
                    f"Maßnahme „{project.measure}“: {mismatch}",
                    source,
                    ("financing", "projects", i, "costs"),
                    "beide angleichen oder costs: bei der Maßnahme streichen (dann gibt sie der Plan an)",
                )
            )
    found += [
        _at("CG701", f"Finanzierungsplan: {message}", source, ("financing",), "bitte als Fehler melden")
        for message in plan.verify()
    ]
    return found


def _cost_mismatch(costs: Any, years: dict[int, float]) -> str:
    """How a measure's costs contradict its yearly costs in the plan ("" when they agree): a one-off
    amount is the plan's total, a yearly (monthly) amount every year's costs (twelve times)."""
    interval = costs.interval.value
    if interval == "einmalig":
        total = sum(cents(v) for v in years.values())
        if cents(costs.amount) != total:
            plan = f"{grouped(total / 100)} €"
            return f"Kosten einmalig {grouped(costs.amount)} € in measures.yaml, {plan} im Finanzierungsplan"
        return ""
    per_year = costs.amount * (12 if interval == "monatlich" else 1)
    wrong = [str(y) for y, v in sorted(years.items()) if cents(v) != cents(per_year)]
    if wrong:
        return (
            f"Kosten {grouped(per_year)} € im Jahr in measures.yaml, andere Beträge im Finanzierungsplan "
            f"({', '.join(wrong)})"
        )
    return ""
