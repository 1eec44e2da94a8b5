"""sozialraum.yaml: area data per year, indicators, a composite index, data protection and maps of a
Sozialraumanalyse — all declared, nothing computed by hand (docs/sozialraum.md).

```yaml
social_space:
  unit: Statistischer Bezirk            # the areas the index rates (areas of this kind)
  geometry:
    - {kind: Statistischer Bezirk, file: data/bezirke.geojson, code: statinr, name: name,
       source: "Geobasis: Stadt Dortmund, Statistische Bezirke"}
  data:
    - id: sozialdaten
      files: data/sozialdaten_{year}.csv  # one file per year; a new year is one more file
      code: Bezirk                        # column with the area code (joined by code, never by name)
      columns: [{name: Einwohner, id: einwohner, type: integer}, …]
  indicators:
    - {id: sgb2, name: SGB-II-Quote, data: sozialdaten, value: sgb2, base: einwohner_u65, per: 100}
  indices:
    - {id: status, name: Statusindex, indicators: {sgb2: 1, alo: 1}, population: einwohner}
```
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from conceptgen.model.base import Id, Number, StrictModel, Text
from conceptgen.model.data import DataColumn, Encoding


class Geometry(StrictModel):
    """The boundaries of one kind of area (GeoJSON, WGS84), joined to the areas by code."""

    kind: Text = Field(description="Gebietsart, deren Grenzen die Datei enthält (wie kind in areas)")
    file: Text = Field(description="GeoJSON-Datei im Projekt, z. B. data/bezirke.geojson")
    code: Text = Field(description="Eigenschaft (property) mit dem Gebietscode")
    name: str | None = Field(None, description="Eigenschaft mit dem Namen (wird mit areas abgeglichen)")
    source: Text = Field(description="Quelle der Geometrie; steht auf jeder Karte")
    crs: str | None = Field(
        None,
        description="Koordinatensystem der Datei, z. B. EPSG:25832 (UTM 32N); sonst das der Datei oder WGS84",
    )


class AreaData(StrictModel):
    """Statistics per area, one file per year (CSV or XLSX), joined to the areas by code."""

    id: Id
    files: Text = Field(description="Dateimuster mit {year}, z. B. data/sozialdaten_{year}.csv")
    code: str | None = Field(None, description="Spalte mit dem Gebietscode (führende Nullen zählen: 010)")
    name: str | None = Field(
        None, description="Spalte mit dem Gebietsnamen (zum Abgleich, oder mit code_map)"
    )
    code_map: str | None = Field(
        None,
        description="Datei mit den Spalten name und code: ordnet Dateien ohne Codes die Namen zu, wie sie in "
        "der Datei stehen (auch falsch geschriebene)",
    )
    sheet: str | None = Field(None, description="XLSX: Tabellenblatt; sonst das erste")
    header_row: int = Field(1, ge=1, le=1000)
    separator: Literal[";", ",", "\t"] | None = None
    decimal: Literal[",", "."] = ","
    encoding: Encoding = Encoding.UTF8
    missing: list[str] = Field(
        default_factory=lambda: ["", ".", "-", "–", "x", "k. A."],
        description="Zeichen für fehlende Werte",
    )
    source: Text = Field(description="Quelle, z. B. Stadt Dortmund, Statistikstelle")
    sample: bool = Field(False, description="true: Beispieldaten (überall ausgewiesen)")
    columns: list[DataColumn] = Field(
        min_length=1, description="die Zählspalten (Anzahlen); {year} in name steht für das Jahr der Datei"
    )

    @model_validator(mode="after")
    def _code_or_map(self) -> AreaData:
        if (self.code is None) == (self.code_map is None):
            raise PydanticCustomError(
                "area_code", "entweder `code` (eine Spalte) oder `code_map` mit `name` angeben", {}
            )
        if self.code_map is not None and self.name is None:
            raise PydanticCustomError("area_code", "`code_map` braucht `name:`, die Spalte mit den Namen", {})
        return self


class Burden(StrEnum):
    HIGH = "high"
    LOW = "low"


class AreaIndicator(StrictModel):
    """An indicator per area: a rate from a count and its base (or a value as it is)."""

    id: Id
    name: Text = Field(description="Name, z. B. SGB-II-Quote")
    data: Id = Field(description="ID der Gebietsdaten (social_space.data)")
    value: Text = Field(description="Spalte mit der Anzahl (Zähler)")
    base: str | None = Field(
        None, description="Spalte mit der Bezugsgröße (Nenner); leer: value ist der Wert"
    )
    per: int = Field(100, ge=1, le=10**6, description="100 = %, 1000 = je 1.000")
    unit: Text = Field("%", description="Einheit, z. B. % oder je 1.000")
    decimals: int = Field(1, ge=0, le=4)
    burden: Burden = Field(Burden.HIGH, description="high: höherer Wert = mehr Belastung; low: umgekehrt")
    context: bool = Field(False, description="true: Kontextindikator, gezeigt, nicht im Index")
    definition: str | None = Field(None, description="Definition für das Methodenkapitel")
    sample: bool = Field(False, description="true: Beispielwerte")


class ClassMethod(StrEnum):
    THRESHOLDS = "thresholds"
    QUANTILES = "quantiles"


class Classes(StrictModel):
    """Classes of an index: limits on the index value, or quantiles of the rated areas."""

    method: ClassMethod = Field(ClassMethod.THRESHOLDS, description="thresholds oder quantiles")
    limits: list[Number] = Field(
        default_factory=lambda: [-1, 1, 1.5],
        description="obere Grenzen der Klassen außer der letzten (thresholds: Indexwerte, quantiles: 0–1)",
    )
    labels: list[Text] = Field(
        default_factory=lambda: ["hoch", "mittel", "niedrig", "sehr niedrig"],
        description="Namen der Klassen, von der niedrigsten Belastung an",
    )

    @model_validator(mode="after")
    def _counts(self) -> Classes:
        if len(self.labels) != len(self.limits) + 1:
            raise PydanticCustomError(
                "classes",
                "{labels} Bezeichnungen (`labels`) für {limits} Grenzen (`limits`): "
                "es gibt eine Klasse mehr als Grenzen",
                {"labels": len(self.labels), "limits": len(self.limits)},
            )
        if list(self.limits) != sorted(self.limits):
            raise PydanticCustomError("classes", "die Grenzen (`limits`) müssen steigen", {})
        if self.method is ClassMethod.QUANTILES and not all(0 < q < 1 for q in self.limits):
            raise PydanticCustomError("classes", "Quantile liegen zwischen 0 und 1", {})
        return self


class IndexMethod(StrEnum):
    ZSCORE = "zscore"
    RANK = "rank"


class AreaIndex(StrictModel):
    """A composite index: standardised indicators (z-scores or ranks), weighted, summed, standardised again,
    classified; with ``dynamic``, of the indicators' change over that many years."""

    id: Id
    name: Text = Field(description="Name, z. B. Statusindex")
    indicators: dict[Id, Number] = Field(description="Indikatoren mit Gewicht, z. B. {sgb2: 1, alo: 0.5}")
    method: IndexMethod = Field(IndexMethod.ZSCORE, description="zscore (z-Werte) oder rank (Ränge)")
    dynamic: int | None = Field(
        None, ge=1, le=20, description="Dynamikindex: Veränderung der Indikatoren über so viele Jahre"
    )
    population: Text = Field(description="Spalte mit der Einwohnerzahl (für min_population)")
    min_population: int = Field(300, ge=0, description="Gebiete mit weniger Einwohnern: nicht bewertet")
    classes: Classes = Field(default_factory=Classes)

    @model_validator(mode="after")
    def _weights(self) -> AreaIndex:
        if any(w < 0 for w in self.indicators.values()):
            raise PydanticCustomError("weights", "Gewichte sind 0 oder größer", {})
        if not any(w > 0 for w in self.indicators.values()):
            raise PydanticCustomError("weights", "mindestens eine Kennzahl braucht ein Gewicht über 0", {})
        return self


class Privacy(StrictModel):
    """What is not published: small counts and rates on small bases."""

    min_count: int = Field(3, ge=0, description="Anzahlen darunter werden als · gezeigt")
    min_base: int = Field(100, ge=0, description="Quoten auf einer kleineren Bezugsgröße: ·")
    symbol: Text = Field("·", description="Zeichen für einen nicht veröffentlichten Wert")


class SocialSpace(StrictModel):
    """The Sozialraumanalyse of a project."""

    unit: Text = Field(description="Gebietsart, die bewertet wird, z. B. Statistischer Bezirk")
    region: str | None = Field(
        None,
        description="Name der ganzen Stadt (des Kreises) in Tabellen und Profilen, z. B. Stadt Dortmund; "
        "sonst „Stadt gesamt“",
    )
    geometry: list[Geometry] = Field(default_factory=list)
    data: list[AreaData] = Field(min_length=1)
    indicators: list[AreaIndicator] = Field(min_length=1)
    indices: list[AreaIndex] = Field(default_factory=list)
    privacy: Privacy = Field(default_factory=Privacy)
    year: int | None = Field(None, ge=1900, le=2100, description="Berichtsjahr; sonst das jüngste")
    export: str | None = Field(
        None,
        description="Excel-Ausgabe für die Stadtbezirksteams (in build/), z. B. Sozialraumdaten.xlsx",
        pattern=r"^[^/\\:*?\"<>|]+\.xlsx$",
    )
