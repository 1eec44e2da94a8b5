"""settings.xml: zoom, hyphenation, fields updated on opening."""

from __future__ import annotations

from typing import Any

from conceptgen.ooxml.base import SETTINGS_ORDER, get_or_insert, qn


def complete_zoom(document: Any) -> None:
    """Give ``w:zoom`` the percentage the schema requires (Word itself writes it without, at times)."""
    zoom = document.settings.element.find(qn("w:zoom"))
    if zoom is not None and zoom.get(qn("w:percent")) is None:
        zoom.set(qn("w:percent"), "100")


def set_auto_hyphenation(document: Any) -> None:
    """Hyphenate automatically (Word does it from this setting; LibreOffice needs the language's
    hyphenation patterns installed, Debian's hyphen-de for German)."""
    get_or_insert(document.settings.element, "w:autoHyphenation", SETTINGS_ORDER).set(qn("w:val"), "true")


def set_update_fields(document: Any) -> None:
    """Ask Word to update all fields (TOC, page numbers) when it opens the document."""
    get_or_insert(document.settings.element, "w:updateFields", SETTINGS_ORDER).set(qn("w:val"), "true")
