"""Phrases written from the data where a text states a comparison, a trend or a class: a Markdown text
says ``[[trend:K1]]``, ``[[compare:K2:52]]`` or ``[[class:dynamik:westerfilde]]`` and the document reads
„von 1.020 (2022) auf 1.150 (2024) gestiegen“, „mit 25,3 (2024) deutlich unter 52“, „negativ“ — the
words chosen by one classification (data/compare.py) from the figures the phrase prints."""

from __future__ import annotations

from typing import Any

from conceptgen.data.compare import comparison, trend
from conceptgen.diagnostics import Diagnostic, Location, diagnostic, did_you_mean
from conceptgen.language import Language
from conceptgen.loading import ProjectSource
from conceptgen.loading.yaml_loader import format_path
from conceptgen.markup import PHRASE
from conceptgen.rules.texts import offset_location, texts


class PhraseError(ValueError):
    """A placeholder that the data cannot phrase; the message says why, the hint what to write."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.hint = hint


def phrases(
    concept: Any, source: ProjectSource, data: Any, language: Language
) -> tuple[dict[str, str], list[Diagnostic]]:
    """Every placeholder of the project's texts with its phrase, and the placeholders that cannot be
    phrased (CG343, located where they are written)."""
    found: dict[str, str] = {}
    problems: list[Diagnostic] = []
    for text, location, path in texts(source):
        for match in PHRASE.finditer(text):
            if match.group(0) in found:
                continue
            try:
                found[match.group(0)] = phrase(
                    match.group(1), match.group(2).split(":"), concept, data, language
                )
            except PhraseError as error:
                problems.append(_problem(match, text, location, path, error))
    return found, problems


def _problem(match: Any, text: str, location: Location, path: tuple, error: PhraseError) -> Diagnostic:
    return diagnostic(
        "CG343",
        f"{match.group(0)}: {error}",
        offset_location(location, text, match.start()),
        key_path=format_path(path),
        hint=error.hint,
    )


def phrase(kind: str, args: list[str], concept: Any, data: Any, language: Language) -> str:
    """The phrase of one placeholder ``[[kind:args…]]``."""
    if kind == "class":
        return _class(args, concept, data, language)
    if kind == "classes":
        return _classes(args, concept, data, language)
    if not args or len(args) > (2 if kind == "compare" else 1):
        form = "[[compare:K2:52]]" if kind == "compare" else "[[trend:K1]]"
        raise PhraseError(f"erwartet: {form}", "die ID eines Indikators aus indicators.yaml")
    series, mark = indicator_series(args[0], concept, data, language)
    unit = next((i.unit for i in concept.indicators if i.id == args[0]), None)
    terms = language.terms

    def value(number: float) -> str:
        return _with_unit(_number(number, language), unit)

    years = sorted(series)
    if kind == "trend":
        if len(years) < 2:
            raise PhraseError(
                f"Indikator „{args[0]}“ hat Werte für {len(years)} Jahr(e); ein Trend braucht zwei"
            )
        first, last = series[years[0]], series[years[-1]]
        return terms(
            f"trend.{trend(first, last)}",
            first=value(first) + mark(years[0]),
            first_year=years[0],
            last=value(last) + mark(years[-1]),
            last_year=years[-1],
        )
    if len(args) < 2:
        raise PhraseError(
            "kein Vergleichswert", "[[compare:K2:52]] vergleicht den jüngsten Wert von K2 mit 52"
        )
    if not years:
        raise PhraseError(f"Indikator „{args[0]}“ hat keinen Wert")
    reference = _reference(args[1], language)
    latest = series[years[-1]]
    # the reference in the indicator's unit when it is a sign („15,2 %“); a word unit the text names itself
    shown = _with_unit(_number(reference, language), unit) if unit in SIGNS else _number(reference, language)
    words = terms(f"compare.{comparison(latest, reference)}", reference=shown)
    return terms("compare.with", value=value(latest) + mark(years[-1]), year=years[-1], comparison=words)


def indicator_series(ident: str, concept: Any, data: Any, language: Language) -> tuple[dict[int, float], Any]:
    """An indicator's values by year as its table prints them (rounded to one decimal): baseline, actuals
    and the values from its data; with a function that gives a year's sample mark („*“)."""
    indicators = {i.id: i for i in concept.indicators}
    indicator = indicators.get(ident)
    if indicator is None:
        raise PhraseError(f"unbekannter Indikator „{ident}“", did_you_mean(ident, indicators) or "")
    computed = data.indicator_values.get(ident, {}) if data is not None else {}
    series: dict[int, float] = {}
    if indicator.baseline is not None and indicator.baseline.value is not None:
        series[indicator.baseline.year] = indicator.baseline.value
    series |= dict(indicator.actuals) | dict(computed)
    series = {year: round(float(value), 1) for year, value in series.items()}

    def mark(year: int) -> str:
        return language.terms["sample_mark"] if indicator.sample or year in indicator.sample_years else ""

    return series, mark


SIGNS = ("%", "‰")


def _with_unit(number: str, unit: str | None) -> str:
    """A figure with its indicator's unit („24,5 %“, „1.150 Personen“): „24,5* (2015) deutlich über
    15,2“ did not say what was compared (Lünen's SGB-II-Quote)."""
    return f"{number}\u00a0{unit}" if unit else number


def _number(value: float, language: Language) -> str:
    return language.number(value, None if float(value).is_integer() else 1)


def _reference(text: str, language: Language) -> float:
    """A reference value as the text's language writes numbers (German: 1.400 and 51,9). A text kept in
    German while the document's locale is English (51,9 cannot be English) is read as German: the
    strict parse refuses a comma that is no thousands separator, so no number is read two ways."""
    from babel.numbers import NumberFormatError, parse_decimal

    example = f"{language.number(1400)} {language.terms['list.and']} {language.number(51.9)}"
    for locale in dict.fromkeys((language.babel, "de_DE")):
        try:
            return float(parse_decimal(text, locale=locale, strict=True))
        except NumberFormatError:
            continue
    raise PhraseError(
        f"der Vergleichswert „{text}“ ist keine Zahl", f"so schreiben wie der Text, z. B. {example}"
    )


def _classes(args: list[str], concept: Any, data: Any, language: Language) -> str:
    """Several areas' classes in an index as one clause, the areas grouped by class in the order written:
    „Scharnhorst-Ost und Westerfilde haben die Klasse „sehr niedrig“, Hafen die Klasse „niedrig““."""
    social = getattr(data, "social", None)
    areas = args[1].split(",") if len(args) == 2 else []
    if social is None or not all(areas):
        raise PhraseError(
            "erwartet: [[classes:<index>:<area>,<area>…]] in einem Projekt mit sozialraum.yaml",
            "die Gebiete durch Kommas getrennt, ohne Leerzeichen",
        )
    twice = sorted({a for a in areas if areas.count(a) > 1})
    if twice:
        raise PhraseError(f"das Gebiet „{twice[0]}“ steht zweimal in der Liste")
    listed = []
    for area in areas:
        label = _class([args[0], area], concept, data, language)
        rated = social.indices[args[0]][social.year].entries[area].rated
        listed.append((social.names.get(area, area), label, rated))
    return class_clause(listed, language.terms)


def class_clause(areas: list[tuple[str, str, bool]], terms: Any) -> str:
    """Areas (name, class label, whether it is a class rather than „nicht bewertet …“) as one clause,
    grouped by class in the order their first area is written: the first group with its verb in agreement
    („hat“ for one area, „haben“ for more), a later group without it where it would repeat that verb form
    („…, Hafen die Klasse „niedrig““), else with its own („…, Hafen und Marten haben die Klasse …“)."""
    groups: dict[tuple[bool, str], list[str]] = {}
    for name, label, rated in areas:
        groups.setdefault((rated, label), []).append(name)
    clauses: list[str] = []
    first = ""
    for (rated, label), names in groups.items():
        number = "one" if len(names) == 1 else "many"
        key = f"classes.{number}" if rated else f"classes.unrated_{number}"
        if clauses and key == first and rated:
            key = "classes.gapped"
        clauses.append(terms(key, areas=terms.listing(names), label=label))
        first = first or key
    return ", ".join(clauses)


def _class(args: list[str], concept: Any, data: Any, language: Language) -> str:
    """An area's class in an index in the report year („negativ“), as its profile states it."""
    social = getattr(data, "social", None)
    if len(args) != 2 or social is None:
        raise PhraseError("erwartet: [[class:<index>:<area>]] in einem Projekt mit sozialraum.yaml")
    index, area = args
    computed = social.indices.get(index, {}).get(social.year)
    if computed is None:
        raise PhraseError(f"unbekannter Index „{index}“", did_you_mean(index, social.indices) or "")
    entry = computed.entries.get(area)
    if entry is None:
        raise PhraseError(
            f"das Gebiet „{area}“ ist im Index „{index}“ nicht bewertet",
            did_you_mean(area, computed.entries) or "",
        )
    if not entry.rated:
        return language.terms[f"social.not_rated_{entry.reason}"]
    return computed.labels[entry.cls]
