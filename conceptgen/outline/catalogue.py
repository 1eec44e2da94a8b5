"""The block catalogue: every block an outline can place, with its parameters, the labels it defines (for
references, known in ``check``) and when it is empty (then its chapter may fall away).

Blocks with a snippet take their look from the template (``[[block:name]]`` in template.docx, editable in
Word); the others (data tables, charts, analyses, maps) are built by code in the template's styles.

Longer than 400 lines: the catalogue is one table, one entry per block, and reads best in one place.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import Field

from conceptgen.model import Concept
from conceptgen.model.base import Id, StrictModel, Text
from conceptgen.outline.block_spec import BlockSpec, Entry
from conceptgen.outline.block_spec import tab as _tab
from conceptgen.outline.catalogue_types import TYPE_BLOCKS


class Selection(StrictModel):
    """Which entries to show (all when left out)."""

    only: list[Id] | None = Field(None, description="nur diese IDs zeigen")


class MeasureSelection(StrictModel):
    measures: list[Id] | None = Field(None, description="nur diese Schlüsselmaßnahmen (IDs); sonst alle")
    fields: list[Id] | None = Field(
        None, description="nur die Maßnahmen dieser Handlungsfelder (IDs): ein Kapitel je Handlungsfeld"
    )


class CostSelection(MeasureSelection):
    financed: bool = Field(
        True,
        description="false: nur Maßnahmen, die nicht im Kosten- und Finanzierungsplan (finanzierung.yaml) "
        "stehen — neben dem Block financing_plan",
    )


def costed(concept: Concept, params: StrictModel) -> list:
    """The measures the block costs lists: without those of the financing plan if ``financed: false``."""
    planned = {p.measure for p in concept.financing.projects} if concept.financing else set()
    chosen = _measures(concept, params)
    if not getattr(params, "financed", True):
        chosen = [m for m in chosen if m.id not in planned]
    return chosen


class MeasureSheets(MeasureSelection):
    new_page: bool = Field(True, description="jeder Steckbrief ab dem zweiten auf einer neuen Seite")


class AreaSelection(StrictModel):
    areas: list[Id] | None = Field(None, description="nur diese Gebiete (IDs); sonst alle")


class GoalSelection(StrictModel):
    goals: list[Id] | None = Field(None, description="nur diese Leitziele (IDs); sonst alle")
    fields: list[Id] | None = Field(
        None, description="nur die Leitziele dieser Handlungsfelder (IDs): ein Kapitel je Handlungsfeld"
    )


class IndicatorSelection(StrictModel):
    indicators: list[Id] | None = Field(None, description="nur diese Kennzahlen (IDs); sonst alle")


class FindingSelection(StrictModel):
    findings: list[Id] | None = Field(None, description="nur diese Befunde (IDs); sonst alle")


class DataSelection(StrictModel):
    only: list[Id] | None = Field(None, description="nur diese IDs, in dieser Reihenfolge; sonst alle")
    skip: list[Id] = Field(default_factory=list, description="diese IDs auslassen (sie stehen anderswo)")


class AreaChoice(StrictModel):
    area: Id | None = Field(None, description="das Gebiet (ID); sonst das des Dokuments oder Abschnitts")


class IndexChoice(StrictModel):
    index: Id | None = Field(None, description="ID des Index; sonst der erste")
    year: int | None = Field(None, description="Jahr; sonst das Berichtsjahr")


class GroupChoice(StrictModel):
    status: Id | None = Field(None, description="Statusindex (ID); sonst der erste ohne dynamic")
    dynamic: Id | None = Field(None, description="Dynamikindex (ID); sonst der erste mit dynamic")


class MapChoice(StrictModel):
    of: Id = Field(description="ID eines Indikators oder Index (sozialraum.yaml)")
    year: int | None = Field(None, description="Jahr; sonst das Berichtsjahr")


class MapSelection(StrictModel):
    only: list[Id] | None = Field(
        None, description="nur diese Indikatoren und Indizes, in dieser Reihenfolge"
    )
    skip: list[Id] = Field(default_factory=list, description="diese auslassen")


class SurveySelection(StrictModel):
    topics: list[Id] | None = Field(None, description="nur diese Themen (IDs aus befragung.yaml); sonst alle")
    questions: list[Text] | None = Field(None, description="nur diese Fragen (Codes); sonst alle")


class SurveyResults(SurveySelection):
    charts: bool = Field(True, description="je Frage ihr Diagramm")
    tables: bool = Field(
        False, description="je Frage auch ihre Häufigkeitstabelle (sonst nur, wo es kein Diagramm gibt)"
    )


class SurveyQuestion(StrictModel):
    question: Text = Field(description="Code der Frage, z. B. Q05")
    charts: bool = Field(True, description="ihr Diagramm")
    tables: bool = Field(True, description="ihre Häufigkeitstabelle")


class SurveyCharts(StrictModel):
    charts: bool = Field(True, description="zu jeder Kreuztabelle ein gruppiertes Säulendiagramm")


class SurveyQuestions(StrictModel):
    questions: list[Text] | None = Field(None, description="nur diese Fragen (Codes); sonst alle")


class ItemId(StrictModel):
    id: Id = Field(description="ID des Eintrags (data.yaml bzw. charts.yaml)")


def _measures(concept: Concept, params: StrictModel) -> list:
    wanted = getattr(params, "measures", None)
    fields = getattr(params, "fields", None)
    return [
        m
        for m in concept.measures
        if (wanted is None or m.id in wanted) and (fields is None or m.field_of_action in fields)
    ]


def _areas_with_offers(concept: Concept, params: StrictModel) -> list:
    wanted = getattr(params, "areas", None)
    with_offers = {o.area for o in concept.offers}
    return [a for a in concept.areas if a.id in with_offers and (wanted is None or a.id in wanted)]


def _goals(concept: Concept, params: StrictModel) -> list:
    wanted = getattr(params, "goals", None)
    fields = getattr(params, "fields", None)
    return [
        g
        for g in concept.goals
        if (wanted is None or g.id in wanted) and (fields is None or g.field_of_action in fields)
    ]


def _findings(concept: Concept, params: StrictModel) -> list:
    wanted = getattr(params, "findings", None)
    return [f for f in concept.findings if wanted is None or f.id in wanted]


def _indicators(concept: Concept, params: StrictModel) -> list:
    wanted = getattr(params, "indicators", None)
    return [k for k in concept.indicators if wanted is None or k.id in wanted]


def _data(items: list, params: StrictModel) -> list:
    """Tables or analyses of data.yaml the block shows: ``only`` in its order, else all but ``skip``."""
    by_id = {item.id: item for item in items}
    wanted = getattr(params, "only", None)
    chosen = [by_id[i] for i in wanted if i in by_id] if wanted is not None else list(items)
    return [item for item in chosen if item.id not in getattr(params, "skip", [])]


def priority_label(params: StrictModel) -> str:
    """The label of a measure overview: ``prioritaet``, or ``prioritaet-HF1`` for one field of action."""
    fields = getattr(params, "fields", None)
    return "prioritaet" + "".join(f"-{f}" for f in fields or [])


def _field_references(params: StrictModel) -> list[tuple[str, str]]:
    return [("field", f) for f in getattr(params, "fields", None) or []]


def _data_references(params: StrictModel, kind: str) -> list[tuple[str, str]]:
    return [(kind, ident) for ident in (*(getattr(params, "only", None) or []), *getattr(params, "skip", []))]


def _social(concept: Concept) -> bool:
    return concept.social_space is not None


def _index_id(concept: Concept, params: StrictModel, dynamic: bool | None = None) -> str | None:
    """The index a block shows: its parameter, else the first (the first with or without dynamic)."""
    chosen = getattr(params, "index", None)
    if chosen or concept.social_space is None:
        return chosen
    for index in concept.social_space.indices:
        if dynamic is None or bool(index.dynamic) == dynamic:
            return index.id
    return None


def mappable(social: Any, ident: str, year: int | None) -> bool:
    """Whether a map of ``ident`` can be drawn: geometry, and values (or the index) in that year."""
    if social is None or not social.geometry:
        return False
    year = year or social.year
    if ident in social.indices:
        return year in social.indices[ident]
    values = social.values.get(ident, {}).get(year, {})
    return any(v.value is not None and not v.hidden for a, v in values.items() if a in social.units)


def map_label(params: StrictModel) -> str:
    year = getattr(params, "year", None)
    return f"fig:karte-{params.of}" + (f"-{year}" if year else "")


def map_ids(concept: Concept, params: StrictModel) -> list[str]:
    """The maps of the block maps: every index, then every indicator (or ``only``), without ``skip``."""
    if concept.social_space is None:
        return []
    every = [i.id for i in concept.social_space.indices] + [i.id for i in concept.social_space.indicators]
    chosen = getattr(params, "only", None) or every
    return [i for i in chosen if i not in getattr(params, "skip", [])]


def _survey(concept: Concept) -> bool:
    return concept.questionnaire is not None


def _survey_entries(kind: str) -> Callable[[Concept, Any, StrictModel], list[Entry]]:
    """The labels a survey block defines, from the evaluation (outline/survey_labels.py)."""

    def entries(concept: Concept, data: Any, params: StrictModel) -> list[Entry]:
        from conceptgen.outline import survey_labels

        result = getattr(data, "survey", None)
        if result is None:
            return []
        return getattr(survey_labels, f"{kind}_entries")(result, params)

    return entries


def _survey_references(params: StrictModel) -> list[tuple[str, str]]:
    found = [("topic", t) for t in getattr(params, "topics", None) or []]
    found += [("question", q) for q in getattr(params, "questions", None) or []]
    if getattr(params, "question", None):
        found.append(("question", params.question))
    return found


REFERENCE_HINTS = {
    "field": "see goals.yaml (fields_of_action)",
    "index": "see sozialraum.yaml",
    "mapped": "see sozialraum.yaml",
    "question": "see befragung.yaml",
    "topic": "see befragung.yaml (topics)",
}


def known_ids(concept: Concept, data: Any, kind: str) -> list[str]:
    """The IDs a block parameter of ``kind`` may name (a table, an index, a survey question …)."""
    social = concept.social_space
    if kind == "table":
        return [t.id for t in concept.tables]
    if kind == "field":
        return [f.id for f in concept.fields_of_action]
    if kind == "analysis":
        return [a.id for a in concept.analyses]
    if kind == "index":
        return [i.id for i in social.indices] if social else []
    if kind == "mapped":
        return [i.id for i in (*social.indices, *social.indicators)] if social else []
    spec = concept.questionnaire
    if kind == "topic":
        return [t.id for t in spec.topics] if spec else []
    if kind == "question":
        survey = getattr(data, "survey", None)
        if survey is not None:  # with the questions of the structure export
            return [q.code for q in survey.questions]
        return [q.code for q in spec.questions] if spec else []
    return [c.id for c in concept.charts]


def _sheets(concept: Concept, params: StrictModel) -> list[Entry]:
    entries: list[Entry] = []
    for m in _measures(concept, params):
        entries += [("heading", f"mass:{m.id}"), ("label", f"tab:steckbrief-{m.id}")]
        if m.tasks:
            entries.append(("label", f"tab:aufgaben-{m.id}"))
        entries += [("label", f"mass:{t.id}") for t in m.tasks]
    return entries


def _wg(concept: Concept) -> bool:
    return concept.working_group is not None and bool(concept.working_group.members)


BLOCKS: dict[str, BlockSpec] = {
    spec.name: spec
    for spec in (
        BlockSpec(
            "working_group",
            "Arbeitsgruppe: Beschreibung, Mitglieder, Sitzungen mit Themen und Ergebnissen",
            entries=lambda c, p: (
                _tab("tab:mitglieder", *(["tab:sitzungen"] if c.working_group.meetings else []))
                if _wg(c)
                else []
            ),
            empty=lambda c, p: not _wg(c),
        ),
        BlockSpec(
            "interviews",
            "Interviews: Anzahl, Zeitraum, befragte Gruppen, Beschreibung",
            empty=lambda c, p: not (c.interviews and c.interviews.count),
        ),
        BlockSpec(
            "surveys",
            "Befragungen: Zielgruppe, Zeitraum, Rücklauf, Beschreibung",
            entries=lambda c, p: [("heading", None) for _ in c.surveys],
            empty=lambda c, p: not c.surveys,
        ),
        BlockSpec(
            "network",
            "Netzwerke und Partner: Gremien und Kooperationen mit Koordination, Mitgliedern und Rhythmus",
            entries=lambda c, p: _tab("tab:netzwerke") if c.networks else [],
            empty=lambda c, p: not c.networks,
        ),
        BlockSpec(
            "events",
            "Veranstaltungen: Fachtagungen, Werkstätten, Feste mit Datum, Ort, Teilnehmenden, Ergebnissen",
            entries=lambda c, p: _tab("tab:veranstaltungen") if c.events else [],
            empty=lambda c, p: not c.events,
        ),
        BlockSpec(
            "areas",
            "Gebiete: Art, Einwohnerzahl mit Stand, Hinweise",
            AreaSelection,
            entries=lambda c, p: _tab("tab:gebiete"),
            empty=lambda c, p: not c.areas,
        ),
        BlockSpec(
            "offer_categories",
            "Angebotskategorien mit Anzahl der Angebote und Beschreibung",
            entries=lambda c, p: _tab("tab:kategorien"),
            empty=lambda c, p: not c.categories,
        ),
        BlockSpec(
            "offers_by_area",
            "Angebote je Gebiet: Tabelle mit Kategorie, Träger, Kapazität, Rechtsgrundlage, dazu die "
            "Beschreibungen, Zielgruppen und Finanzierung",
            AreaSelection,
            entries=lambda c, p: [
                entry
                for a in _areas_with_offers(c, p)
                for entry in (("heading", f"sec:kommune-{a.id}"), ("label", f"tab:angebote-{a.id}"))
            ],
            empty=lambda c, p: not _areas_with_offers(c, p),
        ),
        BlockSpec(
            "offer_list",
            "alle Angebote in einer Tabelle: Gebiet, Angebot, Kategorie, Träger, Kapazität",
            entries=lambda c, p: _tab("tab:angebote"),
            empty=lambda c, p: not c.offers,
        ),
        BlockSpec(
            "findings",
            "Befunde mit Text, Grundlagen (Angebote, Kennzahlen) und Quellen",
            FindingSelection,
            entries=lambda c, p: [("heading", f"sec:befund-{f.id}") for f in _findings(c, p)],
            empty=lambda c, p: not _findings(c, p),
        ),
        BlockSpec(
            "needs",
            "Handlungsbedarfe mit Beschreibung, Befunden und Angeboten",
            entries=lambda c, p: _tab("tab:handlungsbedarfe"),
            empty=lambda c, p: not c.needs,
        ),
        BlockSpec(
            "goal_system",
            "Zielsystem: je Leitziel Handlungsfeld, Beschreibung und die Handlungsziele mit ihren Maßnahmen",
            GoalSelection,
            entries=lambda c, p: [
                entry
                for g in _goals(c, p)
                for entry in (("heading", f"sec:ziel-{g.id}"), ("label", f"tab:ziel-{g.id}"))
            ],
            empty=lambda c, p: not _goals(c, p),
            references=_field_references,
        ),
        BlockSpec(
            "indicator_table",
            "Kennzahlen mit Einheit, Ausgangs- und Zielwert, Quelle",
            IndicatorSelection,
            entries=lambda c, p: _tab("tab:kennzahlen"),
            empty=lambda c, p: not _indicators(c, p),
        ),
        BlockSpec(
            "indicator_definitions",
            "Definition, Erhebungsrhythmus und Bewertungsrichtung der Kennzahlen",
            IndicatorSelection,
            entries=lambda c, p: _tab("tab:kennzahlen-definition"),
            empty=lambda c, p: not _indicators(c, p),
        ),
        BlockSpec(
            "measure_overview",
            "Maßnahmen und Aufgaben nach Priorität mit Wirkungsebene, Federführung, Zeitraum",
            MeasureSelection,
            entries=lambda c, p: _tab(f"tab:{priority_label(p)}"),
            empty=lambda c, p: not _measures(c, p),
            references=_field_references,
        ),
        BlockSpec(
            "measure_sheets",
            "Maßnahmensteckbriefe: je Schlüsselmaßnahme alle Merkmale, ihre Aufgaben und deren "
            "Beschreibungen",
            MeasureSheets,
            entries=_sheets,
            empty=lambda c, p: not _measures(c, p),
            references=_field_references,
        ),
        BlockSpec(
            "schedule",
            "Zeitplan und Verantwortlichkeiten: Maßnahmen und Aufgaben mit Zeitraum, Federführung, Stand",
            MeasureSelection,
            entries=lambda c, p: _tab("tab:zeitplan"),
            empty=lambda c, p: not _measures(c, p),
            references=_field_references,
        ),
        BlockSpec(
            "costs",
            "Kosten und Finanzierung der Maßnahmen und Aufgaben, mit Summen je Zahlungsweise",
            CostSelection,
            entries=lambda c, p: _tab("tab:kosten"),
            empty=lambda c, p: not any(i.costs for m in costed(c, p) for i in (m, *m.tasks)),
            references=_field_references,
        ),
        BlockSpec(
            "monitoring",
            "Monitoring: Kennzahlen mit Rhythmus, Quelle und Istwerten",
            IndicatorSelection,
            entries=lambda c, p: _tab("tab:monitoring"),
            empty=lambda c, p: not _indicators(c, p),
        ),
        BlockSpec("bibliography", "Quellenverzeichnis", empty=lambda c, p: not c.sources),
        BlockSpec(
            "abbreviations",
            "Abkürzungsverzeichnis",
            entries=lambda c, p: _tab("tab:abkuerzungen"),
            empty=lambda c, p: not c.abbreviations,
        ),
        BlockSpec(
            "tables",
            "die Datentabellen aus data.yaml (tables), jede unter einer Überschrift mit ihrem Titel",
            DataSelection,
            entries=lambda c, p: [
                e for t in _data(c.tables, p) for e in (("heading", None), ("label", f"tab:{t.id}"))
            ],
            empty=lambda c, p: not _data(c.tables, p),
            references=lambda p: _data_references(p, "table"),
        ),
        BlockSpec(
            "analyses",
            "die Angebots- und Bedarfsanalysen aus data.yaml (analyses), jede unter einer Überschrift",
            DataSelection,
            entries=lambda c, p: [
                e for a in _data(c.analyses, p) for e in (("heading", None), ("label", f"tab:{a.id}"))
            ],
            empty=lambda c, p: not _data(c.analyses, p),
            references=lambda p: _data_references(p, "analysis"),
        ),
        BlockSpec(
            "index_method",
            "Methode der Sozialraumanalyse: Indikatoren mit Definition und Gewicht, Berechnung des Index, "
            "Klassengrenzen, Datenschutz — aus der Erklärung in sozialraum.yaml",
            entries=lambda c, p: (
                _tab("tab:indikatoren", *(f"tab:klassen-{i.id}" for i in c.social_space.indices))
                if _social(c)
                else []
            ),
            empty=lambda c, p: not _social(c),
        ),
        BlockSpec(
            "index_ranking",
            "Rangfolge der Gebiete in einem Index mit Klasse und Indikatorwerten",
            IndexChoice,
            snippet=False,
            entries=lambda c, p: _tab(f"tab:rang-{_index_id(c, p)}"),
            empty=lambda c, p: not _social(c) or _index_id(c, p) is None,
            references=lambda p: [("index", p.index)] if p.index else [],
        ),
        BlockSpec(
            "index_groups",
            "Gebiete nach Status- und Dynamikklasse (Anzahl je Gruppe)",
            GroupChoice,
            snippet=False,
            entries=lambda c, p: _tab(
                f"tab:gruppen-{p.status or _index_id(c, p, False)}-{p.dynamic or _index_id(c, p, True)}"
            ),
            empty=lambda c, p: (
                not _social(c)
                or (p.status or _index_id(c, p, False)) is None
                or (p.dynamic or _index_id(c, p, True)) is None
            ),
            references=lambda p: [("index", i) for i in (p.status, p.dynamic) if i],
        ),
        BlockSpec(
            "map",
            "Karte eines Indikators (Quoten in fünf Klassen) oder eines Index (seine Klassen)",
            MapChoice,
            snippet=False,
            entries=lambda c, p: [("label", map_label(p))],
            data_entries=lambda c, d, p: (
                [("label", map_label(p))] if mappable(d.social, p.of, p.year) else []
            ),
            empty=lambda c, p: not _social(c) or not c.social_space.geometry,
            references=lambda p: [("mapped", p.of)],
        ),
        BlockSpec(
            "maps",
            "Karten aller Indizes und Indikatoren",
            MapSelection,
            snippet=False,
            entries=lambda c, p: [("label", f"fig:karte-{i}") for i in map_ids(c, p)],
            data_entries=lambda c, d, p: [
                ("label", f"fig:karte-{i}") for i in map_ids(c, p) if mappable(d.social, i, None)
            ],
            empty=lambda c, p: not _social(c) or not c.social_space.geometry or not map_ids(c, p),
            references=lambda p: [("mapped", i) for i in (*(p.only or []), *p.skip)],
        ),
        BlockSpec(
            "area_profile",
            "Steckbrief eines Gebiets: Kennzahlen gegenüber übergeordnetem Gebiet und Stadt, Klasse, Rang, "
            "Veränderung, Lagekarte, Vergleichsdiagramm, Angebote",
            AreaChoice,
            empty=lambda c, p: not _social(c) or p.area is None,
        ),
        BlockSpec(
            "survey_method",
            "Methode einer Befragung: Zeitraum, Wege, verteilte, eingegangene und ausgewertete Fragebögen, "
            "Rücklaufquote, Rücklauf je Weg",
            entries=lambda c, p: _tab("tab:ruecklauf"),
            empty=lambda c, p: not _survey(c),
        ),
        BlockSpec(
            "survey_results",
            "Ergebnisse einer Befragung je Thema: Überschrift und Einleitung des Themas, je Frage ihr "
            "Diagramm (Balken, gestapelte Balken für Skalen) und, wo gewünscht, ihre Tabelle mit Basis",
            SurveyResults,
            snippet=False,
            data_entries=_survey_entries("results"),
            empty=lambda c, p: not _survey(c),
            references=_survey_references,
        ),
        BlockSpec(
            "survey_question",
            "eine Frage einer Befragung: Diagramm und Häufigkeitstabelle (auch in anderen Konzepten)",
            SurveyQuestion,
            snippet=False,
            data_entries=_survey_entries("question_block"),
            empty=lambda c, p: not _survey(c),
            references=_survey_references,
        ),
        BlockSpec(
            "survey_tables",
            "Häufigkeitstabellen aller Fragen einer Befragung mit Basis (für den Anhang)",
            SurveySelection,
            snippet=False,
            data_entries=_survey_entries("tables"),
            empty=lambda c, p: not _survey(c),
            references=_survey_references,
        ),
        BlockSpec(
            "survey_crosstabs",
            "Kreuztabellen einer Befragung mit Anteilen je Gruppe, kleine Zellen verborgen, und Diagrammen",
            SurveyCharts,
            snippet=False,
            data_entries=_survey_entries("crosstab"),
            empty=lambda c, p: not _survey(c) or not c.questionnaire.crosstabs,
        ),
        BlockSpec(
            "survey_open_answers",
            "offene Antworten und Angaben unter „Sonstiges“ je Frage, ohne E-Mail-Adressen, Telefonnummern "
            "und Namen, gleiche Antworten gezählt (für den Anhang)",
            SurveyQuestions,
            snippet=False,
            data_entries=_survey_entries("open"),
            empty=lambda c, p: not _survey(c),
            references=_survey_references,
        ),
        BlockSpec(
            "table",
            "eine Datentabelle aus data.yaml (tables) mit Überschrift und Quellenzeile",
            ItemId,
            snippet=False,
            entries=lambda c, p: _tab(f"tab:{p.id}"),
            references=lambda p: [("table", p.id)],
        ),
        BlockSpec(
            "analysis",
            "eine Angebots- und Bedarfsanalyse aus data.yaml (analyses)",
            ItemId,
            snippet=False,
            entries=lambda c, p: _tab(f"tab:{p.id}"),
            references=lambda p: [("analysis", p.id)],
        ),
        BlockSpec(
            "chart",
            "ein Diagramm aus charts.yaml mit Abbildungsunterschrift und Quellenzeile",
            ItemId,
            snippet=False,
            entries=lambda c, p: [("label", f"fig:{p.id}")],
            references=lambda p: [("chart", p.id)],
        ),
    )
}
BLOCKS.update(TYPE_BLOCKS)
