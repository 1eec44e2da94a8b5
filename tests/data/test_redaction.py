"""Personal data in open answers as respondents really type it (issue 25, item 7): 19 of 25 typed variants
got through — a listed name with two spaces or a line break, ``name(at)domain.de``, ``0170 – 1234567``,
local numbers, „0 25 25 - 12 34 56“, street addresses with house numbers. Each variant here is redacted,
what is no personal data stays, and the consultant is told per question how many redactions were made."""

from __future__ import annotations

import shutil

import pytest

from conceptgen.data.redact import Redactor
from conceptgen.pipeline import check_project
from conceptgen.terms import Terms
from tests.conftest import FIXTURES, ROOT

NAMES = ["Kemper", "Hölscher", "Jürgen Brinkmann"]
NAME, MAIL, PHONE, ADDRESS = (
    "[Name entfernt]",
    "[E-Mail entfernt]",
    "[Telefonnummer entfernt]",
    "[Adresse entfernt]",
)

TYPED = [
    # listed names, as typed
    ("Danke an Jürgen  Brinkmann!", f"Danke an {NAME}!"),
    ("Danke an Jürgen\nBrinkmann!", f"Danke an {NAME}!"),
    ("Danke an Jürgen\u00a0Brinkmann!", f"Danke an {NAME}!"),
    ("Danke an Jürgen\tBrinkmann", f"Danke an {NAME}"),
    ("Danke an JÜRGEN BRINKMANN", f"Danke an {NAME}"),
    ("Brinkmann, Jürgen hat geholfen", f"{NAME} hat geholfen"),
    ("Frau Hoelscher vom Amt", f"Frau {NAME} vom Amt"),
    ("Frau Hö\u00adlscher vom Amt", f"Frau {NAME} vom Amt"),
    ("Kempers Hund bellt", f"{NAME} Hund bellt"),
    # e-mail addresses, obfuscated
    ("an k.lammers(at)example.de schreiben", f"an {MAIL} schreiben"),
    ("an k.lammers [at] example [dot] de", f"an {MAIL}"),
    ("an k.lammers (at) example (punkt) de", f"an {MAIL}"),
    ("an k.lammers @ example.de", f"an {MAIL}"),
    ("an K.Lammers@Example.DE.", f"an {MAIL}."),
    # telephone numbers
    ("Handy 0170 – 1234567", f"Handy {PHONE}"),
    ("Handy 0170—1234567", f"Handy {PHONE}"),
    ("Tel. 0 25 25 - 12 34 56", f"Tel. {PHONE}"),
    ("Tel.: 12 34 56", f"Tel.: {PHONE}"),
    ("erreichbar unter 938417", f"erreichbar unter {PHONE}"),
    ("+49 (0) 2525 938417", PHONE),
    ("0049 2525 938417", PHONE),
    ("0170.1234567", PHONE),
    # street addresses with house numbers
    ("aus der Hauptstraße 12", f"aus der {ADDRESS}"),
    ("wohne Hauptstr. 12a, Neubeckum", f"wohne {ADDRESS}, Neubeckum"),
    ("Lange Straße 5-7", ADDRESS),
    ("Eichenweg 7 und Kirchplatz 3", f"{ADDRESS} und {ADDRESS}"),
    ("wohne Am Markt 3 seit Jahren", f"wohne {ADDRESS} seit Jahren"),
]

KEPT = [
    "am 21.03.2024 um 12 Uhr, Hausnummer 12",
    "seit 2019 für 150 m",
    "am 01.03.2024 war es voll",
    "Im Jahr 2019 kamen 1.250 Besucher",
    "Am Montag 12 Uhr geöffnet",
    "im Meierhof und auf dem Spielplatz",
    "Die Bänke (3 Stück) an der Hauptstraße sind kaputt",
    "Ich bin seit 25 Jahren hier, 0,5 km entfernt",
    "Wir haben 12 Kinder und 3 Hunde",
    "Kempen ist schön",
    "Version 1.2.3 der App",
]


@pytest.fixture(scope="module")
def redactor():
    return Redactor(NAMES, Terms("de"))


@pytest.mark.parametrize(("text", "expected"), TYPED, ids=[t for t, _e in TYPED])
def test_typed_variants_are_redacted(redactor, text, expected):
    assert redactor(text) == expected


@pytest.mark.parametrize("text", KEPT)
def test_what_is_no_personal_data_stays(redactor, text):
    assert redactor(text) == text


def test_redactions_are_counted_by_kind(redactor):
    text, found = redactor.redact(
        "Hölscher, Hauptstraße 12, k@example.de, Tel. 0171 2345678 oder 0171 2345679"
    )
    assert found == {"name": 1, "address": 1, "email": 1, "phone": 2}
    assert "Hölscher" not in text


def test_the_consultant_is_told_how_many_redactions_each_question_had(tmp_path, cli):
    project = tmp_path / "survey"
    shutil.copytree(FIXTURES / "survey", project)
    result = check_project(project)
    notes = [d for d in result.diagnostics if d.code == "CG631"]
    assert len(notes) == 1, [d.format() for d in result.diagnostics]
    line = notes[0].format()
    assert "Q5" in line and "3" in line and "e-mail" in line.lower()
    assert "data/limesurvey_codes.csv:" in line  # where the first one was given


def test_a_street_address_does_not_reach_the_neubeckum_appendix(tmp_path):
    project = tmp_path / "neubeckum"
    shutil.copytree(ROOT / "projects" / "neubeckum", project, ignore=shutil.ignore_patterns("build"))
    path = project / "data" / "results-survey482731.csv"
    text = path.read_text(encoding="utf-8")
    said = "im Sommer ist es auf der Hauptstraße zu heiß"
    assert said in text
    path.write_text(text.replace(said, "ich wohne aus der Hauptstraße 12, zu heiß", 1), encoding="utf-8")
    result = check_project(project)
    texts = " ".join(t for q in result.data.survey.results.values() for t, _n in q.texts)
    assert "Hauptstraße 12" not in texts and f"aus der {ADDRESS}" in texts
    assert "lieber an die Hauptstraße" in texts  # the place itself, without a number, is no address
    [note] = [d for d in result.diagnostics if d.code == "CG631"]
    assert "2 Adressen" in note.message  # this one and the one the project's data hold
