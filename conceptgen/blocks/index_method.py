"""index_method: the method of a Sozialraumanalyse, stated from its declaration in sozialraum.yaml."""

from __future__ import annotations

from typing import Any

from conceptgen.blocks._social import social
from conceptgen.model import Concept
from conceptgen.outline.block import Block, Picture, tab

INDICATORS = "tab:indikatoren"
CLASSES = "tab:klassen-{}"


class IndexMethod(Block):
    name = "index_method"
    group = "social"
    position = 1
    description = (
        "Methode der Sozialraumanalyse: Indikatoren mit Definition und Gewicht, Berechnung des Index, "
        "Klassengrenzen, Datenschutz — aus der Erklärung in sozialraum.yaml"
    )
    needs = ("sozialraum.yaml",)
    picture = Picture(project="dortmund")
    labels = (INDICATORS, CLASSES)
    docs = """\
The method, stated from the declaration in sozialraum.yaml: the rated areas and years, a table of the
indicators (definition, unit, direction, role, weight) and per index its computation, formula, weights,
minimum population and a table of its classes with their limits and counts; data protection and sources.
Data: `unit`, `unit_count`, `year`, `years`, `years_text` („des Jahres 2024“, „der Jahre 2022 und
2024“), `indicators[]` (`name`, `definition`, `formula`, `unit`, `burden`, `role`, `weight`), `indices[]`
(`name`, `method`, `formula`, `weights`, `dynamic`, `classes[]` (`label`, `rule`, `count`), `classes_by`,
`min_population`, `rated`), `privacy` (the rule as a sentence), `source`.
Labels: `tab:indikatoren`, `tab:klassen-<index>`."""

    def entries(self, concept: Concept, params: Any) -> list:
        if not social(concept):
            return []
        return tab(INDICATORS, *(CLASSES.format(i.id) for i in concept.social_space.indices))

    def empty(self, concept: Concept, params: Any) -> bool:
        return not social(concept)

    def context(self, inputs: Any, params: Any) -> dict[str, Any] | None:
        return inputs.social.method() if inputs.social is not None else None
