"""Citations a reader could not resolve (CG340–CG342): the labels of ``model/citations.py`` located in
sources.yaml — at the source's own ``short:`` where it has one."""

from __future__ import annotations

from conceptgen.diagnostics import Diagnostic, diagnostic
from conceptgen.language import Language
from conceptgen.loading import ProjectSource
from conceptgen.loading.yaml_loader import format_path
from conceptgen.model import Concept
from conceptgen.model.citations import citation_labels


def check_citations(concept: Concept, source: ProjectSource, language: Language) -> list[Diagnostic]:
    """CG340 two sources cited alike, CG341 an own label without the letter its author's year needs,
    CG342 an own label naming another year than its source."""
    _labels, problems = citation_labels(concept.sources, language)
    found = []
    for problem in problems:
        path: tuple = ("sources", problem.index, "short") if problem.own else ("sources", problem.index)
        found.append(
            diagnostic(
                problem.code,
                problem.message,
                source.locate(path),
                key_path=format_path(path),
                hint=problem.hint,
            )
        )
    return found
