"""measure_progress: each measure and task of monitoring.yaml with its status now and in the last report."""

from __future__ import annotations

from typing import Any

from conceptgen.blocks._select import measure_samples
from conceptgen.model import Concept
from conceptgen.outline.block import Block, Picture, tab

PROGRESS = "tab:massnahmen-stand"


class MeasureProgress(Block):
    name = "measure_progress"
    group = "progress"
    position = 3
    description = (
        "Fortschrittsbericht: Stand jeder Maßnahme im Berichtsjahr und im letzten Bericht, mit der "
        "Veränderung (vorangekommen, abgeschlossen, zurückgestellt …) und Bemerkungen"
    )
    snippet = False
    picture = Picture(project="neuss")
    docs = """\
Each measure and task of monitoring.yaml with its status in the previous and the current report and the
change (vorangekommen, abgeschlossen, zurückgestellt, zurückgefallen, unverändert, erstmals berichtet),
with its note. Label: `tab:massnahmen-stand`."""

    def entries(self, concept: Concept, params: Any) -> list:
        return tab(PROGRESS) if concept.monitoring else []

    def samples(self, concept: Concept, params: Any) -> set[str]:
        """The sample entries it shows (the cover's note names them)."""
        return measure_samples(concept.measures)

    def empty(self, concept: Concept, params: Any) -> bool:
        return concept.monitoring is None or not concept.monitoring.measures

    def parts(self, inputs: Any, params: Any, node: Any) -> list[Any]:
        from conceptgen.document.monitoring import measure_table

        return [measure_table(inputs.concept, inputs.language)]
