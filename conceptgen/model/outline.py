"""Outlines: a document's structure as data — chapters in any order, each made of texts and blocks.

```yaml
outline:
  - chapter: Einleitung
    label: einleitung
    content:
      - text: einleitung              # text/einleitung.md
  - chapter: Maßnahmen
    content:
      - text: massnahmen
      - section: Übersicht
        content: [{block: measure_overview}]
      - block: measure_sheets
        measures: ["1", "2"]          # a block's own parameters
```

A chapter or section is left out when nothing in it has content (a block without data, a missing optional
text). Titles may name terms of the vocabulary as ``{area_unit}`` and project values as
``{working_group}``.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import ConfigDict, Discriminator, Field, Tag

from conceptgen.model.base import Id, StrictModel, Text

KINDS = ("chapter", "section", "text", "block", "page_break")


class TextItem(StrictModel):
    """A Markdown text of the project (``text/<name>.md``); its headings nest below the enclosing one."""

    text: Text = Field(description="Name der Textdatei ohne .md (text/<name>.md)")
    optional: bool = Field(False, description="true: fehlt die Datei, entfällt der Text ohne Meldung")


class BlockItem(StrictModel):
    """A generated block (goal system, measure sheets, a data table …) with its parameters."""

    model_config = ConfigDict(extra="allow")

    block: Text = Field(description="Name des Bausteins (conceptgen blocks listet sie)")


class PageBreakItem(StrictModel):
    """A page break."""

    page_break: bool = Field(True, description="true: neue Seite")


class HeadingItem(StrictModel):
    """A chapter (``chapter:``) or a section inside one (``section:``), with its content."""

    label: Id | None = Field(None, description="Label für Verweise (@sec:label); sonst keins")
    numbered: bool = Field(True, description="false: ohne Nummer (z. B. Vorwort)")
    optional: bool = Field(True, description="true: entfällt, wenn nichts darin Inhalt hat")
    content: list[Item] = Field(default_factory=list, description="Texte, Bausteine und Abschnitte")
    repeat: str | None = Field(
        None,
        description="einmal je Gebiet dieser Art (z. B. Statistischer Bezirk; unit: die Gebiete, die die "
        "Sozialraumanalyse bewertet); der Titel kann {area_name} und {area_code} nennen, Bausteine darin "
        "zeigen das jeweilige Gebiet",
    )


class ChapterItem(HeadingItem):
    chapter: Text = Field(description="Titel des Kapitels")


class SectionItem(HeadingItem):
    section: Text = Field(description="Titel des Abschnitts")


def _kind(value: Any) -> str | None:
    if isinstance(value, dict):
        return next((k for k in KINDS if k in value), None)
    return next((k for k in KINDS if hasattr(value, k)), None)


Item = Annotated[
    Annotated[ChapterItem, Tag("chapter")]
    | Annotated[SectionItem, Tag("section")]
    | Annotated[TextItem, Tag("text")]
    | Annotated[BlockItem, Tag("block")]
    | Annotated[PageBreakItem, Tag("page_break")],
    Discriminator(
        _kind,
        custom_error_type="outline_item",
        custom_error_message="an outline entry needs one of chapter:, section:, text:, block:, page_break:",
    ),
]

HeadingItem.model_rebuild()
ChapterItem.model_rebuild()
SectionItem.model_rebuild()

Outline = list[Item]
