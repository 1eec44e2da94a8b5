"""benchmarks: places and capacities against the benchmarks of inventory.yaml (``benchmarks``)."""

from __future__ import annotations

from typing import Any

from conceptgen.model import Concept
from conceptgen.outline.block import Block, Picture, tab

BENCHMARKS = "tab:richtwerte"


class Benchmarks(Block):
    name = "benchmarks"
    group = "types"
    position = 4
    description = (
        "Plätze und Kapazitäten gegenüber Richtwerten je Einwohner*innen oder Frauen: Soll, Bestand, "
        "Differenz, Deckung, mit der Quelle jedes Richtwerts"
    )
    snippet = False
    needs = ("inventory.yaml",)
    picture = Picture(project="bottrop-gewaltschutz")
    docs = """\
Places and capacities against declared benchmarks (inventory.yaml `benchmarks`): the rule („1
Familienplätze je 10.000 Einwohner*innen“), the population it applies to, required, existing (capacities
of the category's offers in the area and below, in the benchmark's unit through `factor`), the gap and
the coverage; rows below the benchmark shaded; the source of every benchmark in the source line. Label:
`tab:richtwerte`."""

    def entries(self, concept: Concept, params: Any) -> list:
        return tab(BENCHMARKS) if concept.benchmarks else []

    def samples(self, concept: Concept, params: Any) -> set[str]:
        """The sample entries it shows (the cover's note names them)."""
        return {f"capacity:{o.id}" for o in concept.offers if o.capacity}

    def empty(self, concept: Concept, params: Any) -> bool:
        return not concept.benchmarks

    def parts(self, inputs: Any, params: Any, node: Any) -> list[Any]:
        from conceptgen.document.type_blocks import benchmark_table

        return [benchmark_table(inputs.concept, inputs.language)]
