"""The roles a template's styles play, and how to find them in a client's document: by the built-in
name Word keeps in every language (German Word writes the id ``berschrift1`` for „heading 1“,
``Listenabsatz`` for „List Paragraph“, ``Beschriftung`` for „caption“), by the German and English names
of custom styles, and by use (the style most paragraphs of the body have, the style with outline level 1).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from conceptgen.ooxml import body as xml_body
from conceptgen.ooxml import transplant
from conceptgen.ooxml.base import text_of
from conceptgen.template_design import ROLES, Role

__all__ = ["ROLES", "Match", "Role", "match_roles"]


CAPTION = re.compile(r"^(Tabelle|Abbildung|Abb\.|Tab\.|Table|Figure)\s+\d")


@dataclass
class Match:
    role: Role
    style: Any  # the client's style element, None when not found
    how: str  # "Name", "Gliederungsebene", "Verwendung" (as the report says it), or "" (not found)

    @property
    def name(self) -> str:
        return transplant.style_name(self.style) if self.style is not None else ""


def match_roles(document: Any) -> list[Match]:
    """Each role with the client's style that plays it."""
    found = []
    uses = transplant.style_uses(document)
    for role in ROLES:
        style = transplant.find_style(document, list(role.names), role.kind)
        how = "Name" if style is not None else ""
        if style is None and role.level is not None:
            style = _by_level(document, role.level, uses)
            how = "Gliederungsebene" if style is not None else ""
        if style is None and role.key == "body":
            style = _most_used(document, uses)
            how = "Verwendung" if style is not None else ""
        if style is None and role.key == "caption":
            style = _caption_by_use(document)
            how = "Verwendung" if style is not None else ""
        found.append(Match(role, style, how))
    return found


def _by_level(document: Any, level: int, uses: dict[str, int]) -> Any:
    candidates = [
        s
        for s in transplant.styles_of(document)
        if transplant.style_type(s) == "paragraph" and transplant.outline_level(document, s) == level
    ]
    return max(candidates, key=lambda s: uses.get(transplant.style_id(s) or "", 0), default=None)


def _most_used(document: Any, uses: dict[str, int]) -> Any:
    """The style of most body paragraphs that is no heading, title, list or caption."""
    for style_id, _count in sorted(uses.items(), key=lambda item: -item[1]):
        style = transplant.style_by_id(document, style_id)
        if style is None or transplant.outline_level(document, style) is not None:
            continue
        name = transplant.style_name(style).casefold()
        if not any(word in name for word in ("title", "titel", "list", "caption", "beschriftung", "normal")):
            return style
    return None


def _caption_by_use(document: Any) -> Any:
    """The style of the first paragraph of the body that reads like a caption („Tabelle 3 …“)."""
    for paragraph in xml_body.paragraphs(xml_body.body(document)):
        style = xml_body.paragraph_style_id(paragraph)
        if style is not None and CAPTION.match(text_of(paragraph)):
            return transplant.style_by_id(document, style)
    return None
