"""The cover's sample note promises only what the document shows: Lünen's cover named the values of
Kennzahlen K1–K4, two offers „mit * gekennzeichnet“ and the measures' tasks, and the document showed no
Kennzahl, no offer and had no task; Dortmund's cover named six offers marked with *, and its findings and
profiles printed them without the mark. Every example document is read back: each ID the note names
appears in the rest of the document, each counted offer with its mark, each named event by its name."""

from __future__ import annotations

import re
from functools import cache

import pytest

from tests.conftest import ROOT
from tests.docx_text import paragraphs
from tests.examples import documents, rendered

pytestmark = pytest.mark.slow  # renders every example

NOTE = "Beispielinhalte:"
COUNT = re.compile(r"(ein|\d+) (?:Angebot|Angebote) \(mit \* gekennzeichnet\)")
ID = r"[A-Z]{0,3}\d+(?:\.\d+)*(?: \(\d{4}(?:, \d{4})*\))?"
IDS = re.compile(rf"(?:^Beispielinhalte: |; )(Maßnahmen?|Aufgaben?|Werte der Kennzahlen) ({ID}(?:, {ID})*)")


@cache
def _concept(project: str):
    from conceptgen.pipeline import check_project

    return check_project(ROOT / "projects" / project).concept


def promises(note: str, rest: str, concept) -> list[str]:
    """What ``note`` says the document shows and ``rest`` (the document without the note) does not."""
    broken = []
    for kind, listed in IDS.findall(note):
        for ident in re.sub(r" \(\d{4}(, \d{4})*\)", "", listed).split(", "):
            if ident and not re.search(rf"(?<![\w.]){re.escape(ident)}(?![\w]|\.\d)", rest):
                broken.append(f"{kind} {ident}: nowhere in the document")
    if "mit ihren Aufgaben" in note and not any(m.tasks for m in concept.measures if m.sample):
        broken.append("„mit ihren Aufgaben“: no sample measure has a task")
    for item in [*getattr(concept, "events", []), *getattr(concept, "networks", [])]:
        name = getattr(item, "title", None) or item.name
        if item.sample and name in note and name not in rest:
            broken.append(f"{name}: nowhere in the document")
    for count in COUNT.findall(note):
        wanted = 1 if count == "ein" else int(count)
        marked = [o.name for o in concept.offers if o.sample and f"{o.name}*" in rest]
        if len(marked) < wanted:
            broken.append(f"{wanted} offers marked with * promised, {len(marked)} shown with the mark")
    return broken


@pytest.mark.parametrize(("project", "name"), documents())
def test_the_sample_note_promises_only_what_the_document_shows(project, name):
    texts = [p.text for p in paragraphs(rendered(project)[name])]
    notes = [t for t in texts if t.startswith(NOTE)]
    if not notes:
        pytest.skip("no sample note")
    rest = "\n".join(t for t in texts if not t.startswith(NOTE))
    assert promises(notes[0], rest, _concept(project)) == []


def test_the_reader_finds_a_broken_promise():
    from types import SimpleNamespace as Entry

    offers = [Entry(name="Jugendtreff", sample=True), Entry(name="Familienzentrum", sample=True)]
    concept = Entry(measures=[], offers=offers)
    note = (
        "Beispielinhalte: Maßnahmen 1.1, 1.2; 2 Angebote (mit * gekennzeichnet); Werte der Kennzahlen K1, K2."
    )
    rest = "Maßnahme 1.1 … 1.2.3 … K1 … Jugendtreff* … Familienzentrum"
    assert promises(note, rest, concept) == [
        "Maßnahmen 1.2: nowhere in the document",
        "Werte der Kennzahlen K2: nowhere in the document",
        "2 offers marked with * promised, 1 shown with the mark",
    ]
    assert promises(note, rest + " 1.2 K2 Familienzentrum*", concept) == []
