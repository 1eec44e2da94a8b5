"""settings.xml: fields updated on opening."""

from __future__ import annotations

from typing import Any

from conceptgen.ooxml.base import SETTINGS_ORDER, get_or_insert, qn


def set_update_fields(document: Any) -> None:
    """Ask Word to update all fields (TOC, page numbers) when it opens the document."""
    get_or_insert(document.settings.element, "w:updateFields", SETTINGS_ORDER).set(qn("w:val"), "true")
