"""The template styles generated content uses; template.yaml `styles:` may rename any of them."""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Styles:
    """Names of the template's styles that Markdown and the mechanics map to."""

    body: str = "Body Text"
    cell: str = "Table Text"
    quote: str = "Quote"
    list: str = "List Paragraph"
    table: str = "Konzept Tabelle"
    caption: str = "Caption"
    footnote_text: str = "Footnote Text"
    footnote_reference: str = "Footnote Reference"
    hyperlink: str = "Hyperlink"


STYLE_KEYS = tuple(f.name for f in fields(Styles))
