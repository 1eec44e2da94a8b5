"""A survey from its real export forms to the figures of the report: every figure checked against a hand
computation of the twelve questionnaires in tests/fixtures/survey (ten completed).

The questionnaires (✓ completed; Q2 asked only with Q1 = A1 „Ja“):

    #   ✓  Q1  Q2 Park Markt Bücherei other  Q3 Sauberkeit Sicherheit  Q4  Q5                        Q6
    1   ✓  A1     Y    Y                     A1            A2          10  Mehr Bänke                A1
    2   ✓  A1     Y              Kiosk       A2            A6           5  mehr Bänke                A1
    3   ✓  A1                                A2            A3          20  Mail an anna@example.org  A2
    4   ✓  A2                                A3            A2              –                         A2
    5   ✓  A1          Y    Y                A1            A1          15  Ruf an: 0171 2345678      A2
    6   ✓  A2                                A6            A6          30                            A1
    7   ✓  A1     Y         Y                A5            A4          10  Frau Meier⏎fragen         A2
    8   ✓  A1     Y    Y                     A2            A2              Mehr Bänke                A2
    9   ✓  A2                                –             –           25                            A1
    10  ✓  A1          Y                     A4            A2           5
    11     A1     Y
    12     A2
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conceptgen.pipeline import check_project
from tests.conftest import FIXTURES, replace_in

EXPORTS = {
    "limesurvey_codes": "{file: data/limesurvey_codes.csv, format: limesurvey, channel: online}",
    "limesurvey_texts": "{file: data/limesurvey_texts.csv, format: limesurvey, answers: texts}",
    "limesurvey_xlsx": "{file: data/limesurvey.xlsx, format: limesurvey}",
    "paper": "{file: data/paper.xlsx, format: table, channel: Papier, ignore: [Bogen]}",
}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    target = tmp_path / "survey"
    shutil.copytree(FIXTURES / "survey", target)
    return target


def use(project: Path, export: str) -> None:
    replace_in(project / "befragung.yaml", EXPORTS["limesurvey_codes"], EXPORTS[export])


def survey(project: Path):
    result = check_project(project)
    assert result.ok, [d.format() for d in result.diagnostics]
    return result.data.survey


def codes(part) -> dict[str, tuple[int, float | None]]:
    return {c.code: (c.count, None if c.percent is None else round(c.percent, 2)) for c in part.counts}


# --- every export form gives the same figures ----------------------------------------------------


@pytest.mark.parametrize("export", list(EXPORTS))
def test_every_export_form_gives_the_hand_computed_figures(project, export):
    use(project, export)
    s = survey(project)
    assert len(s.kept) == 10
    if export != "paper":  # the paper sheet holds the ten completed questionnaires only
        assert (s.received, s.dropped_incomplete) == (12, 2)
    assert_hand_computed_figures(s)


def assert_hand_computed_figures(s) -> None:
    """The figures of the ten completed questionnaires, worked out by hand (the table above)."""
    r = s.results
    # Q1: 7 × Ja (1, 2, 3, 5, 7, 8, 10), 3 × Nein
    q1 = r["Q1"].parts[0]
    assert (q1.asked, q1.valid, q1.missing) == (10, 10, 0)
    assert codes(q1) == {"A1": (7, 70.0), "A2": (3, 30.0)}
    # Q2 (filter Q1 = Ja: 7 asked), answered by 6 (3 ticked nothing): Park 1, 2, 7, 8; Markt 1, 5, 8, 10;
    # Bücherei 5, 7; Sonstiges 2 — in percent of the 6 who answered
    q2 = r["Q2"].parts[0]
    assert (q2.asked, q2.valid, q2.missing) == (7, 6, 1)
    assert codes(q2) == {"SQ001": (4, 66.67), "SQ002": (4, 66.67), "SQ003": (2, 33.33), "-oth-": (1, 16.67)}
    assert r["Q2"].texts == [("Kiosk", 1)]
    # Q3 Sauberkeit: valid 8 (A1 ×2, A2 ×3, A3, A4, A5), weiß nicht 1 (of 9 answers), no answer 1 (9);
    # mean (1+1+2+2+2+3+4+5)/8 = 2.5, median 2
    clean, safe = r["Q3"].parts
    assert (clean.asked, clean.valid, clean.missing) == (10, 8, 1)
    assert codes(clean) == {
        "A1": (2, 25.0),
        "A2": (3, 37.5),
        "A3": (1, 12.5),
        "A4": (1, 12.5),
        "A5": (1, 12.5),
    }
    assert [(c.code, c.count, round(c.percent, 2)) for c in clean.neutral] == [("A6", 1, 11.11)]
    assert (clean.mean, clean.median) == (2.5, 2)
    # Sicherheit: valid 7 (A1, A2 ×4, A3, A4), weiß nicht 2 (of 9); mean 16/7
    assert codes(safe)["A2"] == (4, 57.14) and safe.valid == 7 and safe.neutral[0].count == 2
    assert round(safe.mean, 4) == round(16 / 7, 4)
    # Q4: 10, 5, 20, 15, 30, 10, 25, 5 → n 8, mean 15, median 12.5, min 5, max 30; two without answer
    q4 = r["Q4"].parts[0]
    assert (q4.valid, q4.missing, q4.mean, q4.median, q4.minimum, q4.maximum) == (8, 2, 15, 12.5, 5, 30)
    # Q6: 4 × A1, 5 × A2, one without answer
    q6 = r["Q6"].parts[0]
    assert codes(q6) == {"A1": (4, 44.44), "A2": (5, 55.56)} and q6.missing == 1


def test_open_answers_are_counted_and_cleared_of_personal_data(project):
    s = survey(project)
    assert s.results["Q5"].texts == [
        ("Mehr Bänke", 3),  # „mehr Bänke“ counts as the same answer
        ("Mail an [E-Mail entfernt]", 1),
        ("Ruf an: [Telefonnummer entfernt]", 1),
        ("Frau [Name entfernt] fragen", 1),  # a quoted line break in the CSV, and a listed name
    ]


def test_sosci_export_with_negative_missing_codes(project):
    """SoSci's tab-separated UTF-16 export: numeric codes, 1/2 for a tick, -9 and -1 missing, FINISHED."""
    (project / "befragung.yaml").write_text(
        """questionnaire:
  title: Quartiersbefragung Teststadt
  responses:
    - {file: data/sosci.csv, format: sosci}
  questions:
    - {code: Q1, text: Wohnen Sie im Quartier?, type: single, answers: {"1": Ja, "2": Nein}}
    - code: Q2
      text: Was nutzen Sie?
      type: multiple
      items: {"01": Park, "02": Markt, "03": Bücherei}
      filter: {Q1: ["1"]}
    - code: Q3
      text: Wie bewerten Sie …
      type: scale
      items: {"01": Sauberkeit, "02": Sicherheit}
      scale: {"1": sehr gut, "2": gut, "3": teils/teils, "4": schlecht, "5": sehr schlecht}
      neutral: {"6": weiß nicht}
      mean: true
    - {code: Q4_01, text: Minuten, type: number}
    - {code: Q5_01, text: Wünsche, type: text}
    - {code: Q6, text: Wie alt sind Sie?, type: single, answers: {"1": jünger, "2": älter}}
""",
        encoding="utf-8",
    )
    s = survey(project)
    assert (s.received, len(s.kept), s.dropped_incomplete) == (12, 10, 2)
    assert codes(s.results["Q1"].parts[0]) == {"1": (7, 70.0), "2": (3, 30.0)}
    q2 = s.results["Q2"].parts[0]
    assert (q2.asked, q2.valid) == (7, 6)  # no "other" text in SoSci; -1 (not asked) is no tick
    assert codes(q2) == {"01": (4, 66.67), "02": (4, 66.67), "03": (2, 33.33)}
    clean = s.results["Q3"].parts[0]
    assert (clean.valid, clean.neutral[0].count, clean.missing, clean.mean) == (8, 1, 1, 2.5)
    assert s.results["Q6"].parts[0].missing == 1  # -9
    q4 = s.results["Q4_01"].parts[0]
    assert (q4.valid, q4.missing, q4.mean) == (8, 2, 15)
    assert s.results["Q5_01"].texts[0] == ("Mehr Bänke", 3)  # -9 is no answer, not a text


def test_sosci_export_reports_columns_it_does_not_know(project):
    shutil.copy(project / "data" / "sosci.csv", project / "data" / "s.csv")
    (project / "befragung.yaml").write_text(
        """questionnaire:
  title: T
  responses: [{file: data/s.csv, format: sosci}]
  questions:
    - {code: Q1, text: Wohnen Sie im Quartier?, type: single, answers: {"1": Ja, "2": Nein}}
""",
        encoding="utf-8",
    )
    result = check_project(project)
    warnings = [d for d in result.diagnostics if d.code == "CG622"]
    assert len(warnings) == 1 and result.ok
    message = warnings[0].message
    # Q2_01 … Q5_01 and Q6; never SoSci's own CASE, STARTED, TIME_SUM, FINISHED, LASTPAGE
    assert message.startswith("8 Spalte(n) von ") and "Q2_01, Q2_02, Q2_03, Q3_01, Q3_02, Q4_01 …" in message
    assert not any(name in message for name in ("CASE", "STARTED", "TIME_SUM", "FINISHED", "LASTPAGE"))


def test_keep_all_counts_the_incomplete_questionnaires(project):
    replace_in(project / "befragung.yaml", "  min_cell: 3", "  keep: all\n  min_cell: 3")
    s = survey(project)
    assert len(s.kept) == 12 and s.dropped_incomplete == 0
    assert codes(s.results["Q1"].parts[0]) == {"A1": (8, 66.67), "A2": (4, 33.33)}


def test_min_answers_drops_questionnaires_with_too_few_answers(project):
    replace_in(project / "befragung.yaml", "  min_cell: 3", "  keep: all\n  min_answers: 2\n  min_cell: 3")
    s = survey(project)
    # 11 answered Q1 and Q2 (two questions), 12 only Q1
    assert (len(s.kept), s.dropped_empty) == (11, 1)


def test_structure_export_gives_questions_filters_and_other(project):
    s = survey(project)
    q2 = next(q for q in s.questions if q.code == "Q2")
    assert q2.type.value == "multiple" and q2.other and q2.filter == {"Q1": ["A1"]}
    assert q2.text == "Was nutzen Sie?"  # the HTML of the export removed
    q3 = next(q for q in s.questions if q.code == "Q3")
    assert list(q3.scale) == ["A1", "A2", "A3", "A4", "A5"] and q3.neutral == {"A6": "weiß nicht"}


def test_lss_survey_file_gives_the_same_questions_as_the_tab_separated_export(project):
    """LimeSurvey 6's .lss (texts in question_l10ns/answer_l10ns, English rows first, rows out of order)."""
    from conceptgen.data.survey_dialects import load_structure

    from_txt = load_structure(project / "data" / "structure.txt", None, [])
    from_lss = load_structure(project / "data" / "structure.lss", None, [])
    assert [q.model_dump() for q in from_lss] == [q.model_dump() for q in from_txt]
    assert [q.code for q in from_lss] == ["Q1", "Q2", "Q3", "Q4", "Q5", "Q6"]
    replace_in(project / "befragung.yaml", "data/structure.txt", "data/structure.lss")
    assert codes(survey(project).results["Q1"].parts[0]) == {"A1": (7, 70.0), "A2": (3, 30.0)}


def test_older_lss_with_texts_in_the_rows(tmp_path):
    from conceptgen.data.survey_dialects import load_structure

    path = tmp_path / "alt.lss"
    path.write_text(
        """<?xml version="1.0" encoding="UTF-8"?>
<document><LimeSurveyDocType>Survey</LimeSurveyDocType><DBVersion>366</DBVersion>
<languages><language>de</language></languages>
<questions><rows>
<row><qid>5</qid><parent_qid>0</parent_qid><type>L</type><title>Q1</title>
  <question>Wohnen &lt;b&gt;Sie&lt;/b&gt; hier?</question><other>N</other><language>de</language></row>
<row><qid>6</qid><parent_qid>5</parent_qid><type>T</type><title>SQ1</title><question>x</question><language>de</language></row>
</rows></questions>
<answers><rows>
<row><qid>5</qid><code>A2</code><answer>Nein</answer><sortorder>2</sortorder><language>de</language><scale_id>0</scale_id></row>
<row><qid>5</qid><code>A1</code><answer>Ja</answer><sortorder>1</sortorder><language>de</language><scale_id>0</scale_id></row>
</rows></answers></document>
""",
        encoding="utf-8",
    )
    (question,) = load_structure(path, None, [])
    assert (question.code, question.text, question.answers) == (
        "Q1",
        "Wohnen Sie hier?",
        {"A1": "Ja", "A2": "Nein"},
    )


def test_lss_with_entities_is_refused(tmp_path):
    """XML from outside: no entity expansion (a billion laughs), no external files."""
    from conceptgen.data.survey_dialects import load_structure
    from conceptgen.diagnostics import DiagnosticError

    path = tmp_path / "bomb.lss"
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        "<document><questions><rows><row><qid>1</qid><type>T</type><title>Q1</title>"
        "<question>&b; &x;</question></row></rows></questions></document>",
        encoding="utf-8",
    )
    with pytest.raises(DiagnosticError) as caught:
        load_structure(path, None, [])
    assert caught.value.diagnostics[0].code == "CG603" and "Entitäten" in caught.value.diagnostics[0].message


@pytest.mark.parametrize(
    ("equation", "expected"),
    [
        ('((Q1.NAOK == "A1"))', {"Q1": ["A1"]}),
        ('((Q2.NAOK != "A1" and !is_empty(Q2.NAOK)))', {"Q2": ["A2", "A3"]}),
        ("(Q1 == 'A2') and (Q2 ne \"A3\")", {"Q1": ["A2"], "Q2": ["A1", "A2"]}),
        ('((Q2.NAOK == "A1" or Q2.NAOK == "A2"))', {}),  # „or“: declare the filter in befragung.yaml
        ('((Q9.NAOK == "A1"))', {}),  # a question without answer codes
        ("1", {}),
    ],
)
def test_relevance_equations_become_filters_where_simple(equation, expected):
    from conceptgen.data.survey_dialects.limesurvey import relevance_filter

    answers = {"Q1": {"A1": "Ja", "A2": "Nein"}, "Q2": {"A1": "nie", "A2": "oft", "A3": "immer"}}
    assert relevance_filter(equation, answers) == expected


# --- cross-tabs and the minimum cell size ----------------------------------------------------------


def test_crosstab_hides_small_cells_and_what_gives_them_away(project):
    """Q1 by Q6 with min_cell 3. Ja: jünger 2 (1, 2), älter 4 (3, 5, 7, 8), all 7 (10 has no age);
    Nein: jünger 2 (6, 9), älter 1 (4), all 3. The cells 2, 2 and 1 are too small; then älter's Ja (4)
    would give its Nein (1) away from the column's n (5): it is hidden too."""
    s = survey(project)
    cross = s.crosstabs[0]
    assert cross.counts == [[2, 4, 7], [2, 1, 3]] and cross.totals == [4, 5, 10]
    assert cross.hidden == [[True, True, False], [True, True, False]]
    assert cross.hidden_totals == [False, False, False]
    assert (cross.title, cross.by_title) == ("Wohnen Sie im Quartier?", "Alter")


def test_suppression_hides_a_second_cell_in_column_and_row():
    """[[10, 2 | 12], [8, 9 | 17], [6, 7 | 13]] with minimum 5: the 2 is too small; in its column the
    smallest other cell (7) goes too; in the rows of both, 10 and 6 go, so that no row total gives them
    away. The middle row and the totals stay."""
    from conceptgen.data.survey_cross import suppress

    counts = [[10, 2, 12], [8, 9, 17], [6, 7, 13]]
    hidden, totals = suppress(counts, [24, 18, 42], 5)
    assert hidden == [[True, True, False], [False, False, False], [True, True, False]]
    assert totals == [False, False, False]


def test_suppression_hides_a_small_group_and_a_lone_cell_with_its_total():
    from conceptgen.data.survey_cross import suppress

    # a group of 3 people (below 5): its whole column; the other group's only cell of the Nein row is
    # left alone in its row (the row total would give it away) and goes too, and with it the next smallest
    counts = [[20, 2, 22], [6, 1, 7]]
    hidden, totals = suppress(counts, [26, 3, 29], 5)
    assert totals == [False, True, False]
    assert hidden[0][1] and hidden[1][1]
    assert hidden[0][0] and hidden[1][0]  # each row had one hidden cell: its other group cell follows
    assert not hidden[0][2] and not hidden[1][2]


def test_zero_cells_are_shown():
    from conceptgen.data.survey_cross import suppress

    hidden, _ = suppress([[0, 8, 8], [12, 9, 21]], [12, 17, 29], 5)
    assert hidden == [[False, False, False], [False, False, False]]


# --- personal data ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Schreiben Sie an k.lammers@example.de!", "Schreiben Sie an [E-Mail entfernt]!"),
        ("Tel. 02525 938417", "Tel. [Telefonnummer entfernt]"),
        ("mobil 0171/4429187.", "mobil [Telefonnummer entfernt]."),
        ("+49 2521 29-0 oder (02521) 29 100", "[Telefonnummer entfernt] oder [Telefonnummer entfernt]"),
        ("am 21.03.2024 um 12 Uhr, Hausnummer 12", "am 21.03.2024 um 12 Uhr, Hausnummer 12"),
        ("seit 2019 für 150 m", "seit 2019 für 150 m"),
        ("Frau Meier und Jürgen Brinkmann", "Frau [Name entfernt] und [Name entfernt]"),
        ("im Meierhof und bei MEIER", "im Meierhof und bei [Name entfernt]"),
    ],
)
def test_redaction(text, expected):
    from conceptgen.data.redact import Redactor
    from conceptgen.terms import Terms

    assert Redactor(["Meier", "Jürgen Brinkmann"], Terms("de"))(text) == expected


# --- bad input: located, one line each, all at once ---------------------------------------------------


def test_unknown_answer_code_is_located_with_the_allowed_codes(project, cli):
    path = project / "data" / "limesurvey_codes.csv"
    raw = path.read_bytes()
    # respondent 4 (line 5; respondent 7's answer spans two lines, later rows count them): Q3[SQ001] A3 → A9
    lines = raw.split(b"\r\n")
    assert lines[4].startswith(b'"4",')
    cells = lines[4].split(b",")
    assert cells[12] == b'"A3"'
    cells[12] = b'"A9"'
    lines[4] = b",".join(cells)
    nine = lines[9].split(b",")  # respondent 8: Q1 "A1" → "A7"
    assert nine[0] == b'"8"' and nine[7] == b'"A1"'
    nine[7] = b'"A7"'
    lines[9] = b",".join(nine)
    path.write_bytes(b"\r\n".join(lines))
    result = cli("check", project)
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if "CG620" in line]
    assert len(errors) == 2  # both reported together
    assert "/data/limesurvey_codes.csv:5:13: CG620 Fehler: „A9“ ist keine Antwort der Frage Q3" in errors[0]
    assert (
        "erlaubt: A1 (sehr gut), A2 (gut), A3 (teils/teils)" in errors[0] and "A6 (weiß nicht)" in errors[0]
    )
    assert "/data/limesurvey_codes.csv:10:8: CG620" in errors[1] and "„A7“" in errors[1]
    assert "Traceback" not in result.output


def test_missing_column_names_the_nearest(project, cli):
    path = project / "data" / "limesurvey_codes.csv"
    text = path.read_bytes().decode("utf-8-sig").replace('"Q3[SQ002]"', '"Q3[SQ02]"', 1)
    path.write_bytes(("\ufeff" + text).encode("utf-8"))
    result = cli("check", project)
    assert result.exit_code == 1
    line = next(line for line in result.output.splitlines() if "CG601" in line)
    assert (
        "/data/limesurvey_codes.csv:1:1: CG601 Fehler: Frage Q3: die Spalte „Q3[SQ002]“ steht nicht in"
        in line
    )
    assert "meinten Sie „Q3[SQ02]“" in line


def test_paper_sheet_typing_error_is_located(project, cli):
    from openpyxl import load_workbook

    use(project, "paper")
    book = load_workbook(project / "data" / "paper.xlsx")
    sheet = book.active
    assert sheet["C2"].value == "x"  # the first questionnaire ticked Park (column C: Q2_SQ001)
    sheet["C2"] = "xx"
    sheet["B6"] = "Jein"  # the fifth questionnaire's Q1
    book.save(project / "data" / "paper.xlsx")
    result = cli("check", project)
    errors = [line for line in result.output.splitlines() if "CG620" in line]
    assert len(errors) == 2
    assert "/data/paper.xlsx:2:3: CG620 Fehler: „xx“ ist weder angekreuzt (Y) noch leer" in errors[0]
    assert "/data/paper.xlsx:6:2: CG620 Fehler: „Jein“ ist keine Antwort der Frage Q1" in errors[1]
    assert "erlaubt: A1 (Ja), A2 (Nein)" in errors[1]


def test_incomplete_question_and_unknown_references(project, cli):
    replace_in(
        project / "befragung.yaml",
        "    - {code: Q6, topic: person, short: Alter}",
        "    - {code: Q6, topic: persn, short: Alter, filter: {Q9: [A1]}}\n"
        "    - {code: Q7, text: Noch etwas?, type: single}",
    )
    replace_in(project / "befragung.yaml", "{question: Q1, by: Q6}", "{question: Q3, by: Q4}")
    result = cli("check", project)
    assert result.exit_code == 1
    out = result.output
    assert "CG621 Fehler: Frage Q7: eine Einfachauswahl-Frage ohne Antworten" in out
    # the references are checked once the questions are complete
    (project / "befragung.yaml").write_text(
        (project / "befragung.yaml")
        .read_text(encoding="utf-8")
        .replace("    - {code: Q7, text: Noch etwas?, type: single}", ""),
        encoding="utf-8",
    )
    out = cli("check", project).output
    assert "unbekanntes Thema „persn“" in out and "meinten Sie „person“" in out
    assert "der Filter nennt die unbekannte Frage „Q9“" in out
    assert "„Q3“ ist eine Skala: eines ihrer Items nennen, z. B. Q3[SQ001]" in out
    assert "„Q4“ ist keine Einfachauswahl-Frage" in out
    assert all(":" in line.split(" ")[0] for line in out.splitlines() if " Fehler: " in line)
