"""The context of each block an outline places: what its snippet sees as ``block`` (docs/blocks.md).

Built from the document's full context, so a block shows exactly what the rest of the document shows,
narrowed to the entries its parameters select (``measures: ["1"]``, ``areas: [neuss]`` …).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from conceptgen.language import Language
from conceptgen.markup import Markdown
from conceptgen.model import Concept

if TYPE_CHECKING:
    from conceptgen.outline.nodes import DocumentOutline

Context = dict[str, Any]


def _legend(language: Language, marked: bool) -> str:
    return language.terms["sample_legend"] if marked else ""


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
            # „Quartierswerkstatt (Werkstatt)“ said the same twice: a kind the title already names is left out
            "kind": e.kind if e.kind and e.kind.lower() not in e.title.lower() else "",
            "date": language.date(e.date),
            # an empty cell could mean none: a field not given says so („k. A.“)
            "place": e.place or language.terms["doc.not_stated"],
            "participants": language.number(e.participants)
            if e.participants is not None
            else language.terms["doc.not_stated"],
            "target_group": e.target_group or "",
            "results": list(e.results),
            "results_text": "; ".join(e.results),
            "description": md(e.description, ("events", i, "description")),
        }
        for i, e in sorted(enumerate(concept.events), key=lambda pair: pair[1].date)
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
    memo: dict | None = None  # kept across the documents of a batch (build_context's ``shared``)

    @cached_property
    def social(self) -> Any:
        """The Sozialraumanalyse for the document (document/social.py), or None; one for the documents
        of a batch (550 profiles and the report show the same profile of an area)."""
        if self.concept.social_space is None:
            return None
        from conceptgen.document.social_blocks import social_context

        if self.memo is None:
            return social_context(self.concept, self.data, self.language)
        key = ("social", id(self.data), id(self.language))
        if key not in self.memo:
            self.memo[key] = social_context(self.concept, self.data, self.language)
        return self.memo[key]

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
