"""template.yaml: what a template needs from a project and how generated content maps to its design."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields

from pydantic import Field, field_validator

from conceptgen.model.base import StrictModel
from conceptgen.model.outline import Outline

DEFAULT_PALETTE = ("1F4E79", "C55A11", "7F9FBF", "E2A16F", "548235", "A5A5A5", "7030A0", "BF9000")
# the timeline's bars by priority: dark, light, grey
PRIORITY_COLOURS = {1: "1F4E79", 2: "7F9FBF", 3: "BFBFBF"}


@dataclass(frozen=True)
class Styles:
    """Names of the template's styles that Markdown and the document mechanics map to."""

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


class TemplateConfig(StrictModel):
    """template.yaml: what a template needs from a project."""

    name: str
    description: str | None = None
    required_texts: list[str] = Field(default_factory=list)
    optional_texts: list[str] = Field(default_factory=list)
    styles: dict[str, str] = Field(
        default_factory=dict,
        description="style names Markdown maps to: body, cell, quote, list, table, caption, footnote_text …",
    )
    palette: list[str] = Field(
        default_factory=lambda: list(DEFAULT_PALETTE), description="chart colours as hex RGB, in series order"
    )
    font: str = Field("Arial", description="font of chart texts")
    outline: str | Outline | None = Field(
        None,
        description="the outline of documents made with this template, unless they name one: the name of "
        "one (a concept type's, or the project's outlines.yaml) or the outline itself",
    )
    plain_language: bool = Field(
        False,
        description="a template for Leichte Sprache: check warns of a line with more than one sentence or a "
        "sentence of more than 15 words in the texts its documents show (CG708)",
    )
    vector_maps: bool = Field(
        False,
        description="maps also as vector graphics: the SVG beside each map's PNG (asvg:svgBlip, as Word "
        "2016+ writes it), sharp at any size and in print. Off by default: Word 2013 and LibreOffice show "
        "the PNG anyway, and OOXML validators that read every XML part as Word markup report the SVG part",
    )
    options: dict[str, bool | int | str] = Field(
        default_factory=dict,
        description="the template's own switches, read by its tags as options.<name> "
        "(e.g. measure_sheet_new_page: true)",
    )

    @field_validator("palette")
    @classmethod
    def _hex_colours(cls, value: list[str]) -> list[str]:
        bad = [c for c in value if not re.fullmatch(r"[0-9A-Fa-f]{6}", c)]
        if bad or not value:
            raise ValueError(f"palette braucht Hex-Farben wie 1F4E79, nicht {bad or 'nichts'}")
        return [c.upper() for c in value]

    @field_validator("styles")
    @classmethod
    def _known_style_keys(cls, value: dict[str, str]) -> dict[str, str]:
        unknown = sorted(set(value) - set(STYLE_KEYS))
        if unknown:
            raise ValueError(f"unbekannte Stil-Schlüssel {unknown}; bekannt: {', '.join(STYLE_KEYS)}")
        return value

    @property
    def style_names(self) -> Styles:
        """The template's style names, defaults where template.yaml names none."""
        return Styles(**self.styles)
