"""The bibliography: sources sorted by author and year, cited as „Autor 2023a“ where one author has
several sources in a year, listed as „Autor (2023a): Titel. Verlag. URL (abgerufen am …). Notiz.“"""

from __future__ import annotations

import string
from collections import defaultdict
from typing import Any

from conceptgen.language import Language


def authors_text(author: str | list[str] | None) -> str:
    """Authors as the list shows them: a list whose names hold commas („Müller, Anna“) is joined with
    semicolons, so that it stays unambiguous; others with commas."""
    if author is None:
        return ""
    if isinstance(author, str):
        return author
    separator = "; " if any("," in name for name in author) else ", "
    return separator.join(author)


def _surname(name: str) -> str:
    return name.split(",", 1)[0].strip() if "," in name else name.strip().split()[-1]


def authors_short(author: str | list[str] | None, language: Language) -> str:
    """Authors as a citation names them: one name, two joined with a slash, more as „X u. a.“."""
    if author is None:
        return ""
    if isinstance(author, str):
        return author
    names = [_surname(n) for n in author]
    if len(names) <= 2:
        return "/".join(names)
    return f"{names[0]} {language.terms['et_al']}"


def bibliography(sources: list[Any], language: Language) -> list[dict[str, str]]:
    """Every source as the list shows it, sorted by author (or title) and year, with its short form for
    citations; equal author and year get the suffixes a, b, … in the order of their titles."""
    entries = []
    for source in sources:
        author = authors_text(source.author)
        key = ((author or source.title).casefold(), source.year or 0, source.title.casefold())
        entries.append((key, source))
    entries.sort(key=lambda item: item[0])
    same: dict[tuple[str, int], list[Any]] = defaultdict(list)
    for _key, source in entries:
        if source.author and source.year:
            same[(authors_text(source.author).casefold(), source.year)].append(source)
    suffixes = {}
    for group in same.values():
        if len(group) > 1:
            suffixes.update({s.id: string.ascii_lowercase[i % 26] for i, s in enumerate(group)})
    return [_entry(source, language, suffixes.get(source.id, "")) for _key, source in entries]


def _entry(s: Any, language: Language, suffix: str) -> dict[str, str]:
    year = f"{s.year}{suffix}" if s.year else ""
    author = authors_text(s.author)
    text = " ".join(p for p in (author, f"({year})" if year else "") if p)
    text = f"{text}: {s.title}" if text else s.title
    if s.publisher:
        text = _sentence(text) + f" {s.publisher}"
    if s.url:
        text = _sentence(text) + f" {s.url}"
        if s.accessed:
            text += f" ({language.terms['accessed']} {language.date(s.accessed)})"
    if s.note:
        text = _sentence(text) + f" {s.note[0].upper()}{s.note[1:]}"
    if s.short:
        short = s.short
    elif s.author:
        name = authors_short(s.author, language)
        short = f"{name} {year}" if year else name
    else:
        short = s.title
    return {"id": s.id, "text": _sentence(text), "short": short, "title": s.title, "url": s.url or ""}


def _sentence(text: str) -> str:
    """``text`` ending in exactly one full stop (or its own ?, !)."""
    text = text.rstrip()
    return text if text.endswith((".", "!", "?")) else text + "."


def cite(concept: Any, language: Language, ident: str | None) -> str:
    """The short form of source ``ident`` as the text cites it („Europarat 2008“), or "" if unknown."""
    return next((e["short"] for e in bibliography(concept.sources, language) if e["id"] == ident), "")
