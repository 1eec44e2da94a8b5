"""article_assessment: the stock-taking of konvention.yaml article by article, with the status per
chapter of the convention."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from conceptgen.blocks._select import offer_samples
from conceptgen.model import Concept
from conceptgen.model.base import StrictModel
from conceptgen.outline.block import Block, Picture, tab

SUMMARY = "tab:artikel-stand"
ASSESSMENT = "tab:artikel-bewertung"


class AssessmentChoice(StrictModel):
    summary: bool = Field(True, description="vor der Tabelle der Stand je Kapitel der Konvention")


def _assessed(concept: Concept) -> bool:
    return concept.convention is not None and bool(concept.convention.assessment)


class ArticleAssessment(Block):
    name = "article_assessment"
    group = "types"
    position = 3
    description = (
        "Bestandsaufnahme nach Artikeln: Artikel × Stand (erfüllt, teilweise, nicht erfüllt) mit "
        "Befund, Angeboten und Maßnahmen, dazu der Stand je Kapitel"
    )
    params = AssessmentChoice
    snippet = False
    needs = ("konvention.yaml",)
    picture = Picture(project="bottrop-gewaltschutz")
    docs = """\
The stock-taking article by article: status as symbol and word (● erfüllt, ◐ teilweise erfüllt,
○ nicht erfüllt — never colour alone), the evidence, the offers that serve the article and the measures
that name it; before it, the count of each status per chapter of the convention. Parameters: `summary`
(the table per chapter; default true). Labels: `tab:artikel-stand`, `tab:artikel-bewertung`."""

    def entries(self, concept: Concept, params: Any) -> list:
        if not _assessed(concept):
            return []
        return tab(*([SUMMARY] if params.summary else []), ASSESSMENT)

    def samples(self, concept: Concept, params: Any) -> set[str]:
        """The sample entries it shows (the cover's note names them)."""
        convention = concept.convention
        named = {o for row in convention.assessment for o in row.offers} if convention else set()
        return offer_samples([o for o in concept.offers if o.id in named])

    def empty(self, concept: Concept, params: Any) -> bool:
        return not _assessed(concept)

    def parts(self, inputs: Any, params: Any, node: Any) -> list[Any]:
        from conceptgen.document.type_blocks import assessment_summary, assessment_table

        concept, language = inputs.concept, inputs.language
        tables = [assessment_summary(concept, language)] if params.summary else []
        return [*tables, assessment_table(concept, language)]
