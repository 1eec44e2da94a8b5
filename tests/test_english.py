"""An English document is English throughout: every example project rendered with `locale: en` holds
none of a stop-list of German words in any part — body, tables, headers, footers, footnotes, charts, the
workbooks embedded in them, the core properties (tests/own_text.py reads them all) — outside the
consultant's own German text (the project's YAML, Markdown and data files: survey questions and answers,
as printed after redaction, stay as written). What conceptgen writes by itself comes from its English
terms: captions, table headers, the templates' labels, chapter titles, sentences, the treaties' article
titles."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT, replace_in
from tests.examples import PROJECTS
from tests.own_text import own, texts

pytestmark = pytest.mark.slow  # renders every example project

# German words conceptgen writes when it is not English (stems take their compounds and plurals)
STEMS = (  # noqa: SIM905 — a list of words reads best as words
    "Tabelle Abbildung Maßnahme Kennzahl Inhaltsverzeichnis Mitglieder Arbeitsgruppe Aufgabe Federführung "
    "Priorität Kategorie Ergebnisse Einwohner Steckbrief Zielgruppe Beteiligte Finanzierung Wirkungsebene "
    "Auftraggeber Auftragnehmer Bearbeitung Einleitung Umsetzung Handlungsfeld Bestandsaufnahme Istwert "
    "Zielpfad Rhythmus Beschreibung Verzeichnis Quelle Seite Kapitel Summe Anzahl Kosten Zeitraum Gebiet "
    "Angebot Träger Datum Thema Beginn Ziel Endfassung Entwurf"
).split()
WORDS = "und der die das des dem den nach mit von für wurde wurden Ergänzend Stand Von".split()  # noqa: SIM905
STOP = re.compile(
    r"(?<![\w-])(?:(?:" + "|".join(STEMS) + r")\w*|(?:" + "|".join(WORDS) + r"))(?![\w-])", re.IGNORECASE
)


def test_stop_list_finds_german_and_leaves_english():
    found = [
        m.group() for m in STOP.finditer("Tabelle 1: Mitglieder der Gruppe; Table 2: under-supplied areas")
    ]
    assert found == ["Tabelle", "Mitglieder", "der"]
    assert not STOP.findall("Members of the working group, sources and totals by area")


def _english(project: str, target: Path) -> Path:
    root = target / project
    shutil.copytree(ROOT / "projects" / project, root, ignore=shutil.ignore_patterns("build"))
    replace_in(root / "project.yaml", "locale: de", "locale: en")
    if project == "neuss":  # a figure in the consultant's text is written the way the language writes numbers
        replace_in(root / "needs.yaml", "[[compare:K2:51,9]]", "[[compare:K2:51.9]]")
    return root


@pytest.mark.parametrize("project", PROJECTS)
def test_an_english_project_has_no_german_word_of_conceptgens(tmp_path, project):
    from conceptgen.pipeline import render_project

    root = _english(project, tmp_path)
    result = render_project(root, libreoffice=False, write=False)
    documents = {p.name: c for p, c in result.contents.items() if p.suffix == ".docx"}
    assert documents
    german, read = [], 0
    for name, docx in documents.items():
        for part, text in texts(docx):
            read += 1
            for match in STOP.finditer(text):
                if not own(root, text, match.start(), match.end()):
                    around = text[max(0, match.start() - 40) : match.end() + 40].replace("\n", " ")
                    german.append(f"{name} {part}: „{match.group()}“ in …{around}…")
    assert read > 300
    # the document's status is a word of conceptgen's (status: Endfassung is a choice, not prose)
    statuses = [
        f"{name} {part}: {text}"
        for name, d in documents.items()
        for part, text in texts(d)
        if "Endfassung" in text
    ]
    assert not statuses, "\n".join(statuses)
    assert not german, f"{len(german)} German words in the English documents:\n" + "\n".join(german)
