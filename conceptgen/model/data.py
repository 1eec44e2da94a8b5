"""data.yaml: data sources (CSV/XLSX), computed views, table blocks and supply-and-need analyses.

Everything is declared, nothing is code: a view names its dataset, joins, filters and computations
(rate, share, change, rank, aggregate); a table block names a view and the columns to show.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from conceptgen.model.base import Id, Number, StrictModel, Text

# a table's or an analysis' own section heading above its caption (blocks tables, analyses)
SectionHeading = Annotated[
    Text | None,
    Field(
        description="Überschrift eines eigenen Abschnitts über der Tabelle, kurz (z. B. „Beratung“); "
        "ohne: keine – die Beschriftung „Tabelle n: …“ nennt den Titel"
    ),
]

Scalar = str  # the loader keeps scalars as written; the data engine converts by column type


class ColumnType(StrEnum):
    TEXT = "text"
    INTEGER = "integer"
    NUMBER = "number"
    YEAR = "year"


class Encoding(StrEnum):
    UTF8 = "utf-8"
    WINDOWS_1252 = "windows-1252"


class DataColumn(StrictModel):
    """A column of a data file: its header, type, label in tables and unit."""

    name: Text = Field(description="Spaltenüberschrift in der Datei")
    id: str | None = Field(None, description="Name der Spalte in Views und Tabellen (sonst name)")
    type: ColumnType = Field(ColumnType.TEXT, description="text, integer, number oder year")
    label: str | None = Field(None, description="Spaltentitel in Tabellen (sonst name)")
    unit: str | None = Field(None, description="Einheit, erscheint im Spaltentitel")
    sample: bool = Field(
        False, description="true: die Spalte enthält Beispieldaten (im Quellenvermerk genannt)"
    )

    @property
    def key(self) -> str:
        """The column's name inside conceptgen (``id``, else the file's header)."""
        return self.id or self.name


class Dataset(StrictModel):
    """A CSV or XLSX file of the project, with declared columns."""

    id: Id
    file: Text = Field(description="Pfad im Projektordner, z. B. data/bevoelkerung.csv")
    sheet: str | None = Field(None, description="XLSX: Tabellenblatt (Name); sonst das erste")
    header_row: int = Field(1, ge=1, le=1000, description="Zeile mit den Spaltenüberschriften (ab 1)")
    separator: Literal[";", ",", "\t"] | None = Field(None, description="CSV-Trennzeichen; leer = erkennen")
    decimal: Literal[",", "."] = Field(",", description="Dezimaltrennzeichen in der Datei")
    encoding: Encoding = Field(Encoding.UTF8, description="utf-8 oder windows-1252")
    source: str | None = Field(None, description="Quellenangabe unter Tabellen, z. B. IT.NRW 2024")
    sample: bool = Field(False, description="true: Beispieldaten (im Quellenvermerk ausgewiesen)")
    area_column: str | None = Field(None, description="Spalte mit Gebiets-IDs aus inventory.yaml")
    key: list[Text] | None = Field(
        None,
        description="Spalten, die eine Zeile eindeutig bestimmen, z. B. [area, jahr]; doppelte Zeilen sind "
        "Fehler (ohne key: ganz gleiche Zeilen)",
    )
    columns: list[DataColumn] = Field(min_length=1, description="Die verwendeten Spalten")
    missing: list[str] | None = Field(
        None, description="Zeichen für fehlende Werte (sonst leer, -, –, ., x, k. A., n. v.)"
    )


class Rate(StrictModel):
    value: Text = Field(description="Spalte mit der Anzahl")
    population: Text = Field(description="Spalte mit der Bezugsgröße (Einwohner)")
    per: int = Field(10000, description="je 1.000, 10.000 oder 100.000", ge=1, le=10**9)


class Share(StrictModel):
    value: Text = Field(description="Spalte, deren Anteil am Gesamtwert berechnet wird")
    within: str | None = Field(None, description="Anteil innerhalb dieser Gruppe (z. B. jahr)")


class Change(StrictModel):
    value: Text = Field(description="Spalte, deren Veränderung berechnet wird")
    over: Text = Field(description="Zeitspalte, z. B. jahr")
    base: Literal["previous"] | int = Field("previous", description="previous oder ein Basisjahr")
    percent: bool = Field(True, description="true: Veränderung in %, false: absolut")
    by: str | None = Field(None, description="je Gruppe (z. B. area)")


class Rank(StrictModel):
    value: Text
    descending: bool = Field(True, description="true: höchster Wert = Rang 1")
    within: str | None = Field(None, description="Rang innerhalb dieser Gruppe (z. B. jahr)")


class Computation(StrictModel):
    """A computed column: exactly one of rate, share, change, rank."""

    name: Text = Field(description="Name der neuen Spalte")
    label: str | None = None
    unit: str | None = None
    decimals: int | None = Field(None, ge=0, le=6)
    rate: Rate | None = None
    share: Share | None = None
    change: Change | None = None
    rank: Rank | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> Computation:
        chosen = [k for k in ("rate", "share", "change", "rank") if getattr(self, k) is not None]
        if len(chosen) != 1:
            raise PydanticCustomError(
                "computation",
                "eine Berechnung braucht genau eines von `rate`, `share`, `change`, `rank` (angegeben: {n})",
                {"n": len(chosen)},
            )
        return self


class Join(StrictModel):
    dataset: Id = Field(description="Datensatz, dessen Spalten hinzukommen")
    on: list[Text] = Field(min_length=1, description="gemeinsame Schlüsselspalten, z. B. [area]")


class Aggregate(StrictModel):
    by: list[Text] = Field(min_length=1, description="Gruppierung, z. B. [jahr]")
    sum: list[Text] = Field(default_factory=list)
    mean: list[Text] = Field(default_factory=list)


class View(StrictModel):
    """A computed table: dataset, joins, filter, aggregation, computed columns."""

    id: Id
    dataset: Id
    join: list[Join] = Field(default_factory=list)
    filter: dict[str, Scalar | list[Scalar]] = Field(default_factory=dict, description="Spalte: Wert(e)")
    aggregate: Aggregate | None = None
    compute: list[Computation] = Field(default_factory=list)


class TableColumn(StrictModel):
    column: Text
    label: str | None = None
    unit: str | None = None
    decimals: int | None = Field(None, ge=0, le=6)


class SortKey(StrictModel):
    column: Text
    descending: bool = False


class Totals(StrictModel):
    label: str | None = Field(None, description="Text der Summenzeile (sonst „Summe“)")
    sum: list[Text] = Field(default_factory=list, description="summierte Spalten")
    mean: list[Text] = Field(default_factory=list, description="gemittelte Spalten")
    weighted: dict[Text, Text] = Field(
        default_factory=dict,
        description="gewichtet gemittelte Spalten: Spalte → Gewichtsspalte, z. B. {quote: faelle} (Raten und "
        "Veränderungen aus compute rechnet die Summenzeile selbst)",
    )


class TableBlock(StrictModel):
    """A table in the document: a view or dataset, shown with chosen columns and formats."""

    id: Id
    title: Text = Field(description="Tabellenüberschrift (wird „Tabelle n: …“)")
    heading: SectionHeading = None
    view: Id = Field(description="ID einer View oder eines Datensatzes")
    columns: list[TableColumn] = Field(min_length=1)
    filter: dict[str, Scalar | list[Scalar]] = Field(default_factory=dict)
    sort: list[SortKey] = Field(default_factory=list)
    totals: Totals | None = None
    source: str | None = Field(None, description="Quellenzeile; sonst aus den Datensätzen")
    note: str | None = None


class Reference(StrictModel):
    value: Number | None = Field(None, description="fester Richtwert je Bezugsgröße")
    average: bool = Field(False, description="true: Kreisdurchschnitt als Richtwert")

    @model_validator(mode="after")
    def _one(self) -> Reference:
        if (self.value is None) == (not self.average):
            raise PydanticCustomError("reference", "entweder `value` oder `average: true` angeben", {})
        return self


class SupplyAnalysis(StrictModel):
    """Supply against need per area: capacity of offers per inhabitants against a reference."""

    id: Id
    title: Text
    heading: SectionHeading = None
    category: Id = Field(description="Angebotskategorie aus inventory.yaml")
    capacity_unit: str | None = Field(None, description="nur Angebote mit dieser Kapazitätseinheit")
    population: Id = Field(description="Datensatz mit Einwohnerzahlen je Gebiet")
    population_column: Text = Field(description="Spalte mit den Einwohnerzahlen")
    filter: dict[str, Scalar | list[Scalar]] = Field(default_factory=dict, description="z. B. {jahr: 2023}")
    per: int = Field(10000, ge=1, le=10**9)
    reference: Reference
    tolerance: Number = Field(0.2, ge=0, le=1, description="zulässige Unterschreitung, 0.2 = 20 %")
    need: Id | None = Field(None, description="View mit einer Bedarfsgröße je Gebiet")
    need_column: str | None = Field(None, description="Spalte der Bedarfsgröße, z. B. je_10000")
    need_label: str | None = None


class IndicatorData(StrictModel):
    """Where an indicator's values come from: a view or dataset column, one value per year."""

    view: Id = Field(description="ID einer View oder eines Datensatzes")
    column: Text = Field(description="Spalte mit dem Wert")
    year_column: Text = Field("jahr", description="Spalte mit dem Jahr")
    filter: dict[str, Scalar | list[Scalar]] = Field(default_factory=dict)
    aggregate: Literal["sum", "mean", "single"] = Field(
        "single", description="mehrere Zeilen je Jahr: sum oder mean; single = genau eine"
    )
