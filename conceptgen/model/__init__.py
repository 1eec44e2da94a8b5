"""The project model (pydantic v2): keys in English, content in German.

:class:`Concept` is the whole project; each YAML file of the project folder supplies some of its
top-level fields (see :data:`conceptgen.loading.layout.FILE_SECTIONS`).
"""

from __future__ import annotations

from pydantic import Field

from conceptgen.model.base import Id, StrictModel
from conceptgen.model.charts import Chart
from conceptgen.model.content import (
    Abbreviation,
    Area,
    Category,
    Event,
    FieldOfAction,
    Finding,
    Goal,
    Indicator,
    Interviews,
    Measure,
    Need,
    Network,
    Offer,
    Source,
    Survey,
    WorkingGroup,
)
from conceptgen.model.data import Dataset, SupplyAnalysis, TableBlock, View
from conceptgen.model.financing import FinancingPlan
from conceptgen.model.frameworks import Benchmark, Convention, Swot
from conceptgen.model.monitoring import Monitoring
from conceptgen.model.outline import Outline
from conceptgen.model.project import ProjectMeta
from conceptgen.model.review import ReviewComment
from conceptgen.model.social import Geometry, SocialSpace
from conceptgen.model.survey import Questionnaire


class Concept(StrictModel):
    """A whole concept project, merged from the project folder's YAML files."""

    project: ProjectMeta
    areas: list[Area] = Field(default_factory=list, description="Gebiete: Kommunen, Kreis")
    categories: list[Category] = Field(default_factory=list, description="Angebotskategorien")
    offers: list[Offer] = Field(default_factory=list, description="Bestehende Angebote")
    geometry: list[Geometry] = Field(
        default_factory=list,
        description="Grenzen der Gebiete (GeoJSON, WGS84), z. B. Untersuchungsgebiet und Teilräume: "
        "für die Karte area_map",
    )
    benchmarks: list[Benchmark] = Field(
        default_factory=list, description="Richtwerte für Plätze und Kapazitäten je Einwohner*innen"
    )
    findings: list[Finding] = Field(default_factory=list, description="Befunde")
    needs: list[Need] = Field(default_factory=list, description="Handlungsbedarfe")
    swot: Swot | None = Field(None, description="Stärken, Schwächen, Chancen, Risiken des Gebiets")
    fields_of_action: list[FieldOfAction] = Field(default_factory=list, description="Handlungsfelder")
    goals: list[Goal] = Field(default_factory=list, description="Leitziele mit Handlungszielen")
    indicators: list[Indicator] = Field(default_factory=list, description="Kennzahlen")
    measures: list[Measure] = Field(default_factory=list, description="Schlüsselmaßnahmen mit Aufgaben")
    working_group: WorkingGroup | None = None
    interviews: Interviews | None = None
    surveys: list[Survey] = Field(default_factory=list)
    networks: list[Network] = Field(default_factory=list, description="Netzwerke, Gremien, Kooperationen")
    events: list[Event] = Field(default_factory=list, description="Veranstaltungen der Beteiligung")
    sources: list[Source] = Field(default_factory=list, description="Quellen")
    abbreviations: list[Abbreviation] = Field(default_factory=list, description="Abkürzungen")
    datasets: list[Dataset] = Field(default_factory=list, description="Datenquellen (CSV/XLSX)")
    views: list[View] = Field(default_factory=list, description="Berechnete Tabellen")
    tables: list[TableBlock] = Field(default_factory=list, description="Tabellen im Dokument")
    analyses: list[SupplyAnalysis] = Field(default_factory=list, description="Angebots- und Bedarfsanalysen")
    charts: list[Chart] = Field(default_factory=list, description="Diagramme")
    convention: Convention | None = Field(
        None, description="Konvention mit Artikeln und Bestandsaufnahme je Artikel (konvention.yaml)"
    )
    financing: FinancingPlan | None = Field(
        None, description="Kosten- und Finanzierungsplan der Projekte (finanzierung.yaml)"
    )
    comments: list[ReviewComment] = Field(
        default_factory=list,
        description="Rückmeldungen zu Entwürfen mit den Antworten (kommentare.yaml, von conceptgen review)",
    )
    monitoring: Monitoring | None = Field(
        None,
        description="Fortschrittsbericht: Istwerte der Kennzahlen, Stand der Maßnahmen (monitoring.yaml)",
    )
    questionnaire: Questionnaire | None = Field(
        None, description="Befragung: Fragebogen, Antworten, Auswertung (befragung.yaml)"
    )
    social_space: SocialSpace | None = Field(
        None, description="Sozialraumanalyse: Gebietsdaten, Indikatoren, Index, Karten (sozialraum.yaml)"
    )
    outlines: dict[Id, Outline] = Field(
        default_factory=dict, description="Eigene Gliederungen, je mit Namen (documents[].outline: Name)"
    )


__all__ = ["Concept", "ProjectMeta"]
