"""charts.yaml: charts from data views, inline values, indicators and the measure timeline."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from conceptgen.model.base import Id, Number, StrictModel, Text


class ChartType(StrEnum):
    COLUMN = "column"
    BAR = "bar"
    LINE = "line"
    PIE = "pie"
    DOUGHNUT = "doughnut"
    INDICATOR = "indicator"
    TIMELINE = "timeline"


class Stacking(StrEnum):
    NONE = "none"
    STACKED = "stacked"
    PERCENT = "percent"


class RenderAs(StrEnum):
    NATIVE = "native"
    IMAGE = "image"


class Axis(StrEnum):
    PRIMARY = "primary"
    SECONDARY = "secondary"


class PieLabels(StrEnum):
    PERCENT = "percent"
    VALUE = "value"
    BOTH = "both"
    NONE = "none"


class Aggregate(StrEnum):
    SUM = "sum"
    MEAN = "mean"


class ChartSeries(StrictModel):
    column: Text = Field(description="Spalte der View mit den Werten")
    label: str | None = Field(None, description="Name der Reihe in der Legende")
    axis: Axis = Field(
        Axis.PRIMARY, description="secondary: als Linie an einer zweiten Achse rechts (Säulen + Linie)"
    )


class InlineSeries(StrictModel):
    name: Text
    values: list[Number | None] = Field(
        min_length=1, description="je Kategorie ein Wert; null: keiner (keine Säule, kein Punkt)"
    )
    axis: Axis = Field(
        Axis.PRIMARY, description="secondary: als Linie an einer zweiten Achse rechts (Säulen + Linie)"
    )


class InlineData(StrictModel):
    categories: list[Text] = Field(min_length=1)
    series: list[InlineSeries] = Field(min_length=1)


class Chart(StrictModel):
    """A chart: native Word chart (editable, „Daten bearbeiten“) or image."""

    id: Id
    type: ChartType
    title: Text = Field(description="Titel; wird Bildunterschrift „Abbildung n: …“")
    alt: Text = Field(description="Alternativtext: was das Diagramm zeigt (Barrierefreiheit)")
    view: Id | None = Field(None, description="View oder Datensatz mit den Werten")
    filter: dict[str, str | list[str]] = Field(default_factory=dict)
    category: str | None = Field(None, description="Spalte mit den Kategorien (x-Achse)")
    series: list[ChartSeries] = Field(default_factory=list, description="Wertespalten, je eine Reihe")
    series_by: str | None = Field(None, description="eine Reihe je Wert dieser Spalte (z. B. jahr)")
    value: str | None = Field(None, description="mit series_by: die Wertespalte")
    aggregate: Aggregate | None = Field(
        None,
        description="Kategorien, die in den Daten mehrfach vorkommen: summieren (sum) oder mitteln (mean); "
        "ohne diese Angabe ist eine wiederholte Kategorie ein Fehler (CG311)",
    )
    data: InlineData | None = Field(None, description="Werte direkt: {categories, series}")
    indicator: Id | None = Field(None, description="type indicator: die Kennzahl")
    stacking: Stacking = Stacking.NONE
    x_title: str | None = None
    y_title: str | None = None
    y2_title: str | None = Field(None, description="Titel der zweiten Achse (Reihen mit axis: secondary)")
    decimals: int = Field(0, ge=0, le=4, description="Nachkommastellen der Beschriftungen (und der Achse)")
    axis_decimals: int | None = Field(
        None, ge=0, le=4, description="Nachkommastellen der Achse, falls anders als decimals"
    )
    labels: PieLabels = Field(
        PieLabels.PERCENT, description="Kreis/Ring: Beschriftung der Segmente (percent, value, both, none)"
    )
    data_labels: bool = Field(False, description="Werte an den Säulen/Punkten zeigen")
    legend: bool = True
    source: str | None = Field(None, description="Quellenzeile; sonst aus den Daten")
    render: RenderAs = Field(RenderAs.NATIVE, description="native (bearbeitbar) oder image (PNG)")
    height_cm: Number = Field(7.5, ge=3, le=22)

    @model_validator(mode="after")
    def _complete(self) -> Chart:
        if self.type is ChartType.INDICATOR:
            if not self.indicator:
                raise PydanticCustomError("chart", "ein Kennzahl-Diagramm braucht `indicator: <ID>`", {})
        elif self.type is ChartType.TIMELINE:
            pass
        elif self.data is None and self.view is None:
            raise PydanticCustomError(
                "chart", "ein Diagramm braucht `view:` (mit `category` und `series`) oder `data:`", {}
            )
        elif self.view is not None and not self.category:
            raise PydanticCustomError(
                "chart", "ein Diagramm aus einer Sicht (`view`) braucht `category: <Spalte>`", {}
            )
        elif self.view is not None and not self.series and not (self.series_by and self.value):
            raise PydanticCustomError(
                "chart",
                "ein Diagramm aus einer Sicht (`view`) braucht `series:` oder `series_by:` mit `value:`",
                {},
            )
        axes = [s.axis for s in (self.data.series if self.data else self.series)]
        if Axis.SECONDARY in axes:
            if self.type is not ChartType.COLUMN or self.stacking is not Stacking.NONE:
                raise PydanticCustomError(
                    "chart",
                    "`axis: secondary` (eine Linie auf einer zweiten Achse) verlangt `type: column` "
                    "ohne `stacking`",
                    {},
                )
            if Axis.PRIMARY not in axes:
                raise PydanticCustomError(
                    "chart", "mindestens eine Reihe muss auf der ersten Achse (`primary`) bleiben", {}
                )
        return self
