"""bibliography: the sources of sources.yaml, sorted by author and year."""

from __future__ import annotations

from typing import Any

from conceptgen.model import Concept
from conceptgen.outline.block import Block


class Bibliography(Block):
    name = "bibliography"
    group = "data"
    position = 6
    description = "Quellenverzeichnis"
    needs = ("sources.yaml",)
    docs = """\
The sources, sorted by author and year. Data: `sources[]` (`id`, `text`, `short`, `title`, `url`)."""

    def empty(self, concept: Concept, params: Any) -> bool:
        return not concept.sources

    def context(self, inputs: Any, params: Any) -> dict[str, Any]:
        return {"sources": inputs.context["sources"]}
