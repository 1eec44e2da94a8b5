"""Personal data in open answers as respondents really type it (issue 25, item 7): 19 of 25 typed variants
got through — a listed name with two spaces or a line break, ``name(at)domain.de``, ``0170 – 1234567``,
local numbers, „0 25 25 - 12 34 56“, street addresses with house numbers. Each variant here is redacted,
what is no personal data stays, and the consultant is told per question how many redactions were made."""

from __future__ import annotations

import shutil

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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
    (
        "Rufen Sie mich gern an: 02525 938417, ich hätte Ideen",
        f"Rufen Sie mich gern an: {PHONE}, ich hätte Ideen",
    ),
    ("(0 25 25) 93 84-17, abends", f"{PHONE}, abends"),
    ("Handy 0171 2345678, gern", f"Handy {PHONE}, gern"),
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


# --- telephone numbers as German respondents write them (council review of neubeckum, p. 21: „Rufen Sie
# mich gern an: 02525 938417, ich …“ was printed: the comma after the number stopped the detector)

_AREA = st.sampled_from(
    ["2525", "2521", "251", "30", "221", "2381", "5241", "89", "171", "151", "160", "176"]
)
_GAP = st.sampled_from([" ", "/", " / ", "-", " - ", " – ", "–", "—", ""])
_INNER = st.sampled_from([" ", "-", ""])


@st.composite
def _grouped(draw, digits: str) -> str:
    """Digits split into groups of 2–4 with one kind of separator, as people type them."""
    inner = draw(_INNER)
    out, i = [], 0
    while i < len(digits):
        size = draw(st.integers(2, 4))
        out.append(digits[i : i + size])
        i += size
    return inner.join(out)


@st.composite
def phone_numbers(draw) -> str:
    area = draw(_AREA)
    subscriber = draw(st.text("0123456789", min_size=4, max_size=8).filter(lambda s: s[0] != "0"))
    subscriber = draw(_grouped(subscriber))
    form = draw(st.sampled_from(["0", "+49 ", "+49", "0049 ", "+49 (0) ", "+49(0)", "(0", "(0 "]))
    if form.startswith("("):  # (02525) 938417, (0 25 25) 93 84-17
        area_text = draw(_grouped(area)) if form == "(0 " else area
        return f"{form}{area_text}) {subscriber}"
    return f"{form}{area}{draw(_GAP)}{subscriber}"


_BEFORE = st.sampled_from(
    [
        "Rufen Sie mich gern an: ",
        "Meine Nummer ist ",
        "",
        "(",
        "„",
        "Tel. ",
        "Handy: ",
        "erreichbar unter ",
        "Kontakt:\n",
    ]
)
_AFTER = st.sampled_from(
    [
        ", ich hätte Ideen für den Rathausplatz.",
        ".",
        "!",
        "?",
        ";",
        ")",
        "“",
        " – danke",
        "",
        "\n",
        ",",
        " oder per Mail",
        ":",
        "…",
    ]
)


@given(before=_BEFORE, phone=phone_numbers(), after=_AFTER)
@settings(max_examples=200, deadline=None)
def test_telephone_numbers_in_sentences_are_redacted(before, phone, after):
    redactor = Redactor([], Terms("de"))
    text, found = redactor.redact(before + phone + after)
    assert not any(c.isdigit() for c in text), (before + phone + after, text)
    assert found["phone"] == 1 and PHONE in text


_YEAR = st.integers(1990, 2035).map(str)
_DASH = st.sampled_from(["-", " - ", " – ", "–", "/", " bis "])
_DAY = st.builds(
    lambda d, m, y: f"{d:02d}.{m:02d}.{y}", st.integers(1, 28), st.integers(1, 12), st.integers(2019, 2030)
)
_MONTH = st.builds(lambda m, y: f"{m:02d}/{y}", st.integers(1, 12), st.integers(2019, 2030))
_NOT_PHONES = st.one_of(
    st.builds(lambda a, s, b: f"{a}{s}{b}", _YEAR, _DASH, _YEAR),  # 2024 – 2026
    st.builds(lambda a, s, b: f"{a}{s}{b}", _DAY, _DASH, _DAY),  # 01.06.2024 - 11.06.2024
    st.builds(lambda a, s, b: f"{a}{s}{b}", _MONTH, _DASH, _MONTH),  # 05/2024 – 06/2024
    st.builds(lambda n: f"{n:,} €".replace(",", "."), st.integers(1000, 9_999_999)),  # 1.234 €
    st.builds(
        lambda n, c: f"{n:,},{c:02d} €".replace(",", "X", 1).replace("X", "."),
        st.integers(1000, 99_999),
        st.integers(0, 99),
    ),  # 1.234,56 €
    st.builds(lambda p, t: f"{p} {t}", st.integers(10000, 99999), st.sampled_from(["Greven", "Beckum"])),
    st.builds(lambda p, d: f"{p} Beckum, {d}", st.integers(10000, 99999), _DAY),  # postcode and date
    st.builds(lambda a, b: f"0,{a} – 0,{b} km", st.integers(1, 99), st.integers(1, 99)),
    st.builds(lambda h, k: f"{h:02d}:30 – {k:02d}:00 Uhr", st.integers(0, 12), st.integers(13, 23)),
    st.builds(lambda n, p: f"{n} Befragte, {p},5 %", st.integers(1, 999), st.integers(0, 99)),
)


# without a word that announces a number (after „Tel.“ any number is taken as one)
_PLAIN = st.sampled_from(["", "Ich finde ", "(", "„", "Zeitraum:\n", "Kosten ", "seit "])


@given(before=_PLAIN, number=_NOT_PHONES, after=_AFTER)
@settings(max_examples=200, deadline=None)
def test_years_amounts_postcodes_and_dates_stay(before, number, after):
    text = before + number + after
    assert Redactor([], Terms("de"))(text) == text


NOT_PHONES = [
    "2024 – 2026",
    "von 2020 bis 2024, danach",
    "1.234 €",
    "1.234,56 €, dazu 0,5 km",
    "48268 Greven, 59269 Beckum",
    "59269 Beckum, 21.03.2024",
    "von 05/2024 – 06/2024 geöffnet",
    "01.06.2024 - 11.06.2024",
    "08:30 – 18:00 Uhr",
    "3.500.000 Euro",
]


@pytest.mark.parametrize("text", NOT_PHONES)
def test_numbers_that_are_no_telephone_numbers_stay(redactor, text):
    assert redactor(text) == text


PLANTED = [  # as typed into open answers and „Sonstiges“ fields; each subscriber number occurs nowhere else
    "02525 731946",
    "02525/731947",
    "02525-731948",
    "+49 2525 731949",
    "+49 (0) 2525 73 19 50",
    "(0 25 25) 73 19-51",
    "0171 7319520",
    "0171-731 95 30",
    "(02525) 731954",
]


def _plant(project, column: str, texts: list[str], start: int = 0) -> list[str]:
    """The CSV's answers in ``column`` (rows that answered it) get a sentence with a number each."""
    import csv

    path = project / "data" / "results-survey482731.csv"
    raw = path.read_text(encoding="utf-8-sig")
    rows = list(csv.reader(raw.splitlines()))
    index = rows[0].index(column)
    planted = []
    for row in rows[1:]:
        if row[index] and texts:
            row[index] = f"Ruf an: {texts.pop()}, Stichwort Plakette{start + len(planted)}."
            planted.append(row[index])
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows(rows)
    return planted


@pytest.mark.slow
def test_no_planted_telephone_number_reaches_any_output(tmp_path, cli):
    """Document text, chart parts, the charts' embedded workbooks and the working group's workbook: the
    answers reach the document (their keyword is there), their numbers do not."""
    from conceptgen.pipeline import render_project

    project = tmp_path / "neubeckum"
    shutil.copytree(ROOT / "projects" / "neubeckum", project, ignore=shutil.ignore_patterns("build"))
    numbers = list(PLANTED)
    planted = _plant(project, "Q09", numbers[:6]) + _plant(project, "Q05[other]", numbers[6:], 6)
    assert len(planted) == len(PLANTED)
    result = render_project(project, libreoffice=False, write=False)
    [docx] = [c for p, c in result.contents.items() if p.suffix == ".docx"]
    parts = _parts(docx)
    assert cli("export", str(project), "--xlsx").exit_code == 0
    parts.update(_parts((project / "build" / "Arbeitsstand.xlsx").read_bytes()))
    text = b"".join(parts.values()).decode("utf-8", "replace")
    assert all(f"Plakette{i}" in text for i in range(len(PLANTED))), text
    for number in [*PLANTED, "938417", "4429187"]:
        digits = "".join(c for c in number if c.isdigit())[-6:]
        leaks = [name for name, data in parts.items() if digits.encode() in data]
        assert not leaks, (number, leaks)


def _parts(package: bytes) -> dict[str, bytes]:
    """Every part of a zip package, and of the packages inside it (a chart's workbook)."""
    import io
    import zipfile

    out = {}
    with zipfile.ZipFile(io.BytesIO(package)) as zf:
        for name in zf.namelist():
            data = zf.read(name)
            out[name] = data
            if data[:2] == b"PK":
                out.update({f"{name}/{k}": v for k, v in _parts(data).items()})
    return out
