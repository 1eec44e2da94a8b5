"""Stage 2b: domain rules beyond the schema (IDs, references, hierarchy, completeness).

Each rule yields diagnostics located through the :class:`ProjectSource`; rules never stop early, so a
run reports every problem at once.
"""

from __future__ import annotations

from conceptgen.diagnostics import Diagnostic
from conceptgen.loading import ProjectSource
from conceptgen.model import Concept
from conceptgen.rules.completeness import check_completeness
from conceptgen.rules.concept_types import check_concept_types
from conceptgen.rules.references import IdIndex, check_references
from conceptgen.rules.schedule import check_schedule
from conceptgen.rules.texts import check_texts
from conceptgen.rules.vocabulary import check_vocabulary


def run_rules(
    concept: Concept, source: ProjectSource, indicator_values: dict[str, dict[int, float]] | None = None
) -> list[Diagnostic]:
    """Run every domain rule on a schema-valid concept; returns all findings.

    ``indicator_values`` are the values computed from data (stage 3), used where an indicator's
    baseline comes from its data; None when the data had errors (checks that need them are skipped).
    """
    index, found = IdIndex.build(concept, source)
    found += check_references(concept, index, source)
    found += check_completeness(concept, source, indicator_values)
    found += check_schedule(concept, source)
    found += check_texts(concept, source)
    found += check_vocabulary(concept, source)
    found += check_concept_types(concept, source)
    return found


__all__ = ["IdIndex", "run_rules"]
