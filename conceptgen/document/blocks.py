"""The context of each block an outline places: what its snippet sees as ``block`` (docs/blocks.md).

Built from the document's full context, so a block shows exactly what the rest of the document shows,
narrowed to the entries its parameters select (``measures: ["1"]``, ``areas: [neuss]`` …).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from conceptgen.document.costs import cost_summary
from conceptgen.language import Language
from conceptgen.markup import Markdown
from conceptgen.model import Concept

if TYPE_CHECKING:
    from conceptgen.outline.nodes import DocumentOutline

Context = dict[str, Any]


def participation_extras(concept: Concept, language: Language, md: Callable[..., Markdown]) -> Context:
    """Networks and events of participation.yaml, preformatted."""
    mark = language.terms["sample_mark"]
    networks = [
        {
            "id": n.id,
            "name": n.name,
            "mark": mark if n.sample else "",
            "kind": n.kind or "",
            "lead": n.lead or "",
            "members": list(n.members),
            "members_text": ", ".join(n.members),
            "rhythm": n.rhythm or "",
            "description": md(n.description, ("networks", i, "description")),
        }
        for i, n in enumerate(concept.networks)
    ]
    events = [
        {
            "id": e.id,
            "title": e.title,
            "mark": mark if e.sample else "",
            "kind": e.kind or "",
            "date": language.date(e.date),
            "place": e.place or "",
            "participants": language.number(e.participants) if e.participants is not None else "",
            "target_group": e.target_group or "",
            "results": list(e.results),
            "results_text": "; ".join(e.results),
            "description": md(e.description, ("events", i, "description")),
        }
        for i, e in enumerate(sorted(concept.events, key=lambda e: e.date))
    ]
    return {
        "networks": networks,
        "networks_sample_note": _legend(language, any(n.sample for n in concept.networks)),
        "events": events,
        "events_sample_note": _legend(language, any(e.sample for e in concept.events)),
    }


def task_details(task: Context, language: Language) -> list[Context]:
    """What a task's row in the measure sheet does not show, as label and value (empty fields left out):
    target group, partners, costs with funding, goals and indicators by their IDs."""
    terms = language.terms
    none = terms["none"]
    costs = task["costs"] if task["costs"] != none else ""
    if costs and task["funding"]:
        costs += f", {terms['detail.funding']}: {task['funding']}"
    values = {
        "target_group": task["target_group"] if task["target_group"] != none else "",
        "partners_text": task["partners_text"] if task["partners_text"] != none else "",
        "costs": costs,
        "goals_text": ", ".join(g["id"] for g in task["goals"]),
        "indicators_text": ", ".join(k["id"] for k in task["indicators"]),
    }
    return [{"label": terms[f"detail.{key}"], "value": value} for key, value in values.items() if value]


def _legend(language: Language, marked: bool) -> str:
    return language.terms["sample_legend"] if marked else ""


def _only(items: list[Context], wanted: list[str] | None, key: str = "id") -> list[Context]:
    return items if wanted is None else [i for i in items if i[key] in wanted]


@dataclass
class BlockInputs:
    """What the blocks of one document make their data from (a block's ``context`` and ``parts``, see
    outline/block.py): the document's context, the concept, its language, the analysed data and the
    outline; the contexts of a Sozialraumanalyse and of a survey are made once, when a block asks."""

    context: Context
    concept: Concept
    language: Language
    data: Any
    outline: DocumentOutline
    source: Any = None

    @cached_property
    def social(self) -> Any:
        """The Sozialraumanalyse for the document (document/social.py), or None."""
        if self.concept.social_space is None:
            return None
        from conceptgen.document.social_blocks import social_context

        return social_context(self.concept, self.data, self.language)

    @cached_property
    def survey(self) -> Any:
        """The survey for the document (document/survey.py), or None."""
        return _survey_context(self.data, self.language)

    def placed(self, kind: type) -> bool:
        """Whether the document places a block of this kind (a Block subclass) anywhere."""
        return any(isinstance(node.spec, kind) for _key, node in self.outline.keyed())


def block_contexts(
    outline: DocumentOutline, context: Context, concept: Concept, language: Language, data: Any = None
) -> dict[str, Context]:
    """``block`` of every block node of ``outline`` that has a snippet, by the node's key (``n12``)."""
    return block_data(BlockInputs(context, concept, language, data, outline))[0]


def block_data(inputs: BlockInputs) -> tuple[dict[str, Context], dict[str, Any]]:
    """What each block of the outline shows, by the node's key: the data of a snippet block (its
    ``block``), and what a block built by code inserts (headings, texts, tables, charts, maps)."""
    contexts: dict[str, Context] = {}
    parts: dict[str, Any] = {}
    for key, node in inputs.outline.keyed():
        spec = node.spec
        if node.kind != "block" or spec is None or spec.shows is not None:
            continue
        if spec.snippet:
            value = spec.context(inputs, node.params)
            if value is not None:
                contexts[key] = value
        else:
            parts[key] = spec.parts(inputs, node.params, node)
    return contexts, parts


def _survey_context(data: Any, language: Language) -> Any:
    result = getattr(data, "survey", None) if data is not None else None
    if result is None:
        return None
    from conceptgen.document.survey import SurveyContext

    return SurveyContext(result, language)


def _data(items: dict[str, Any], params: Any) -> list[Any]:
    """Tables or analyses by ID as a list: ``only`` in its order, else all but ``skip``."""
    wanted = getattr(params, "only", None)
    chosen = [items[i] for i in wanted if i in items] if wanted is not None else list(items.values())
    return [t for t in chosen if t.id not in getattr(params, "skip", [])]


def _chosen(concept: Concept, params: Any, key: str) -> list[str] | None:
    """IDs of the goals or measures a block shows (``goals``/``measures`` and ``fields``), None: all."""
    wanted = getattr(params, key, None)
    fields = getattr(params, "fields", None)
    if fields is None:
        return wanted
    items = concept.goals if key == "goals" else concept.measures
    return [i.id for i in items if i.field_of_action in fields and (wanted is None or i.id in wanted)]


def _measures_block(context: Context, params: Any, concept: Concept, language: Language) -> Context:
    measures = _only(context["measures"], _chosen(concept, params, "measures"))
    flat = [item for m in measures for item in (m, *m["tasks"])]
    groups = [
        {
            "priority": g["priority"],
            "label": g["label"],
            "measures": [item for item in g["measures"] if item in flat],
        }
        for g in context["measures_by_priority"]
    ]
    from conceptgen.outline.catalogue import priority_label

    fields = {f.id: f.name for f in concept.fields_of_action}
    return {
        "label": priority_label(params),
        "subject": ", ".join(fields.get(f, f) for f in getattr(params, "fields", None) or []),
        "measures": measures,
        "groups": [g for g in groups if g["measures"]],
        "measure_count": len(measures),
        "task_count": sum(len(m["tasks"]) for m in measures),
        "new_page": getattr(params, "new_page", True),
        "sample_note": _legend(language, any(m["sample_note"] for m in measures)),
    }


def _costs_block(context: Context, params: Any, concept: Concept, language: Language) -> Context:
    from conceptgen.outline.catalogue import costed

    measures = _only(context["measures"], [m.id for m in costed(concept, params)])
    planned = set()
    if concept.financing is not None and not getattr(params, "financed", True):
        planned = {p.measure for p in concept.financing.projects}  # a task of the plan
    return cost_summary(concept, language, measures, planned)


def _indicators_block(context: Context, params: Any, concept: Concept, language: Language) -> Context:
    indicators = _only(context["indicators"], getattr(params, "indicators", None))
    return {
        "indicators": indicators,
        "sample_note": _legend(language, any(k["sample"] for k in indicators)),
    }


def _offers_by_area(context: Context, params: Any, concept: Concept, language: Language) -> Context:
    areas = _only(context["inventory"]["by_area"], getattr(params, "areas", None))
    return {"areas": areas, "offer_count": sum(len(a["offers"]) for a in areas)}


def _areas_block(context: Context, params: Any, concept: Concept, language: Language) -> Context:
    areas = _only(context["areas"], getattr(params, "areas", None))
    return {"areas": areas, "with_population": any(a["population"] for a in areas)}


BUILDERS: dict[str, Callable[[Context, Any, Concept, Language], Context]] = {
    "working_group": lambda c, p, concept, lang: dict(c["participation"]["working_group"]),
    "interviews": lambda c, p, concept, lang: dict(c["participation"]["interviews"]),
    "surveys": lambda c, p, concept, lang: {"surveys": c["participation"]["surveys"]},
    "network": lambda c, p, concept, lang: {
        "networks": c["participation"]["networks"],
        "sample_note": c["participation"]["networks_sample_note"],
    },
    "events": lambda c, p, concept, lang: {
        "events": c["participation"]["events"],
        "count": len(c["participation"]["events"]),
        "sample_note": c["participation"]["events_sample_note"],
    },
    "areas": _areas_block,
    "offer_categories": lambda c, p, concept, lang: {
        "categories": c["categories"],
        "offer_count": c["inventory"]["offer_count"],
    },
    "offers_by_area": _offers_by_area,
    "findings": lambda c, p, concept, lang: {"findings": _only(c["findings"], getattr(p, "findings", None))},
    "needs": lambda c, p, concept, lang: {"needs": c["needs"]},
    "goal_system": lambda c, p, concept, lang: {"goals": _only(c["goals"], _chosen(concept, p, "goals"))},
    "indicator_table": _indicators_block,
    "indicator_definitions": _indicators_block,
    "monitoring": _indicators_block,
    "measure_overview": _measures_block,
    "measure_sheets": _measures_block,
    "schedule": _measures_block,
    "costs": _costs_block,
    "bibliography": lambda c, p, concept, lang: {"sources": c["sources"]},
    "offer_list": lambda c, p, concept, lang: {
        "offers": c["offers"],
        "sample_note": c["inventory"]["sample_note"],
    },
    "tables": lambda c, p, concept, lang: {"tables": _data(c["tables"], p)},
    "analyses": lambda c, p, concept, lang: {"analyses": _data(c["analyses"], p)},
    "abbreviations": lambda c, p, concept, lang: {"abbreviations": c["abbreviations"]},
}
