"""monitoring: the indicators of indicators.yaml with frequency, source and their actual values (the
yearly progress report is the template fortschritt with the blocks of monitoring.yaml)."""

from __future__ import annotations

from typing import Any

from conceptgen.blocks._indicators import indicators_context
from conceptgen.blocks._select import IndicatorSelection, indicators
from conceptgen.model import Concept
from conceptgen.outline.block import Block, tab

MONITORING = "tab:monitoring"


class Monitoring(Block):
    name = "monitoring"
    group = "goals"
    position = 4
    description = "Monitoring: Kennzahlen mit Rhythmus, Quelle und Istwerten"
    params = IndicatorSelection
    needs = ("indicators.yaml",)
    labels = (MONITORING,)
    docs = """\
Indicators with frequency, source and their actual values by year. Parameters and data as
indicator_table. Label: `tab:monitoring`."""

    def entries(self, concept: Concept, params: Any) -> list:
        return tab(MONITORING)

    def empty(self, concept: Concept, params: Any) -> bool:
        return not indicators(concept, params)

    def context(self, inputs: Any, params: Any) -> dict[str, Any]:
        return indicators_context(inputs, params)
