"""What the consultancy's other concept types add (docs/konzeptarten.md): the convention a plan
implements with its article assessment (konvention.yaml), benchmarks for places and counselling
capacity (inventory.yaml) and the SWOT of an area analysis (needs.yaml)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from pydantic import Field

from conceptgen.model.base import Amount, Id, StrictModel, Text
from conceptgen.model.treaties import TREATIES, Treaty, TreatyName

# --- konvention.yaml ----------------------------------------------------------------------------


class Fulfilment(StrEnum):
    ERFUELLT = "erfüllt"
    TEILWEISE = "teilweise"
    NICHT = "nicht erfüllt"


class ArticleAssessment(StrictModel):
    """How far the municipality meets one article today: status, the evidence, the offers that serve it."""

    article: int = Field(description="Nummer des Artikels, z. B. 23")
    status: Fulfilment = Field(description="erfüllt, teilweise oder nicht erfüllt")
    evidence: Text = Field(description="Befund: worauf die Bewertung beruht")
    offers: list[Id] = Field(default_factory=list, description="Angebote, die dem Artikel dienen (IDs)")
    sample: bool = Field(False, description="true: Beispielinhalt (im Dokument mit * gekennzeichnet)")


class Convention(StrictModel):
    """The convention the concept implements; goals and measures name its articles (``articles: [24]``)."""

    treaty: TreatyName = Field(description="un-brk (UN-Behindertenrechtskonvention) oder istanbul")
    source: Id | None = Field(None, description="Quelle des Vertragstexts (ID aus sources.yaml)")
    relevant: list[int] | None = Field(
        None,
        description="die Artikel, die das Konzept behandeln soll; sonst die für Kommunen üblichen "
        "(conceptgen explain CG705)",
    )
    assessment: list[ArticleAssessment] = Field(
        default_factory=list, description="Bestandsaufnahme je Artikel: Stand, Befund, Angebote"
    )

    @property
    def spec(self) -> Treaty:
        return TREATIES[self.treaty]

    def relevant_articles(self) -> list[int]:
        chosen = self.relevant if self.relevant is not None else sorted(self.spec.municipal)
        return [a for a in chosen if a in self.spec.articles]


# --- benchmarks (inventory.yaml) --------------------------------------------------------------------


class PopulationBase(StrEnum):
    INHABITANTS = "inhabitants"
    WOMEN = "women"


class Benchmark(StrictModel):
    """A declared benchmark: so many places (counselling posts …) per so many inhabitants or women,
    compared with the capacity of the offers of a category. Its source is required (CG706)."""

    id: Id
    name: Text = Field(description="was verglichen wird, z. B. Familienplätze in Frauenhäusern")
    value: Amount = Field(description="so viele Einheiten …")
    per: Amount = Field(gt=0, description="… je so viele Personen, z. B. 10000")
    of: PopulationBase = Field(
        PopulationBase.INHABITANTS, description="inhabitants (Einwohner*innen) oder women (Frauen)"
    )
    unit: Text = Field(description="Einheit des Richtwerts, z. B. Familienplätze")
    category: Id = Field(description="Angebotskategorie, deren Kapazitäten zählen")
    capacity_unit: str | None = Field(
        None, description="nur Kapazitäten in dieser Einheit (z. B. Plätze); sonst alle der Kategorie"
    )
    factor: Amount = Field(
        1, gt=0, description="so viele Kapazitätseinheiten ergeben eine Einheit des Richtwerts (z. B. 2.5)"
    )
    area: Id | None = Field(None, description="Gebiet (ID); sonst das oberste Gebiet")
    source: Id | None = Field(None, description="Quelle des Richtwerts (ID aus sources.yaml); Pflicht")
    article: int | None = Field(None, description="Artikel der Konvention, dem der Vergleich dient")
    note: str | None = None


@dataclass(frozen=True)
class BenchmarkResult:
    benchmark: Benchmark
    area: str  # the area's name
    population: int
    required: float  # units of the benchmark
    existing: float  # units of the benchmark (capacities / factor)
    capacity: float  # capacities as counted, in their own unit
    offers: tuple[str, ...]  # IDs of the offers counted
    sample: bool

    @property
    def gap(self) -> float:
        return self.required - self.existing

    @property
    def coverage(self) -> float:
        return 100 * self.existing / self.required if self.required else 0.0


def benchmark_area(benchmark: Benchmark, areas: list) -> object | None:
    if benchmark.area:
        return next((a for a in areas if a.id == benchmark.area), None)
    return next((a for a in areas if a.parent is None), areas[0] if areas else None)


def benchmark_population(benchmark: Benchmark, area: object) -> int | None:
    if benchmark.of is PopulationBase.WOMEN:
        return getattr(area, "population_women", None)
    return getattr(area, "population", None)


def evaluate_benchmark(benchmark: Benchmark, areas: list, offers: list) -> BenchmarkResult | None:
    """Required against existing units; None when the area or its population is missing (CG707)."""
    area = benchmark_area(benchmark, areas)
    population = benchmark_population(benchmark, area) if area is not None else None
    if area is None or not population:
        return None
    inside = _within(area.id, areas)
    counted = [
        o
        for o in offers
        if o.category == benchmark.category
        and o.area in inside
        and o.capacity is not None
        and (benchmark.capacity_unit is None or o.capacity.unit == benchmark.capacity_unit)
    ]
    capacity = sum(o.capacity.value for o in counted)
    return BenchmarkResult(
        benchmark,
        area.name,
        population,
        population / benchmark.per * benchmark.value,
        capacity / benchmark.factor,
        capacity,
        tuple(o.id for o in counted),
        any(o.sample or o.capacity.sample for o in counted),
    )


def _within(area_id: str, areas: list) -> set[str]:
    """The area and every area below it."""
    found, todo = {area_id}, [area_id]
    while todo:
        parent = todo.pop()
        for a in areas:
            if a.parent == parent and a.id not in found:
                found.add(a.id)
                todo.append(a.id)
    return found


# --- swot (needs.yaml) --------------------------------------------------------------------------


class Swot(StrictModel):
    """Strengths, weaknesses, opportunities and threats of the study area (Stärken, Schwächen, Chancen,
    Risiken): the four fields of the SWOT block."""

    title: str | None = Field(None, description="Überschrift der Tabelle; sonst „Stärken und Schwächen …“")
    strengths: list[Text] = Field(default_factory=list, description="Stärken")
    weaknesses: list[Text] = Field(default_factory=list, description="Schwächen")
    opportunities: list[Text] = Field(default_factory=list, description="Chancen")
    threats: list[Text] = Field(default_factory=list, description="Risiken")
    source: str | None = Field(None, description="Quellenzeile, z. B. eigene Darstellung nach der Werkstatt")
    sample: bool = Field(False, description="true: Beispielinhalt (im Dokument mit * gekennzeichnet)")
