"""financing_plan: the cost and financing plan of finanzierung.yaml — tables and a chart whose figures add
up, computed in cents."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from conceptgen.model import Concept
from conceptgen.model.base import StrictModel
from conceptgen.outline.block import Block, Picture, tab

COSTS = "tab:kosten-jahre"
SOURCES = "tab:finanzierung-quellen"
YEARS = "tab:finanzierung-jahre"
CHART = "fig:finanzierung"


class FinancingChoice(StrictModel):
    chart: bool = Field(True, description="gestapelte Säulen: Kosten je Jahr nach Quellen")
    years: bool = Field(True, description="Tabelle: Finanzierung je Jahr nach Quellen")


class FinancingPlan(Block):
    name = "financing_plan"
    group = "types"
    position = 6
    description = (
        "Kosten- und Finanzierungsplan: Kosten je Projekt und Jahr, Finanzierung je Projekt nach "
        "Bund/Land, Eigenanteil und Dritten, je Jahr nach Quellen, mit Summen, die aufgehen"
    )
    params = FinancingChoice
    snippet = False
    needs = ("finanzierung.yaml",)
    picture = Picture(project="luenen")
    docs = """\
The cost and financing plan (finanzierung.yaml): costs per project and year with totals, the financing
of each project by source (Bund/Land at the grant rate, own share, third parties; a Verfügungsfonds half
private), the sources per year, and a stacked column chart. All figures come from one plan computed in
cents and split in whole euros, so that every row, column and grand total adds up (tested). Parameters:
`chart`, `years` (the table per year; both default true). Labels: `tab:kosten-jahre`,
`tab:finanzierung-quellen`, `tab:finanzierung-jahre`, `fig:finanzierung`."""

    def entries(self, concept: Concept, params: Any) -> list:
        if concept.financing is None:
            return []
        return tab(COSTS, SOURCES, *([YEARS] if params.years else []), *([CHART] if params.chart else []))

    def samples(self, concept: Concept, params: Any) -> set[str]:
        """The sample entries it shows (the cover's note names them)."""
        planned = {p.measure for p in concept.financing.projects} if concept.financing else set()
        return {f"measure:{m}" for m in planned}

    def empty(self, concept: Concept, params: Any) -> bool:
        return concept.financing is None

    def parts(self, inputs: Any, params: Any, node: Any) -> list[Any]:
        from conceptgen.document.financing import (
            costs_by_year,
            financing_chart,
            sources_by_project,
            sources_by_year,
        )
        from conceptgen.model.financing import build_plan

        concept, language = inputs.concept, inputs.language
        plan = build_plan(concept.financing)
        parts: list[Any] = [
            costs_by_year(concept, plan, language),
            sources_by_project(concept, plan, language),
        ]
        if params.years:
            parts.append(sources_by_year(concept, plan, language))
        if params.chart:
            parts.append(financing_chart(concept, plan, language))
        return parts
