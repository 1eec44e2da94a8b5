"""indicator_definitions: how each indicator of indicators.yaml is defined, collected and judged."""

from __future__ import annotations

from typing import Any

from conceptgen.blocks._indicators import indicators_context
from conceptgen.blocks._select import IndicatorSelection, indicators
from conceptgen.model import Concept
from conceptgen.outline.block import Block, tab

DEFINITIONS = "tab:kennzahlen-definition"


class IndicatorDefinitions(Block):
    name = "indicator_definitions"
    group = "goals"
    position = 3
    description = "Definition, Erhebungsrhythmus und Bewertungsrichtung der Kennzahlen"
    params = IndicatorSelection
    needs = ("indicators.yaml",)
    labels = (DEFINITIONS,)
    docs = """\
Definition, frequency and key date, direction and goals of each indicator. Parameters and data as
indicator_table. Label: `tab:kennzahlen-definition`."""

    def entries(self, concept: Concept, params: Any) -> list:
        return tab(DEFINITIONS)

    def empty(self, concept: Concept, params: Any) -> bool:
        return not indicators(concept, params)

    def context(self, inputs: Any, params: Any) -> dict[str, Any]:
        return indicators_context(inputs, params)
