"""The content files: inventory, needs, goals, indicators, measures, participation, sources."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field, model_validator

from conceptgen.model.base import Amount, Count, Date, Id, Number, StrictModel, Text, Year, YearMonth
from conceptgen.model.data import IndicatorData

# --- inventory.yaml (Bestandsaufnahme) -----------------------------------------------------------


class Area(StrictModel):
    """A municipality, district or the whole county."""

    id: Id
    name: Text
    kind: str | None = Field(None, description="Art, z. B. Stadt, Gemeinde, Kreis, Statistischer Bezirk")
    code: str | None = Field(
        None, description="amtlicher Gebietscode (Daten und Geometrie werden über ihn verknüpft), z. B. 010"
    )
    parent: Id | None = Field(None, description="übergeordnetes Gebiet (ID), z. B. der Stadtbezirk")
    population: Count | None = Field(None, description="Einwohnerzahl")
    population_year: Year | None = None
    population_women: Count | None = Field(None, description="Einwohnerinnen (für Richtwerte je Frauen)")
    note: str | None = None


class Category(StrictModel):
    """A kind of offer (Fachberatung, Unterbringung, Prävention …)."""

    id: Id
    name: Text
    description: str | None = None


class Capacity(StrictModel):
    value: Amount
    unit: Text = Field(description="Einheit, z. B. Plätze, Stellen (VZÄ), Beratungsfälle/Jahr")
    sample: bool = Field(False, description="true: die Kapazität ist eine Beispielangabe")


class Offer(StrictModel):
    """An existing offer or service (Angebot)."""

    id: Id
    name: Text
    category: Id = Field(description="ID einer Kategorie aus categories")
    provider: Text = Field(description="Träger")
    area: Id = Field(description="ID des Gebiets (Kommune oder Kreis)")
    capacity: Capacity | None = None
    target_group: str | None = Field(None, description="Zielgruppe")
    legal_basis: str | None = Field(None, description="Rechtsgrundlage, z. B. § 67 SGB XII")
    funding: str | None = Field(None, description="Finanzierung")
    description: str | None = None
    sample: bool = Field(False, description="true: Beispielinhalt (im Dokument mit * gekennzeichnet)")


# --- needs.yaml (Bedarfsanalyse) ----------------------------------------------------------------


class Finding(StrictModel):
    """A finding (Befund) of the analysis."""

    id: Id
    title: Text
    text: str | None = None
    offers: list[Id] = Field(default_factory=list, description="Angebote, auf denen der Befund beruht")
    indicators: list[Id] = Field(default_factory=list, description="Kennzahlen, auf denen er beruht")
    sources: list[Id] = Field(default_factory=list, description="Quellen")


class Need(StrictModel):
    """A need for action (Handlungsbedarf)."""

    id: Id
    title: Text
    text: str | None = None
    findings: list[Id] = Field(default_factory=list, description="Befunde, aus denen er folgt")
    offers: list[Id] = Field(default_factory=list)


# --- goals.yaml (Zielsystem) --------------------------------------------------------------------


class FieldOfAction(StrictModel):
    """A field of action (Handlungsfeld)."""

    id: Id
    name: Text
    description: str | None = None


class SubGoal(StrictModel):
    """A Handlungsziel below a Leitziel (ID like Z1.2)."""

    id: Id
    title: Text
    description: str | None = None
    needs: list[Id] = Field(default_factory=list, description="Handlungsbedarfe, auf die es antwortet")
    articles: list[int] = Field(
        default_factory=list, description="Artikel der Konvention (konvention.yaml), z. B. [24]"
    )


class Goal(StrictModel):
    """A Leitziel (ID like Z1) with its Handlungsziele."""

    id: Id
    title: Text
    description: str | None = None
    field_of_action: Id | None = Field(None, description="ID des Handlungsfelds")
    goals: list[SubGoal] = Field(default_factory=list, description="Handlungsziele")
    articles: list[int] = Field(
        default_factory=list, description="Artikel der Konvention (konvention.yaml), z. B. [24]"
    )


# --- indicators.yaml (Kennzahlen) ---------------------------------------------------------------


class Direction(StrEnum):
    HIGHER = "higher"
    LOWER = "lower"


class Frequency(StrEnum):
    MONATLICH = "monatlich"
    QUARTALSWEISE = "quartalsweise"
    HALBJAEHRLICH = "halbjährlich"
    JAEHRLICH = "jährlich"
    ZWEIJAEHRLICH = "zweijährlich"
    EINMALIG = "einmalig"


class YearValue(StrictModel):
    value: Number
    year: Year


class Baseline(StrictModel):
    """Baseline of an indicator; the value may come from the indicator's data."""

    value: Number | None = Field(None, description="Wert; leer, wenn er aus data kommt")
    year: Year


class Indicator(StrictModel):
    """A Kennzahl with baseline, target and actual values."""

    id: Id
    name: Text
    definition: str | None = Field(None, description="Definition oder Formel")
    unit: Text = Field(description="Einheit, z. B. Personen, je 10.000 EW, %")
    source: str | None = Field(None, description="Datenquelle")
    frequency: Frequency | None = Field(None, description="Erhebungsrhythmus")
    key_date: str | None = Field(None, description="Stichtag, z. B. 31. Januar")
    direction: Direction = Field(description="higher: höher ist besser; lower: niedriger ist besser")
    baseline: Baseline | None = Field(None, description="Ausgangswert {value, year}")
    target: YearValue | None = Field(None, description="Zielwert {value, year}")
    actuals: dict[Year, Number] = Field(default_factory=dict, description="Istwerte je Jahr")
    goals: list[Id] = Field(default_factory=list, description="Ziele, die die Kennzahl misst")
    data: IndicatorData | None = Field(
        None, description="Werte aus Daten: {view, column, year_column, filter}"
    )
    sample: bool = Field(False, description="true: alle Werte der Kennzahl sind Beispieldaten")
    sample_years: list[Year] = Field(
        default_factory=list, description="Jahre, deren Werte Beispieldaten sind (z. B. [2024])"
    )


# --- measures.yaml (Maßnahmen) ------------------------------------------------------------------


class Horizon(StrEnum):
    KURZFRISTIG = "kurzfristig"
    MITTELFRISTIG = "mittelfristig"
    LANGFRISTIG = "langfristig"
    DAUERHAFT = "dauerhaft"


class Status(StrEnum):
    GEPLANT = "geplant"
    IN_VORBEREITUNG = "in Vorbereitung"
    IN_UMSETZUNG = "in Umsetzung"
    UMGESETZT = "umgesetzt"
    ZURUECKGESTELLT = "zurückgestellt"


class Interval(StrEnum):
    EINMALIG = "einmalig"
    JAEHRLICH = "jährlich"
    MONATLICH = "monatlich"


class Period(StrictModel):
    start: YearMonth = Field(description="Beginn: 2025 oder 2025-07")
    end: YearMonth | None = Field(None, description="Ende: 2026 oder 2026-12; leer = offen")


class Costs(StrictModel):
    amount: Amount = Field(description="Betrag in Euro")
    interval: Interval = Field(Interval.EINMALIG, description="einmalig, jährlich oder monatlich")
    funding: str | None = Field(None, description="Finanzierung / Förderprogramm")
    note: str | None = None
    includes_tasks: bool = Field(
        False,
        description="true: der Betrag einer Maßnahme enthält schon die Kosten ihrer Aufgaben (in Summen "
        "nicht doppelt gezählt)",
    )


class MeasureFields(StrictModel):
    """Fields shared by key measures and their tasks."""

    id: Id
    title: Text
    description: str | None = None
    priority: int = Field(ge=1, le=3, description="Priorität 1 (hoch) bis 3")
    level: Text | None = Field(
        None, description="Wirkungsebene, aus vocabulary.levels (sonst die der Konzeptart, z. B. kommunal)"
    )
    lead: str | None = Field(None, description="Federführung")
    partners: list[Text] = Field(default_factory=list, description="Beteiligte")
    target_group: str | None = Field(None, description="Zielgruppe")
    period: Period | None = Field(None, description="Zeitraum")
    horizon: Horizon | None = Field(None, description="Zeithorizont")
    status: Status = Field(Status.GEPLANT, description="Umsetzungsstand")
    costs: Costs | None = None
    goals: list[Id] = Field(default_factory=list, description="Ziele, denen die Maßnahme dient")
    indicators: list[Id] = Field(default_factory=list, description="Kennzahlen zur Wirkungsmessung")
    articles: list[int] = Field(
        default_factory=list, description="Artikel der Konvention (konvention.yaml), z. B. [24]"
    )
    sample: bool = Field(False, description="true: Beispielinhalt (im Dokument mit * gekennzeichnet)")


class Task(MeasureFields):
    """An Aufgabe (task) of a key measure, ID like 1.2."""


class Measure(MeasureFields):
    """A Schlüsselmaßnahme (key measure) with its tasks."""

    field_of_action: Id | None = Field(None, description="ID des Handlungsfelds")
    tasks: list[Task] = Field(default_factory=list, description="Aufgaben der Maßnahme")

    @model_validator(mode="after")
    def _sample_tasks(self) -> Measure:
        """A sample measure's tasks are sample content too: marked with * like the measure."""
        for task in self.tasks:
            task.sample = task.sample or self.sample
        return self


# --- participation.yaml (Beteiligung) -----------------------------------------------------------


class Member(StrictModel):
    organisation: Text
    role: str | None = Field(None, description="Rolle, z. B. Leistungsträger, Träger der Beratungsstelle")


class Meeting(StrictModel):
    date: Date
    topic: Text
    results: list[Text] = Field(default_factory=list)


class WorkingGroup(StrictModel):
    name: Text = "Arbeitsgruppe"
    description: str | None = None
    members: list[Member] = Field(default_factory=list)
    meetings: list[Meeting] = Field(default_factory=list)


class Interviews(StrictModel):
    count: Count
    period: str | None = Field(None, description="Zeitraum, z. B. Januar bis März 2023")
    groups: list[Text] = Field(default_factory=list, description="Gruppen der Befragten")
    description: str | None = None


class Survey(StrictModel):
    title: Text
    target_group: str | None = None
    period: str | None = None
    responses: Count | None = None
    description: str | None = None


class Network(StrictModel):
    """A standing body the concept works with or builds on: a network, a round table, a cooperation."""

    id: Id
    name: Text
    kind: str | None = Field(None, description="Art, z. B. Netzwerk, Runder Tisch, Kooperationsvertrag")
    lead: str | None = Field(None, description="Koordination / Geschäftsführung")
    members: list[Text] = Field(default_factory=list, description="Mitglieder bzw. Partner")
    rhythm: str | None = Field(None, description="Sitzungsrhythmus, z. B. viermal jährlich")
    description: str | None = None
    sample: bool = Field(False, description="true: Beispielinhalt (im Dokument mit * gekennzeichnet)")


class Event(StrictModel):
    """A participation event: a Fachtagung, a workshop, a quarter festival, a citizens' meeting."""

    id: Id
    title: Text
    kind: str | None = Field(None, description="Art, z. B. Fachtagung, Werkstatt, Quartiersfest")
    date: Date
    place: str | None = Field(None, description="Ort")
    participants: Count | None = Field(None, description="Zahl der Teilnehmenden")
    target_group: str | None = Field(None, description="Zielgruppe bzw. Eingeladene")
    results: list[Text] = Field(default_factory=list, description="Ergebnisse")
    description: str | None = None
    sample: bool = Field(False, description="true: Beispielinhalt (im Dokument mit * gekennzeichnet)")


# --- sources.yaml (Quellen) ---------------------------------------------------------------------


class Source(StrictModel):
    """A source (Quelle), cited in Markdown as [@Q3] or [@Q3, S. 12]."""

    id: Id
    author: str | list[Text] | None = Field(
        None,
        description="Autor*in oder herausgebende Stelle; mehrere als Liste, "
        'z. B. ["Busch-Geertsema, Volker", "Henke, Jutta"]',
    )
    title: Text
    year: Year | None = None
    publisher: str | None = None
    url: str | None = None
    accessed: Date | None = Field(None, description="Abrufdatum")
    note: str | None = None
    short: str | None = Field(None, description="Kurzbeleg im Text, z. B. Destatis 2024 (sonst Autor Jahr)")


# --- abbreviations.yaml (Abkürzungen) -----------------------------------------------------------


class Abbreviation(StrictModel):
    """An entry of the list of abbreviations (Abkürzungsverzeichnis)."""

    abbreviation: Text = Field(description="Abkürzung, z. B. SGB")
    meaning: Text = Field(description="Bedeutung, z. B. Sozialgesetzbuch")
