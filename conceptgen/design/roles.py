"""The roles a template's styles play, and how to find them in a client's document: by the built-in
name Word keeps in every language (German Word writes the id ``berschrift1`` for „heading 1“,
``Listenabsatz`` for „List Paragraph“, ``Beschriftung`` for „caption“), by the German and English names
of custom styles, and by use (the style most paragraphs of the body have, the style with outline level 1).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from conceptgen.ooxml import transplant


@dataclass(frozen=True)
class Role:
    key: str  # how the report names it
    target: str  # the template's style (built-in konzept names)
    names: tuple[str, ...]  # names in a client's document, most specific first
    required: bool = False  # a template without it is incomplete (CG410)
    kind: str = "paragraph"
    level: int | None = None  # a heading: its outline level (0 = heading 1)


ROLES = (
    Role("Normal", "Normal", ("Normal", "Standard"), required=True),
    Role("body", "Body Text", ("Body Text", "Textkörper", "Fließtext", "Grundtext", "Text"), required=True),
    Role("heading 1", "Heading 1", ("heading 1", "Überschrift 1"), required=True, level=0),
    Role("heading 2", "Heading 2", ("heading 2", "Überschrift 2"), required=True, level=1),
    Role("heading 3", "Heading 3", ("heading 3", "Überschrift 3"), required=True, level=2),
    Role("title", "Title", ("Title", "Titel")),
    Role("subtitle", "Subtitle", ("Subtitle", "Untertitel")),
    Role("list", "List Paragraph", ("List Paragraph", "Listenabsatz", "List Bullet", "Aufzählungszeichen")),
    Role("caption", "Caption", ("caption", "Beschriftung"), required=True),
    Role("quote", "Quote", ("Quote", "Zitat")),
    Role("table text", "Table Text", ("Table Text", "Tabellentext", "Tabelle Text", "Tabelleninhalt")),
    Role("footnote", "Footnote Text", ("footnote text", "Fußnotentext")),
    Role("header", "Header", ("header", "Kopfzeile")),
    Role("footer", "Footer", ("footer", "Fußzeile")),
)
CAPTION = re.compile(r"^(Tabelle|Abbildung|Abb\.|Tab\.|Table|Figure)\s+\d")


@dataclass
class Match:
    role: Role
    style: Any  # the client's style element, None when not found
    how: str  # "name", "outline level", "use", or "" (not found)

    @property
    def name(self) -> str:
        return transplant.style_name(self.style) if self.style is not None else ""


def match_roles(document: Any) -> list[Match]:
    """Each role with the client's style that plays it."""
    found = []
    uses = transplant.style_uses(document)
    for role in ROLES:
        style = transplant.find_style(document, list(role.names), role.kind)
        how = "name" if style is not None else ""
        if style is None and role.level is not None:
            style = _by_level(document, role.level, uses)
            how = "outline level" if style is not None else ""
        if style is None and role.key == "body":
            style = _most_used(document, uses)
            how = "use" if style is not None else ""
        if style is None and role.key == "caption":
            style = _caption_by_use(document)
            how = "use" if style is not None else ""
        found.append(Match(role, style, how))
    return found


def _by_level(document: Any, level: int, uses: dict[str, int]) -> Any:
    candidates = [
        s
        for s in transplant.styles_of(document)
        if transplant.style_type(s) == "paragraph" and transplant.outline_level(document, s) == level
    ]
    return max(candidates, key=lambda s: uses.get(s.get(transplant.qn("w:styleId")), 0), default=None)


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
    qn = transplant.qn
    for paragraph in document.element.body.iter(qn("w:p")):
        text = "".join(t.text or "" for t in paragraph.iter(qn("w:t")))
        style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        if CAPTION.match(text) and style is not None:
            return transplant.style_by_id(document, style.get(qn("w:val")))
    return None
