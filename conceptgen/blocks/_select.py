"""What several blocks share: the parameters that select entries (``measures: ["1"]``, ``fields: [HF1]``,
``only``/``skip`` …) and the selections they make, in the concept (for ``check``) and in the document's
context (for the data a snippet reads)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from conceptgen.model import Concept
from conceptgen.model.base import Id, StrictModel

Context = dict[str, Any]


class MeasureSelection(StrictModel):
    measures: list[Id] | None = Field(None, description="nur diese Schlüsselmaßnahmen (IDs); sonst alle")
    fields: list[Id] | None = Field(
        None, description="nur die Maßnahmen dieser Handlungsfelder (IDs): ein Kapitel je Handlungsfeld"
    )


class AreaSelection(StrictModel):
    areas: list[Id] | None = Field(None, description="nur diese Gebiete (IDs); sonst alle")


class IndicatorSelection(StrictModel):
    indicators: list[Id] | None = Field(None, description="nur diese Kennzahlen (IDs); sonst alle")


class DataSelection(StrictModel):
    only: list[Id] | None = Field(None, description="nur diese IDs, in dieser Reihenfolge; sonst alle")
    skip: list[Id] = Field(default_factory=list, description="diese IDs auslassen (sie stehen anderswo)")


class ItemId(StrictModel):
    id: Id = Field(description="ID des Eintrags (data.yaml bzw. charts.yaml)")


def measures(concept: Concept, params: Any) -> list:
    """The key measures a block shows: ``measures`` and those of ``fields``, all by default."""
    wanted = getattr(params, "measures", None)
    fields = getattr(params, "fields", None)
    return [
        m
        for m in concept.measures
        if (wanted is None or m.id in wanted) and (fields is None or m.field_of_action in fields)
    ]


def indicators(concept: Concept, params: Any) -> list:
    wanted = getattr(params, "indicators", None)
    return [k for k in concept.indicators if wanted is None or k.id in wanted]


def data_items(items: list, params: Any) -> list:
    """Tables or analyses of data.yaml a block shows: ``only`` in its order, else all but ``skip``."""
    by_id = {item.id: item for item in items}
    wanted = getattr(params, "only", None)
    chosen = [by_id[i] for i in wanted if i in by_id] if wanted is not None else list(items)
    return [item for item in chosen if item.id not in getattr(params, "skip", [])]


def data_mentions(items: list, params: Any) -> set[str]:
    """The tables (``tab:id``) a block of data.yaml's tables or analyses places: ``only``, else all but
    ``skip``."""
    shown = params.only or [t.id for t in items if t.id not in params.skip]
    return {f"tab:{ident}" for ident in shown}


def field_references(params: Any) -> list[tuple[str, str]]:
    """The fields of action a block's ``fields`` names (checked against goals.yaml)."""
    return [("field", f) for f in getattr(params, "fields", None) or []]


def data_references(params: Any, kind: str) -> list[tuple[str, str]]:
    return [(kind, ident) for ident in (*(getattr(params, "only", None) or []), *getattr(params, "skip", []))]


def only(items: list[Context], wanted: list[str] | None, key: str = "id") -> list[Context]:
    """The entries of a context list whose ``key`` is wanted (all for None), in the list's order."""
    return items if wanted is None else [i for i in items if i[key] in wanted]


def chosen(concept: Concept, params: Any, key: str) -> list[str] | None:
    """IDs of the goals or measures a block shows (``goals``/``measures`` and ``fields``), None: all."""
    wanted = getattr(params, key, None)
    fields = getattr(params, "fields", None)
    if fields is None:
        return wanted
    items = concept.goals if key == "goals" else concept.measures
    return [i.id for i in items if i.field_of_action in fields and (wanted is None or i.id in wanted)]


def context_items(items: dict[str, Any], params: Any) -> list[Any]:
    """The document's tables or analyses by ID as a list: ``only`` in its order, else all but ``skip``."""
    wanted = getattr(params, "only", None)
    found = [items[i] for i in wanted if i in items] if wanted is not None else list(items.values())
    return [t for t in found if t.id not in getattr(params, "skip", [])]


def legend(language: Any, marked: bool) -> str:
    """The legend of the sample mark, when an entry shown is marked as a sample."""
    return language.terms["sample_legend"] if marked else ""


def measure_samples(items: list) -> set[str]:
    """``measure:id`` and ``task:id`` of the measures ``items`` and their tasks (Block.samples)."""
    return {f"measure:{m.id}" for m in items} | {f"task:{t.id}" for m in items for t in m.tasks}


def indicator_samples(items: list) -> set[str]:
    return {f"indicator:{k.id}" for k in items}


def offer_samples(offers: list) -> set[str]:
    """``offer:id`` and ``capacity:id`` of ``offers`` (an offer's capacity comes with it)."""
    return {f"offer:{o.id}" for o in offers} | {f"capacity:{o.id}" for o in offers if o.capacity}
