"""The bibliography: how a source is listed (Autor (Jahr): Titel. Verlag. URL (abgerufen am …).)."""

from __future__ import annotations

from typing import Any

from conceptgen.language import Language


def source_entry(s: Any, language: Language) -> dict[str, str]:
    """A source as the bibliography lists it, with its short form for citations."""
    parts = [f"{s.author}" if s.author else "", f"({s.year})" if s.year else ""]
    text = " ".join(p for p in parts if p)
    text = f"{text}: {s.title}" if text else s.title
    if s.publisher:
        text += f". {s.publisher}"
    if s.url:
        text += f". {s.url}"
        if s.accessed:
            text += f" ({language.terms['accessed']} {language.date(s.accessed)})"
    if s.note:
        text += f". {s.note}"
    return {
        "id": s.id,
        "text": text.rstrip(".") + ".",
        "short": s.citation_label(),
        "title": s.title,
        "url": s.url or "",
    }
