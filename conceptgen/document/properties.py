"""A document's properties (title, subject, author, keywords …) as Word shows them under File › Info."""

from __future__ import annotations

import datetime as dt

from conceptgen.language import Language
from conceptgen.model.project import DocumentSpec, ProjectMeta


def document_properties(project: ProjectMeta, spec: DocumentSpec, language: Language) -> dict[str, str]:
    """The core properties of one document of the project."""
    return {
        "title": spec.title or project.title,
        "subject": project.concept_type,
        "author": ", ".join(project.authors) or project.contractor,
        "keywords": f"{project.concept_type}; {project.client}",
        "comments": f"{project.status.value}, Version {project.version}",
        "language": language.tag,
        "category": project.concept_type,
    }


def document_timestamp(project: ProjectMeta) -> dt.datetime:
    """Creation and modification time of the document: the project's date, so equal input gives equal
    files."""
    return dt.datetime.combine(project.date, dt.time(0, 0), tzinfo=dt.UTC)
