"""One compound, one spelling in a document: Bottrop's Leichte Sprache wrote „Inklusions-Plan“ in its
text and „Inklusionsplan“ in its title and header, „Prüf-Gruppe“ and „Prüfgruppe“ one line apart
(Leichte Sprache joins compounds with a hyphen or a Mediopunkt — always the same way). Every example
document is read back: no word appears both joined by a hyphen or Mediopunkt and written as one."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest

from tests.docx_text import paragraphs
from tests.examples import documents, rendered

pytestmark = pytest.mark.slow  # renders every example

WORD = re.compile(r"[A-Za-zÄÖÜäöüß]+(?:[-·‑][A-Za-zÄÖÜäöüß]+)+|[A-Za-zÄÖÜäöüß]{6,}")
JOINER = re.compile(r"[-·‑]")


def two_spellings(text: str) -> dict[str, set[str]]:
    """The compounds ``text`` writes both with a joiner and as one word, by their joined form."""
    forms: dict[str, set[str]] = defaultdict(set)
    for word in WORD.findall(text):
        forms[JOINER.sub("", word).lower()].add(word)
    return {
        key: spellings
        for key, spellings in forms.items()
        if any(JOINER.search(s) for s in spellings) and any(not JOINER.search(s) for s in spellings)
    }


@pytest.mark.parametrize(("project", "name"), documents())
def test_a_compound_is_spelled_one_way(project, name):
    text = "\n".join(p.text for p in paragraphs(rendered(project)[name]))
    assert two_spellings(text) == {}


def test_the_reader_finds_two_spellings():
    assert two_spellings("Der Inklusions-Plan. Inklusionsplan Bottrop") == {
        "inklusionsplan": {"Inklusions-Plan", "Inklusionsplan"}
    }
    assert two_spellings("Die Prüf·Gruppe und die Prüfgruppe") == {
        "prüfgruppe": {"Prüf·Gruppe", "Prüfgruppe"}
    }
    assert two_spellings("Hof- und Fassadenprogramm, E-Mail, Bus-Haltestellen") == {}
