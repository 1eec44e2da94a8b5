"""Document structure as data: outlines (chapters, texts, blocks), what a block is, concept types.

- ``types``: the concept types with their default outlines and vocabularies
- ``block``: the protocol of a block (its modules are in conceptgen/blocks, the registry hands them in)
- ``resolve``: the outline of each document, checked and numbered, with the labels it defines
"""

from __future__ import annotations

from conceptgen.model import Concept
from conceptgen.model.concept_types import concept_type


def vocabulary_terms(concept: Concept) -> dict[str, str]:
    """The project's words: its concept type's, then its own ``vocabulary.terms`` over them."""
    own = concept.project.vocabulary
    words = {**concept_type(concept.project.concept_type).vocabulary.terms, **own.terms}
    # a noun given with its forms (TermForms) as the mapping the terms read
    return {
        k: v if isinstance(v, str) else v.model_dump(mode="json", exclude_none=True) for k, v in words.items()
    }


def levels(concept: Concept) -> list[str]:
    """The Wirkungsebenen a measure may name: the project's own list, else its concept type's."""
    own = concept.project.vocabulary.levels
    return (
        list(own)
        if own is not None
        else list(concept_type(concept.project.concept_type).vocabulary.levels or [])
    )


__all__ = ["levels", "vocabulary_terms"]
