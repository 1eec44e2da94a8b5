"""The template's styles by name and by id, read once per document (python-docx scans all styles on
every lookup by name, which dominated rendering of large documents)."""

from __future__ import annotations

from typing import Any

from conceptgen.ooxml import styles as xml_styles


class StyleMap:
    """Style names ↔ ids of one document; styles created while rendering are added as they come."""

    def __init__(self, document: Any):
        self.document = document
        self.names = xml_styles.style_names(document)  # id → name
        self.ids = {name: style_id for style_id, name in self.names.items()}  # name → id

    def id(self, name: str) -> str | None:
        """The id of the style called ``name``, or None when the template has no such style."""
        return self.ids.get(name)

    def has(self, name: str) -> bool:
        return name in self.ids

    def name(self, style_id: str | None) -> str | None:
        """The name of the style with ``style_id`` (the id itself when unknown; None for None)."""
        if style_id is None:
            return None
        return self.names.get(style_id, style_id)

    def ensure_paragraph(self, name: str, base: str = "Normal", size_pt: float | None = None) -> str:
        """The id of paragraph style ``name``, created when missing."""
        return self._remember(name, xml_styles.ensure_paragraph_style(self.document, name, base, size_pt))

    def ensure_character(self, name: str, **look: Any) -> str:
        """The id of character style ``name``, created (with ``look``) when missing."""
        return self._remember(name, xml_styles.ensure_character_style(self.document, name, **look))

    def _remember(self, name: str, style_id: str) -> str:
        self.ids.setdefault(name, style_id)
        self.names.setdefault(style_id, name)
        return style_id
