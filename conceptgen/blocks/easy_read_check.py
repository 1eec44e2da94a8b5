"""easy_read_check: the note that a text in Leichte Sprache was checked by its readers — the Prüfgruppe,
people with learning difficulties, who read every text before it is published (the Netzwerk Leichte
Sprache's rules: whether a text is easy to understand, only they can say; conceptgen checks only line and
sentence length, CG708). Written one sentence a line, as the rest of such a document. A document whose
template is made for Leichte Sprache without this note is reported (CG661)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from conceptgen.model import Concept
from conceptgen.model.base import Date, StrictModel, Text
from conceptgen.outline.block import EASY_READ_NOTE, Block, Picture, SnippetKit

# the block's own sentences, per language: one sentence a line
WORDS = {
    "de": {
        "intro": "Dieses Heft ist in Leichter Sprache.",
        "checked": "Eine Prüf-Gruppe hat die Texte gelesen und geprüft.",
        "group": "Die Prüf-Gruppe heißt: {group}.",
        "generic": "prüfgruppe",
        "date": "Die Prüfung war am {date}.",
        "translator": "Die Texte in Leichter Sprache hat geschrieben: {translator}.",
    },
    "en": {
        "intro": "This booklet is in Easy Read.",
        "checked": "A group of readers has read and checked the texts.",
        "group": "The group is: {group}.",
        "generic": "group of readers",
        "date": "They checked them on {date}.",
        "translator": "The Easy Read texts were written by: {translator}.",
    },
}


class CheckNote(StrictModel):
    group: Text = Field(
        description="die Prüfgruppe, die die Texte gelesen und geprüft hat (Name, Träger), z. B. "
        "„Prüfgruppe Leichte Sprache der Lebenshilfe Bottrop“"
    )
    date: Date | None = Field(None, description="wann sie geprüft hat")
    translator: Text | None = Field(None, description="wer die Texte in Leichte Sprache übertragen hat")


class EasyReadCheck(Block):
    name = "easy_read_check"
    group = "participation"
    position = 9
    description = "Prüfvermerk Leichte Sprache: wer die Texte geprüft hat (Prüfgruppe), wann, wer sie schrieb"
    params = CheckNote
    provides = frozenset([EASY_READ_NOTE])
    picture = Picture(
        project="bottrop-inklusion",
        params={"group": "Prüfgruppe Leichte Sprache", "date": "2025-08-20"},
    )
    docs = """\
The note a text in Leichte Sprache carries: it was read and checked by a Prüfgruppe (people with learning
difficulties), when, and who wrote it — one sentence a line. Parameters: `group` (required), `date`,
`translator`. Data: `lines[]`. A document whose template is made for Leichte Sprache (`plain_language:
true`) without this block is reported (CG661)."""

    def empty(self, concept: Concept, params: Any) -> bool:
        return False

    def context(self, inputs: Any, params: Any) -> dict[str, Any]:
        language = inputs.language
        words = WORDS.get(language.code, WORDS["de"])
        lines = [words["intro"], words["checked"]]
        # „Die Prüf-Gruppe heißt: Prüf-Gruppe Leichte Sprache“ says nothing: a generic name is left out
        if not params.group.lower().replace("-", "").startswith(words["generic"]):
            lines.append(words["group"].format(group=params.group.rstrip(".")))
        if params.date is not None:
            lines.append(words["date"].format(date=language.date(params.date)))
        if params.translator:
            lines.append(words["translator"].format(translator=params.translator.rstrip(".")))
        return {"lines": lines}

    def look(self, kit: SnippetKit) -> None:
        kit.tag("{%p for line in block.lines %}")
        kit.p("{{ line }}")
        kit.tag("{%p endfor %}")
