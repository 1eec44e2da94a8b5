"""indicator_status: each indicator in the progress report's year against its path to the target, with a
traffic light in symbol and word and a chart per indicator (monitoring.yaml)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from conceptgen.blocks._select import indicator_samples
from conceptgen.model import Concept
from conceptgen.model.base import StrictModel
from conceptgen.model.monitoring import actual_values
from conceptgen.outline.block import Block, Picture, tab

STATUS = "tab:kennzahlen-stand"
PATH = "fig:pfad-{}"


class StatusChoice(StrictModel):
    charts: bool = Field(True, description="je Kennzahl mit Ziel ein Liniendiagramm: Ist und Zielpfad")


def charted(concept: Concept, data: object = None) -> list[str]:
    """The indicators the block draws: a target and a baseline value (typed, or from the data or the
    actual values in its year)."""
    values = getattr(data, "indicator_values", None) or {}
    found = []
    for k in concept.indicators:
        if k.target is None or k.baseline is None:
            continue
        actuals = actual_values(k, concept.monitoring, values)
        if k.baseline.value is not None or k.baseline.year in actuals:
            found.append(k.id)
    return found


class IndicatorStatus(Block):
    name = "indicator_status"
    group = "progress"
    position = 2
    description = (
        "Fortschrittsbericht: je Kennzahl Ausgangswert, Ziel, Soll und Ist im Berichtsjahr, Rückstand "
        "auf den Zielpfad und Ampel (Symbol und Wort), dazu je Kennzahl ein Diagramm Ist gegen Zielpfad"
    )
    params = StatusChoice
    snippet = False
    picture = Picture(project="neuss")
    docs = """\
Each indicator in the report year: baseline, target, the value on the straight path from baseline to
target (Soll; for a unit that counts whole things — Kommunen, Personen, Plätze, Anzahl, not %, je …,
Stunden, Stellen (VZÄ) or a symbol — a whole number, rounded half up as the chart's labels: 6,25 → 6; the
note says so), the actual value (from monitoring.yaml, else the indicator's own or its data), how far
behind the path in percent of the planned change, and the light by the rule of monitoring.yaml — as
symbol and word (● im Plan, ◐ gefährdet, ○ nicht im Plan, – keine Daten; the row tinted as well, never
colour alone); then per indicator with a target a line chart of actual values and path. Parameters:
`charts` (default true). Labels: `tab:kennzahlen-stand`, `fig:pfad-<id>`."""

    def entries(self, concept: Concept, params: Any) -> list:
        return self.data_entries(concept, None, params)

    def data_entries(self, concept: Concept, data: Any, params: Any) -> list:
        if concept.monitoring is None:
            return []
        charts = [PATH.format(i) for i in charted(concept, data)] if params.charts else []
        return tab(STATUS, *charts)

    def samples(self, concept: Concept, params: Any) -> set[str]:
        """The sample entries it shows (the cover's note names them)."""
        return indicator_samples(concept.indicators)

    def empty(self, concept: Concept, params: Any) -> bool:
        return concept.monitoring is None or not concept.indicators

    def parts(self, inputs: Any, params: Any, node: Any) -> list[Any]:
        from conceptgen.document import monitoring

        concept, data, language = inputs.concept, inputs.data, inputs.language
        parts: list[Any] = [monitoring.indicator_table(concept, data, language)]
        return parts + (monitoring.indicator_charts(concept, data, language) if params.charts else [])
