"""What the blocks of a survey share (befragung.yaml): their parameters, the IDs they name, and the labels
they write once the survey is evaluated (outline/survey_labels.py: ``check`` promises what ``render``
writes)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from conceptgen.model import Concept
from conceptgen.model.base import Id, StrictModel, Text


class SurveySelection(StrictModel):
    topics: list[Id] | None = Field(None, description="nur diese Themen (IDs aus befragung.yaml); sonst alle")
    questions: list[Text] | None = Field(None, description="nur diese Fragen (Codes); sonst alle")


def surveyed(concept: Concept) -> bool:
    return concept.questionnaire is not None


def survey_references(params: Any) -> list[tuple[str, str]]:
    """The topics and questions a block names (checked against befragung.yaml and the structure export)."""
    found = [("topic", t) for t in getattr(params, "topics", None) or []]
    found += [("question", q) for q in getattr(params, "questions", None) or []]
    if getattr(params, "question", None):
        found.append(("question", params.question))
    return found


def evaluated(data: Any) -> Any:
    """The evaluated survey of the analysed data, or None."""
    return getattr(data, "survey", None)
