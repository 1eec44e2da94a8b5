"""The IDs a block's parameters may name, by kind (a table of data.yaml, a field of action, an index of
sozialraum.yaml, a survey question …): ``check`` resolves them with a near miss as hint
(outline/resolve.py); each block says which kinds it names (``Block.references``)."""

from __future__ import annotations

from typing import Any

from conceptgen.model import Concept

REFERENCE_HINTS = {
    "field": "siehe goals.yaml (fields_of_action)",
    "index": "siehe sozialraum.yaml",
    "mapped": "siehe sozialraum.yaml",
    "question": "siehe befragung.yaml",
    "topic": "siehe befragung.yaml (topics)",
}

# What a block parameter of each kind names, for „unbekannte Tabelle „T9““ (German: with its article).
REFERENCE_NAMES = {
    "table": "unbekannte Tabelle",
    "chart": "unbekanntes Diagramm",
    "field": "unbekanntes Handlungsfeld",
    "analysis": "unbekannte Auswertung",
    "index": "unbekannter Index",
    "mapped": "unbekannter Index oder unbekannte Kennzahl",
    "topic": "unbekanntes Thema",
    "question": "unbekannte Frage",
}


def known_ids(concept: Concept, data: Any, kind: str) -> list[str]:
    """The IDs a block parameter of ``kind`` may name (a table, an index, a survey question …)."""
    social = concept.social_space
    if kind == "table":
        return [t.id for t in concept.tables]
    if kind == "field":
        return [f.id for f in concept.fields_of_action]
    if kind == "analysis":
        return [a.id for a in concept.analyses]
    if kind == "index":
        return [i.id for i in social.indices] if social else []
    if kind == "mapped":
        return [i.id for i in (*social.indices, *social.indicators)] if social else []
    spec = concept.questionnaire
    if kind == "topic":
        return [t.id for t in spec.topics] if spec else []
    if kind == "question":
        survey = getattr(data, "survey", None)
        if survey is not None:  # with the questions of the structure export
            return [q.code for q in survey.questions]
        return [q.code for q in spec.questions] if spec else []
    return [c.id for c in concept.charts]
