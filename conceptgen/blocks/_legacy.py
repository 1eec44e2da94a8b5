"""The blocks still declared in the old tables (outline/catalogue.py, document/blocks.py and friends), as
Blocks of the registry while they move into modules of their own. Removed when the last one has moved."""

from __future__ import annotations

from typing import Any

from conceptgen.document import blocks as document_blocks
from conceptgen.outline.block import Block, Picture
from conceptgen.outline.catalogue import BLOCKS

# which file a block needs (conceptgen new)
_NEEDS = {
    "working_group": "participation.yaml",
    "interviews": "participation.yaml",
    "surveys": "participation.yaml",
    "network": "participation.yaml",
    "events": "participation.yaml",
    "areas": "inventory.yaml",
    "offer_categories": "inventory.yaml",
    "offers_by_area": "inventory.yaml",
    "findings": "needs.yaml",
    "needs": "needs.yaml",
    "goal_system": "goals.yaml",
    "indicator_table": "indicators.yaml",
    "indicator_definitions": "indicators.yaml",
    "monitoring": "indicators.yaml",
    "measure_overview": "measures.yaml",
    "measure_sheets": "measures.yaml",
    "schedule": "measures.yaml",
    "costs": "measures.yaml",
    "bibliography": "sources.yaml",
    "abbreviations": "abbreviations.yaml",
    "index_method": "sozialraum.yaml",
    "index_ranking": "sozialraum.yaml",
    "index_groups": "sozialraum.yaml",
    "map": "sozialraum.yaml",
    "maps": "sozialraum.yaml",
    "area_profile": "sozialraum.yaml",
    "survey_method": "befragung.yaml",
    "survey_results": "befragung.yaml",
    "survey_question": "befragung.yaml",
    "survey_tables": "befragung.yaml",
    "survey_crosstabs": "befragung.yaml",
    "survey_open_answers": "befragung.yaml",
    "article_register": "konvention.yaml",
    "article_assessment": "konvention.yaml",
    "benchmarks": "inventory.yaml",
    "area_map": "inventory.yaml",
    "swot": "needs.yaml",
    "financing_plan": "finanzierung.yaml",
    "tables": "data.yaml",
}
_SECTION_OF = {"area_map": "geometry"}
_SHOWS = {"table": ("tables", "tab"), "analysis": ("analyses", "tab"), "chart": ("charts", "fig")}
_GROUPS = {
    "participation": ("working_group", "interviews", "surveys", "network", "events"),
    "inventory": ("areas", "offer_categories", "offers_by_area", "offer_list"),
    "needs": ("findings", "needs"),
    "goals": ("goal_system", "indicator_table", "indicator_definitions", "monitoring"),
    "measures": ("measure_overview", "measure_sheets", "schedule", "costs"),
    "progress": ("monitoring_summary", "indicator_status", "measure_progress"),
    "types": ("area_map", "article_register", "article_assessment", "benchmarks", "swot", "financing_plan"),
    "social": ("index_method", "index_ranking", "index_groups", "map", "maps", "area_profile"),
    "survey": (
        "survey_method",
        "survey_results",
        "survey_question",
        "survey_tables",
        "survey_crosstabs",
        "survey_open_answers",
    ),
    "data": ("table", "tables", "analysis", "analyses", "chart", "bibliography", "abbreviations"),
}


def _legacy_block(name: str) -> Block:
    return LegacyBlock(name)


class LegacyBlock(Block):
    """A block of the old tables."""

    def __init__(self, name: str):
        self.spec = BLOCKS[name]
        self.name = name  # type: ignore[misc]
        self.description = self.spec.description  # type: ignore[misc]
        self.params = self.spec.params  # type: ignore[misc]
        self.snippet = self.spec.snippet  # type: ignore[misc]
        self.shows = _SHOWS.get(name)  # type: ignore[misc]
        self.needs = (_NEEDS[name],) if name in _NEEDS else ()  # type: ignore[misc]
        self.section = _SECTION_OF.get(name, name)  # type: ignore[misc]
        group = next(g for g, names in _GROUPS.items() if name in names)
        self.group = group  # type: ignore[misc]
        self.position = _GROUPS[group].index(name)  # type: ignore[misc]
        self.picture = Picture()  # type: ignore[misc]

    def __reduce__(self) -> Any:
        return _legacy_block, (self.name,)

    def entries(self, concept: Any, params: Any) -> list:
        return self.spec.entries(concept, params)

    def data_entries(self, concept: Any, data: Any, params: Any) -> list | None:
        if self.spec.data_entries is None:
            return None
        return self.spec.data_entries(concept, data, params)

    def empty(self, concept: Any, params: Any) -> bool:
        return self.spec.empty(concept, params)

    def references(self, params: Any) -> list[tuple[str, str]]:
        return self.spec.references(params)

    def mentions(self, concept: Any, params: Any) -> set[str]:
        if self.shows is not None:
            return super().mentions(concept, params)
        if self.name in ("tables", "analyses"):
            every = concept.tables if self.name == "tables" else concept.analyses
            shown = params.only or [t.id for t in every if t.id not in params.skip]
            return {f"tab:{ident}" for ident in shown}
        return set()

    def context(self, inputs: Any, params: Any) -> Any:
        from conceptgen.document import social_blocks, survey_blocks

        if self.name in social_blocks.SNIPPETS:
            social = inputs.social
            return social_blocks.social_block(self.name, params, social) if social is not None else None
        if self.name in survey_blocks.SNIPPETS:
            survey = inputs.survey
            return survey_blocks.survey_block(self.name, params, survey) if survey is not None else None
        build = document_blocks.BUILDERS.get(self.name)
        if build is None:
            return None
        return build(inputs.context, params, inputs.concept, inputs.language)

    def parts(self, inputs: Any, params: Any, node: Any) -> Any:
        from conceptgen.document import social_blocks, survey_blocks, type_blocks

        if self.name in social_blocks.PARTS:
            social = inputs.social
            return social_blocks.social_part(self.name, params, social) if social is not None else None
        if self.name in survey_blocks.PARTS:
            survey = inputs.survey
            if survey is None:
                return None
            appendix = any(n.block == "survey_open_answers" for _k, n in inputs.outline.keyed())
            return survey_blocks.survey_part(self.name, params, survey, node.level, inputs.source, appendix)
        if self.name in type_blocks.PARTS:
            return type_blocks.type_part(self.name, params, inputs.concept, inputs.language, inputs.data)
        return None


def legacy_blocks(declared: set[str]) -> list[Block]:
    """The blocks of the old tables that no module declares yet."""
    return [LegacyBlock(name) for name in BLOCKS if name not in declared]
