"""Every word conceptgen writes into a document by itself, per language.

Captions, legends, table headers, status words, sentences around numbers: nothing generated is spelled
anywhere else in the code, so an English document is English throughout. A project's vocabulary
(``vocabulary:`` in project.yaml) overrides single terms, e.g. „Stadt“ instead of „Kreis“.
Placeholders use ``str.format`` names: ``{n}``, ``{start}``, ``{per}``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from conceptgen.terms_survey import SURVEY_TERMS
from conceptgen.terms_types import TYPE_TERMS

_REFERENCE = re.compile(r"\$\{(\w+)\}")

TERMS: dict[str, dict[str, str]] = {
    "de": {
        # captions and references
        "caption.tab": "Tabelle",
        "caption.fig": "Abbildung",
        "ref.sec": "Kapitel",
        "ref.mass": "Maßnahme",
        # a reference to what another document of the project shows, or a left-out chapter
        "ref.elsewhere": "{place} in „{document}“",
        "ref.omitted": "„{title}“ des vollständigen Dokuments",
        "source": "Quelle",
        "own_calculation": "eigene Berechnung",
        "sample": "Beispieldaten",
        "sample_marked": "(Beispieldaten)",
        "sample_columns": "(Beispieldaten: {columns})",
        "sample_mark": "*",
        "sample_legend": "* Beispielangabe",
        "sample_items": "Beispielinhalte: {items}.",
        "with_tasks": "mit ihren Aufgaben",
        "measures": "Maßnahmen",
        "tasks": "Aufgaben",
        "task": "Aufgabe",
        "networks": "Netzwerke",
        "events": "Veranstaltungen",
        "offers_marked": "{items} (mit * gekennzeichnet)",
        "offers_1": "ein Angebot",
        "offers_n": "{n} Angebote",
        "capacities_1": "eine Kapazitätsangabe",
        "capacities_n": "{n} Kapazitätsangaben",
        "and": "und",
        "indicator_values": "Werte der Kennzahlen",
        "data_from": "Daten aus",
        "total": "Summe",
        "none": "–",
        "accessed": "abgerufen am",
        "et_al": "u. a.",
        # measures
        "priority": "Priorität {n}",
        "priority_1": "hoch",
        "priority_2": "mittel",
        "priority_3": "niedrig",
        "since": "ab {start}",
        "per_year": "pro Jahr",
        "per_month": "pro Monat",
        "once": "einmalig",
        "including_tasks": "einschl. Aufgaben",
        "detail.target_group": "Zielgruppe",
        "detail.partners_text": "Beteiligte",
        "detail.costs": "Kosten",
        "detail.funding": "Finanzierung",
        "detail.goals_text": "Ziele",
        "detail.indicators_text": "Kennzahlen",
        "measure_planning": "Maßnahmenplanung",
        "timeline.start": "Beginn",
        "timeline.horizons": "Vorhaben ohne Zeitraum nach Zeithorizont ab {year}: kurzfristig 0–2, "
        "mittelfristig 2–5, langfristig 5–8 Jahre",
        "timeline.shade_1": "dunkel",
        "timeline.shade_2": "hell",
        "timeline.shade_3": "grau",
        # indicators
        "higher": "höher ist besser",
        "lower": "niedriger ist besser",
        "actual": "Istwert",
        "target_path": "Zielpfad",
        # areas and the supply analysis; a project's vocabulary says region: Stadt, area_unit: Stadtbezirk
        "region": "Kreis",
        "area_unit": "Kommune",
        "area_units": "Kommunen",
        "area": "Gebiet",
        "region_wide": "kreisweit",
        "region_total": "${region} gesamt",
        "region_average": "Ø ${region}",
        "inhabitants": "EW",
        "per_inhabitants": "je {per} EW",
        "supply": "Angebot",
        "supply_per": "Angebot je {per} EW",
        "reference_value": "Richtwert",
        "deviation": "Abw.",
        "verdict": "Bewertung",
        "need": "Bedarf",
        "under_supplied": "Unterversorgung",
        "above_average": "überdurchschnittlich",
        "within_range": "im Rahmen",
        "inventory": "Bestandsaufnahme",
        "region_wide_offers": "Zusätzlich ${region_wide}e Angebote dieser Kategorie: {amount} (keinem "
        "einzelnen Gebiet zugeordnet).",
        "percent_in": "{label} in %",
        # Sozialraumanalyse
        "social.privacy": "{symbol} = nicht veröffentlicht (weniger als {count} Fälle oder Bezugsgröße unter "
        "{base}; Datenschutz)",
        "social.formula": "{value} je {per} {base}",
        "social.burden_high": "höherer Wert = höhere Belastung",
        "social.burden_low": "niedrigerer Wert = höhere Belastung",
        "social.context": "Kontextindikator",
        "social.indexed": "Indexindikator",
        "social.class_upto": "bis {high}",
        "social.class_above": "über {low}",
        "social.class_between": "über {low} bis {high}",
        "social.method_zscore": "z-Standardisierung (Mittelwert und Standardabweichung der bewerteten "
        "Gebiete), gewichtete Summe, erneut standardisiert",
        "social.method_rank": "Rangplätze (gleiche Werte teilen sich den mittleren Rang), gewichtetes Mittel",
        "social.dynamic": "Veränderung der Indikatoren über {years} Jahre",
        "social.dynamic_1": "Veränderung der Indikatoren zum Vorjahr",
        "social.formula_zscore": "zᵢ = (xᵢ − x̄ᵢ) / sᵢ je Indikator i; S = Σ wᵢ·zᵢ; Index = (S − S̄) / s_S",
        "social.formula_rank": "rᵢ = (Rangᵢ − 1) / (n − 1) je Indikator i; Index = Σ wᵢ·rᵢ / Σ wᵢ",
        "social.by_thresholds": "festen Grenzen des Indexwerts",
        "social.by_quantiles": "den Quantilen der bewerteten Gebiete",
        "social.rank": "Rang",
        "social.code": "Nr.",
        "social.class": "Klasse",
        "social.not_rated_population": "nicht bewertet (zu wenige Einwohner)",
        "social.not_rated_missing": "nicht bewertet (Werte fehlen)",
        "social.not_rated": "nicht bewertet",
        "social.hidden": "nicht veröffentlicht",
        "social.no_value": "keine Angabe",
        "social.rated": "bewertete Gebiete",
        "social.highest": "höchste Werte",
        "social.ranking_title": "{index} {year}: {unit} nach Rang",
        "social.groups_title": "{status} und {dynamic} {year}: Anzahl der Gebiete",
        "social.map_title": "{name} {year} nach {unit}",
        "social.locator": "Lage im Stadtgebiet",
        "export.kind": "Art",
        "export.parent": "übergeordnet",
        "export.method": "Methode",
        "export.unit": "Bewertete Gebiete",
        "export.years": "Jahre",
        "export.weight": "Gewicht",
        "export.privacy": "Datenschutz",
        "social.comparison": "{index} im Vergleich aller bewerteten Gebiete",
        "social.locator_alt": "Lagekarte: {name} ({code}) hervorgehoben in der Karte aller Gebiete",
        "social.comparison_title": "{index} {year}: {name} im Vergleich",
        "social.comparison_alt": "Säulendiagramm: {index} aller bewerteten Gebiete der Größe nach; {name} "
        "(Rang {rank} von {of}) hervorgehoben",
        # numbers in sentences: up to twelve in words
        "numbers": "null eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf",
        "one_m": "ein",
        "one_f": "eine",
        "times_word": "{word}mal",
        "times_digits": "{n}-mal",
        "times_1": "einmal",
        "times_2": "zweimal",
    },
    "en": {
        "caption.tab": "Table",
        "caption.fig": "Figure",
        "ref.sec": "Chapter",
        "ref.mass": "Measure",
        "ref.elsewhere": "{place} in “{document}”",
        "ref.omitted": "“{title}” of the full document",
        "source": "Source",
        "own_calculation": "own calculation",
        "sample": "Sample data",
        "sample_marked": "(sample data)",
        "sample_columns": "(sample data: {columns})",
        "sample_mark": "*",
        "sample_legend": "* sample entry",
        "sample_items": "Sample content: {items}.",
        "with_tasks": "with their tasks",
        "measures": "measures",
        "tasks": "tasks",
        "task": "task",
        "networks": "Networks",
        "events": "Events",
        "offers_marked": "{items} (marked with *)",
        "offers_1": "one offer",
        "offers_n": "{n} offers",
        "capacities_1": "one capacity",
        "capacities_n": "{n} capacities",
        "and": "and",
        "indicator_values": "values of the indicators",
        "data_from": "data from",
        "total": "Total",
        "none": "–",
        "accessed": "accessed",
        "et_al": "et al.",
        "priority": "Priority {n}",
        "priority_1": "high",
        "priority_2": "medium",
        "priority_3": "low",
        "since": "from {start}",
        "per_year": "per year",
        "per_month": "per month",
        "once": "one-off",
        "including_tasks": "including tasks",
        "detail.target_group": "Target group",
        "detail.partners_text": "Partners",
        "detail.costs": "Costs",
        "detail.funding": "Funding",
        "detail.goals_text": "Goals",
        "detail.indicators_text": "Indicators",
        "measure_planning": "Measure planning",
        "timeline.start": "Start",
        "timeline.horizons": "items without a period by their horizon from {year}: short-term 0–2, "
        "medium-term 2–5, long-term 5–8 years",
        "timeline.shade_1": "dark",
        "timeline.shade_2": "light",
        "timeline.shade_3": "grey",
        "higher": "higher is better",
        "lower": "lower is better",
        "actual": "Actual value",
        "target_path": "Target path",
        "region": "county",
        "area_unit": "municipality",
        "area_units": "municipalities",
        "area": "Area",
        "region_wide": "county-wide",
        "region_total": "Total",
        "region_average": "Average",
        "inhabitants": "inhabitants",
        "per_inhabitants": "per {per} inhabitants",
        "supply": "Supply",
        "supply_per": "Supply per {per} inhabitants",
        "reference_value": "Benchmark",
        "deviation": "Dev.",
        "verdict": "Assessment",
        "need": "Need",
        "under_supplied": "under-supplied",
        "above_average": "above average",
        "within_range": "within range",
        "inventory": "inventory",
        "region_wide_offers": "In addition, ${region_wide} offers of this category: {amount} "
        "(not assigned to one area).",
        "percent_in": "{label} in %",
        "social.privacy": "{symbol} = not published (fewer than {count} cases or a base below {base}; "
        "data protection)",
        "social.formula": "{value} per {per} {base}",
        "social.burden_high": "higher value = more burden",
        "social.burden_low": "lower value = more burden",
        "social.context": "context indicator",
        "social.indexed": "index indicator",
        "social.class_upto": "up to {high}",
        "social.class_above": "above {low}",
        "social.class_between": "above {low} up to {high}",
        "social.method_zscore": "z-scores (mean and standard deviation of the rated areas), weighted sum, "
        "standardised again",
        "social.method_rank": "ranks (equal values share the mean rank), weighted mean",
        "social.dynamic": "change of the indicators over {years} years",
        "social.dynamic_1": "change of the indicators since the year before",
        "social.formula_zscore": "zᵢ = (xᵢ − x̄ᵢ) / sᵢ per indicator i; S = Σ wᵢ·zᵢ; index = (S − S̄) / s_S",
        "social.formula_rank": "rᵢ = (rankᵢ − 1) / (n − 1) per indicator i; index = Σ wᵢ·rᵢ / Σ wᵢ",
        "social.by_thresholds": "fixed limits of the index value",
        "social.by_quantiles": "quantiles of the rated areas",
        "social.rank": "Rank",
        "social.code": "No.",
        "social.class": "Class",
        "social.not_rated_population": "not rated (too few inhabitants)",
        "social.not_rated_missing": "not rated (values missing)",
        "social.not_rated": "not rated",
        "social.hidden": "not published",
        "social.no_value": "no value",
        "social.rated": "rated areas",
        "social.highest": "highest values",
        "social.ranking_title": "{index} {year}: {unit} by rank",
        "social.groups_title": "{status} and {dynamic} {year}: number of areas",
        "social.map_title": "{name} {year} by {unit}",
        "social.locator": "Location in the city",
        "export.kind": "Kind",
        "export.parent": "Parent",
        "export.method": "Method",
        "export.unit": "Rated areas",
        "export.years": "Years",
        "export.weight": "weight",
        "export.privacy": "Data protection",
        "social.comparison": "{index} compared with all rated areas",
        "social.locator_alt": "Locator map: {name} ({code}) highlighted among all areas",
        "social.comparison_title": "{index} {year}: {name} compared",
        "social.comparison_alt": "Column chart: {index} of all rated areas by size; {name} (rank {rank} of "
        "{of}) highlighted",
        "numbers": "zero one two three four five six seven eight nine ten eleven twelve",
        "one_m": "one",
        "one_f": "one",
        "times_word": "{word} times",
        "times_digits": "{n} times",
        "times_1": "once",
        "times_2": "twice",
    },
}


for _code, _words in (*SURVEY_TERMS.items(), *TYPE_TERMS.items()):
    TERMS[_code].update(_words)


def placeholders(text: str) -> set[str]:
    """The ``str.format`` names a term uses (``{n}``, ``{start}``)."""
    import string

    try:
        return {name for _text, name, _spec, _conv in string.Formatter().parse(text) if name}
    except ValueError:
        return {"{"}  # unbalanced braces: never a valid term


class Terms(Mapping[str, str]):
    """The terms of one language, with a project's own words on top."""

    def __init__(self, code: str, overrides: Mapping[str, str] | None = None):
        self.code = code if code in TERMS else "de"
        terms = {**TERMS[self.code], **(overrides or {})}
        # a term may name another as ${name}: „${region} gesamt“ follows the project's „Stadt“
        self._terms = {
            key: _REFERENCE.sub(lambda m: terms.get(m.group(1), m.group(0)), value)
            for key, value in terms.items()
        }

    def __getitem__(self, key: str) -> str:
        return self._terms[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._terms)

    def __len__(self) -> int:
        return len(self._terms)

    def thousands(self, number: int) -> str:
        """A whole number with the language's thousands separator (10.000 · 10,000), without Babel."""
        grouped = f"{number:,}"
        return grouped.replace(",", ".") if self.code == "de" else grouped

    def __call__(self, key: str, **values: object) -> str:
        """The term ``key`` with its placeholders filled: ``terms("priority", n=1)``."""
        return self._terms[key].format(**values)
