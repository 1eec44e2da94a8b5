"""The bibliography: sources sorted by author and year, cited as „Autor 2023a“ where one author has
several sources in a year, listed as „Autor (2023a): Titel. Verlag. URL (abgerufen am …). Notiz.“; a
project's own label that the author and year do not spell stands before its entry."""

from __future__ import annotations

from typing import Any

from conceptgen.language import Language
from conceptgen.model.citations import LABEL_YEAR, CitationLabel, authors_text, citation_labels


def bibliography(sources: list[Any], language: Language) -> list[dict[str, str]]:
    """Every source as the list shows it, with its short form for citations (``model/citations.py``:
    own labels kept, equal author and year told apart by a, b, …). Sorted by what the entry starts
    with: an own label that the author and year do not spell („UN-BRK 2006 – Vereinte Nationen
    (2006): …“), else the author (or title), then year and title."""
    labels, _problems = citation_labels(sources, language)  # ambiguous labels: refused by check (CG340)
    entries = []
    for source in sources:
        label = labels[source.id]
        if label.shown:
            first = LABEL_YEAR.sub("", label.short).strip()
        else:
            first = authors_text(source.author) or source.title
        entries.append(((first.casefold(), source.year or 0, source.title.casefold()), source))
    entries.sort(key=lambda item: item[0])
    return [_entry(source, language, labels[source.id]) for _key, source in entries]


def _entry(s: Any, language: Language, label: CitationLabel) -> dict[str, str]:
    author = authors_text(s.author)
    text = " ".join(p for p in (author, f"({label.year})" if label.year else "") if p)
    text = f"{text}: {s.title}" if text else s.title
    if label.shown:
        text = f"{label.short} – {text}"
    if s.publisher:
        text = _sentence(text) + f" {s.publisher}"
    if s.url:
        text = _sentence(text) + f" {s.url}"
        if s.accessed:
            text += f" ({language.terms['accessed']} {language.date(s.accessed)})"
    if s.note:
        text = _sentence(text) + f" {s.note[0].upper()}{s.note[1:]}"
    return {"id": s.id, "text": _sentence(text), "short": label.short, "title": s.title, "url": s.url or ""}


def _sentence(text: str) -> str:
    """``text`` ending in exactly one full stop (or its own ?, !)."""
    text = text.rstrip()
    return text if text.endswith((".", "!", "?")) else text + "."


def cite(concept: Any, language: Language, ident: str | None) -> str:
    """The short form of source ``ident`` as the text cites it („Europarat 2008“), or "" if unknown."""
    return next((e["short"] for e in bibliography(concept.sources, language) if e["id"] == ident), "")
