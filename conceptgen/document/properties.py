"""A document's properties (title, subject, author, keywords …) as Word shows them under File › Info."""

from __future__ import annotations

import datetime as dt

from conceptgen.language import Language
from conceptgen.model.project import DocumentSpec, ProjectMeta

# Leichte Sprache has no language subtag of its own: BCP 47's private use „x-ls“ after the language
# (de-DE-x-ls) says it, and a reader that does not know it falls back to de-DE (RFC 4647 lookup)
PLAIN_LANGUAGE_SUBTAG = "x-ls"


def document_properties(
    project: ProjectMeta, spec: DocumentSpec, language: Language, plain_language: bool = False
) -> dict[str, str]:
    """The core properties of one document of the project; a document in Leichte Sprache
    (``plain_language``) declares it in its language (de-DE-x-ls), which its PDF carries on."""
    tag = f"{language.tag}-{PLAIN_LANGUAGE_SUBTAG}" if plain_language else language.tag
    return {
        "title": spec.title or project.title,
        "subject": project.concept_type,
        "author": ", ".join(project.authors) or project.contractor,
        "keywords": f"{project.concept_type}; {project.client}",
        "comments": f"{status_word(project, language)}, {language.terms['doc.version']} {project.version}",
        "language": tag,
        "category": project.concept_type,
    }


def document_timestamp(project: ProjectMeta) -> dt.datetime:
    """Creation and modification time of the document: the project's date, so equal input gives equal
    files."""
    return dt.datetime.combine(project.date, dt.time(0, 0), tzinfo=dt.UTC)


def status_word(project: ProjectMeta, language: Language) -> str:
    """The document's status (Entwurf, Endfassung) as the document's language says it."""
    return language.terms[f"status.{project.status.value.lower()}"]
