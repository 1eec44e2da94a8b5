"""Citations a reader could not resolve (CG340–CG342): the labels of ``model/citations.py`` located in
sources.yaml — at the source's own ``short:`` where it has one; a source later than the documents
(CG344)."""

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


def check_source_years(concept: Concept, source: ProjectSource) -> list[Diagnostic]:
    """CG344: a source of a later year than every document of the project (a concept of 2016 that
    cites a directive of 2023), or one retrieved („abgerufen am“) after it."""
    project = concept.project
    dates = [project.date, *(d.date for d in project.documents if d.date is not None)]
    latest = max(dates)
    found = []
    for i, entry in enumerate(concept.sources):
        if entry.year is not None and entry.year > latest.year:
            path = ("sources", i, "year")
            found.append(
                diagnostic(
                    "CG344",
                    f"Quelle „{entry.id}“ ist von {entry.year}, das jüngste Dokument des Projekts vom "
                    f"{latest:%d.%m.%Y} — es kann keine spätere Quelle zitieren",
                    source.locate(path),
                    key_path=format_path(path),
                    hint="Jahr der Quelle oder date: in project.yaml berichtigen; galt zur Zeit des "
                    "Dokuments eine frühere Fassung (einer Richtlinie, eines Gesetzes), diese zitieren",
                )
            )
        if entry.accessed is not None and entry.accessed > latest:
            path = ("sources", i, "accessed")
            found.append(
                diagnostic(
                    "CG344",
                    f"Quelle „{entry.id}“ abgerufen am {entry.accessed:%d.%m.%Y}, nach dem jüngsten Dokument "
                    f"des Projekts vom {latest:%d.%m.%Y}",
                    source.locate(path),
                    key_path=format_path(path),
                    hint="das Abrufdatum (accessed:) oder date: in project.yaml berichtigen",
                )
            )
    return found
