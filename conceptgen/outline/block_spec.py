"""What a block of the catalogue is: its name, parameters, the labels it defines and when it is empty."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from conceptgen.model import Concept
from conceptgen.model.base import StrictModel


class NoParams(StrictModel):
    """The block takes no parameters."""


Entry = tuple[str, "str | None"]


def tab(*labels: str) -> list[Entry]:
    return [("label", label) for label in labels]


@dataclass(frozen=True)
class BlockSpec:
    """A block: name, what it shows, its parameters, the labels it defines, when it is empty."""

    name: str
    description: str
    params: type[StrictModel] = NoParams
    snippet: bool = True  # its look comes from the template's [[block:name]]
    # what it writes, in order: ("heading", label or None) for a heading one level below its place (it
    # counts in the chapter numbers), ("label", label) for a labelled caption or entry
    entries: Callable[[Concept, StrictModel], list[Entry]] = field(default=lambda concept, params: [])
    empty: Callable[[Concept, StrictModel], bool] = field(default=lambda concept, params: False)
    references: Callable[[StrictModel], list[tuple[str, str]]] = field(default=lambda params: [])

    # with the analysed data (a Sozialraumanalyse's result): what the block writes and whether it is empty
    data_entries: Callable[[Concept, Any, StrictModel], list[Entry]] | None = None

    def entries_with(self, concept: Concept, data: Any, params: StrictModel) -> list[Entry]:
        """What the block writes, knowing the data when it has been analysed."""
        if self.data_entries is not None and data is not None:
            return self.data_entries(concept, data, params)
        return self.entries(concept, params)

    def labels(self, concept: Concept, params: StrictModel) -> list[str]:
        return [label for _kind, label in self.entries(concept, params) if label]

    def headings(self, concept: Concept, params: StrictModel) -> int:
        return sum(1 for kind, _label in self.entries(concept, params) if kind == "heading")
