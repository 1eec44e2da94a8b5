"""indicator_table: the indicators of indicators.yaml with unit, baseline, target and source."""

from __future__ import annotations

from typing import Any

from conceptgen.blocks._indicators import indicators_context
from conceptgen.blocks._select import IndicatorSelection, indicator_samples, indicators
from conceptgen.model import Concept
from conceptgen.outline.block import Block, tab

INDICATORS = "tab:kennzahlen"


class IndicatorTable(Block):
    name = "indicator_table"
    group = "goals"
    position = 2
    description = "Kennzahlen mit Einheit, Ausgangs- und Zielwert, Quelle"
    params = IndicatorSelection
    needs = ("indicators.yaml",)
    labels = (INDICATORS,)
    docs = """\
Indicators with unit, baseline, target and source. Parameters: `indicators` (IDs). Data: `indicators[]`
(see docs/templates.md), `sample_note`. Label: `tab:kennzahlen`."""

    def entries(self, concept: Concept, params: Any) -> list:
        return tab(INDICATORS)

    def samples(self, concept: Concept, params: Any) -> set[str]:
        """The sample entries it shows (the cover's note names them)."""
        return indicator_samples(indicators(concept, params))

    def empty(self, concept: Concept, params: Any) -> bool:
        return not indicators(concept, params)

    def context(self, inputs: Any, params: Any) -> dict[str, Any]:
        return indicators_context(inputs, params)
