"""article_register: every article of the convention (konvention.yaml: UN-BRK, Istanbul-Konvention) with
the goals and measures that name it."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from conceptgen.model import Concept
from conceptgen.model.base import StrictModel
from conceptgen.outline.block import Block, Picture, tab

REGISTER = "tab:artikelregister"


class ArticleChoice(StrictModel):
    articles: list[int] | None = Field(
        None,
        description="nur diese Artikel; sonst die relevanten (konvention.yaml) und alle, die Ziele und "
        "Maßnahmen nennen",
    )


class ArticleRegister(Block):
    name = "article_register"
    group = "types"
    position = 2
    description = (
        "Artikelregister: je Artikel der Konvention (UN-BRK, Istanbul-Konvention) die Ziele und "
        "Maßnahmen, die ihn aufgreifen; nicht aufgegriffene Artikel benannt"
    )
    params = ArticleChoice
    snippet = False
    needs = ("konvention.yaml",)
    picture = Picture(project="bottrop-inklusion", params={"articles": [5, 6, 7, 8, 9, 10, 11, 12, 13]})
    docs = """\
Every article of the convention (konvention.yaml: UN-BRK or Istanbul-Konvention) with the goals and
measures that name it; an article nobody names reads „nicht adressiert“ (shaded) and the line under the
table lists them. Parameters: `articles` (these, in this order; default: the relevant articles and every
article a goal or measure names). Label: `tab:artikelregister`."""

    def entries(self, concept: Concept, params: Any) -> list:
        return tab(REGISTER) if concept.convention is not None else []

    def empty(self, concept: Concept, params: Any) -> bool:
        return concept.convention is None

    def parts(self, inputs: Any, params: Any, node: Any) -> list[Any]:
        from conceptgen.document.type_blocks import article_register

        return [article_register(inputs.concept, inputs.language, params.articles)]
