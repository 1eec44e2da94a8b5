"""SPSS (.sav) as a survey format: the twelve questionnaires of tests/fixtures/survey written as SPSS files
with pyreadstat — string codes and numeric codes, with and without labels, user-defined missing values,
string variables, no cases at all — give the hand-computed figures of tests/data/test_survey.py; a file
that is no SPSS file, or is cut off, is a located error.
"""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conceptgen.pipeline import check_project
from tests.conftest import FIXTURES
from tests.data.test_survey import assert_hand_computed_figures, codes
from tests.fixtures.survey.make_fixtures import Q1, Q3, Q3_ITEMS, Q6, RESPONDENTS

pyreadstat = pytest.importorskip("pyreadstat")
pd = pytest.importorskip("pandas")

MISSING = "-9"

YAML = """questionnaire:
  title: Quartiersbefragung Teststadt
  responses:
    - {{file: data/befragung.sav, format: spss, channel: online}}
  period: im März 2025
  min_cell: 3
  redact: [Meier]
  topics:
    - {{id: quartier, title: Im Quartier, text: Fragen zum Quartier.}}
    - {{id: person, title: Zur Person}}
  questions:
    - {{code: Q1, topic: quartier}}
    - {{code: Q2, topic: quartier, type: multiple, filter: {{Q1: ["{yes}"]}}}}
    - {{code: Q3, topic: quartier, type: scale, neutral: {{"{dunno}": weiß nicht}}, mean: true}}
    - {{code: Q4, topic: quartier, unit: Minuten}}
    - {{code: Q5, topic: quartier}}
    - {{code: Q6, topic: person, short: Alter}}
  crosstabs:
    - {{question: Q1, by: Q6}}
"""


def numeric(code: str) -> float:
    """A1 → 1.0 …; empty → the missing code."""
    return float(code[1:]) if code else float(MISSING)


def write_sav(path: Path, *, codes_as: str = "strings", labels: bool = True, cases: int = 12) -> None:
    """The questionnaires as an SPSS file: ``codes_as`` strings (A1, A2 …) or numbers (1, 2 …), with
    variable and value labels or without, the first ``cases`` of them."""
    rows = RESPONDENTS[:cases]
    as_code = (lambda c: c or MISSING) if codes_as == "strings" else numeric
    ticked, not_ticked = (1.0, 0.0) if codes_as == "strings" else (1.0, 2.0)  # numbers: 1 ja, 2 nein
    data = {
        "id": [float(i) for i in range(1, len(rows) + 1)],
        "FINISHED": [1.0 if r[0] else 0.0 for r in rows],
        "Q1": [as_code(r[1]) for r in rows],
        **{f"Q2_SQ00{i + 1}": [ticked if r[2][i] == "Y" else not_ticked for r in rows] for i in range(3)},
        "Q2_other": [r[2][3] for r in rows],
        **{f"Q3_{item}": [as_code(r[3][i]) for r in rows] for i, item in enumerate(Q3_ITEMS)},
        "Q4": [float(r[4]) if r[4] else math.nan for r in rows],
        "Q5": [r[5] for r in rows],
        "Q6": [as_code(r[6]) for r in rows],
    }
    texts = ["Q2_other", "Q5"] + (["Q1", "Q3_SQ001", "Q3_SQ002", "Q6"] if codes_as == "strings" else [])
    frame = pd.DataFrame(data).astype({name: str for name in texts})  # typed also without cases
    key = (lambda c: c) if codes_as == "strings" else numeric
    missing = MISSING if codes_as == "strings" else float(MISSING)
    value_labels = {
        "Q1": {key(c): t for c, t in Q1.items()},
        **{f"Q3_{item}": {key(c): t for c, t in Q3.items()} for item in Q3_ITEMS},
        "Q6": {key(c): t for c, t in Q6.items()},
    }
    for name in value_labels:
        value_labels[name][missing] = "keine Angabe"
    if codes_as != "strings":  # the ticks 1/2 say what they are only by their labels
        value_labels |= {f"Q2_SQ00{i}": {1.0: "ja", 2.0: "nein"} for i in range(1, 4)}
    variable_labels = {
        "Q1": "Wohnen Sie im Quartier?",
        "Q2_SQ001": "Was nutzen Sie? Park",
        "Q2_SQ002": "Was nutzen Sie? Markt",
        "Q2_SQ003": "Was nutzen Sie? Bücherei",
        "Q2_other": "Was nutzen Sie? Sonstiges",
        "Q3_SQ001": "Wie bewerten Sie: Sauberkeit",
        "Q3_SQ002": "Wie bewerten Sie: Sicherheit",
        "Q4": "Wie viele Minuten brauchen Sie zum Park?",
        "Q5": "Was wünschen Sie sich?",
        "Q6": "Wie alt sind Sie?",
    }
    pyreadstat.write_sav(
        frame,
        str(path),
        column_labels=variable_labels if labels else None,
        variable_value_labels=value_labels if labels else None,
        missing_ranges={name: [missing] for name in ("Q1", "Q3_SQ001", "Q3_SQ002", "Q6")},
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    target = tmp_path / "survey"
    shutil.copytree(FIXTURES / "survey", target)
    (target / "befragung.yaml").write_text(YAML.format(yes="A1", dunno="A6"), encoding="utf-8")
    return target


def survey(project: Path):
    result = check_project(project)
    assert result.ok, [d.format() for d in result.diagnostics]
    return result.data.survey


def test_sav_gives_the_hand_computed_figures(project):
    """Labels present, codes as strings: the questions come from the file (no structure:), the same
    twelve questionnaires give the same figures as every other export form."""
    write_sav(project / "data" / "befragung.sav")
    s = survey(project)
    assert (s.received, s.dropped_incomplete, len(s.kept)) == (12, 2, 10)
    assert_hand_computed_figures(s)
    by_code = {q.code: q for q in s.questions}
    assert list(by_code) == ["Q1", "Q2", "Q3", "Q4", "Q5", "Q6"]  # id and FINISHED are no questions
    assert by_code["Q1"].text == "Wohnen Sie im Quartier?" and by_code["Q1"].answers == Q1  # -9 is none
    assert (by_code["Q2"].text, by_code["Q2"].items) == (
        "Was nutzen Sie?",
        {"SQ001": "Park", "SQ002": "Markt", "SQ003": "Bücherei"},
    )
    assert by_code["Q3"].items == Q3_ITEMS and list(by_code["Q3"].scale) == ["A1", "A2", "A3", "A4", "A5"]
    assert (by_code["Q4"].type.value, by_code["Q5"].type.value) == ("number", "text")


def test_sav_with_numeric_codes(project):
    """Codes 1, 2 … as institutes deliver them, -9 user-missing, ticks 1 ja / 2 nein by their labels."""
    (project / "befragung.yaml").write_text(YAML.format(yes="1", dunno="6"), encoding="utf-8")
    write_sav(project / "data" / "befragung.sav", codes_as="numbers")
    s = survey(project)
    assert codes(s.results["Q1"].parts[0]) == {"1": (7, 70.0), "2": (3, 30.0)}
    q2 = s.results["Q2"].parts[0]
    assert (q2.asked, q2.valid, q2.missing) == (7, 6, 1)
    assert codes(q2) == {"SQ001": (4, 66.67), "SQ002": (4, 66.67), "SQ003": (2, 33.33), "-oth-": (1, 16.67)}
    clean = s.results["Q3"].parts[0]
    assert (clean.valid, clean.neutral[0].count, clean.missing, clean.mean) == (8, 1, 1, 2.5)
    q6 = s.results["Q6"].parts[0]
    assert codes(q6) == {"1": (4, 44.44), "2": (5, 55.56)} and q6.missing == 1  # -9: not answered


def test_sav_without_labels_takes_the_questions_befragung_yaml_declares(project):
    """Without variable labels a variable is a question only where befragung.yaml declares it; the
    others are reported as columns no question declares (CG622)."""
    write_sav(project / "data" / "befragung.sav", labels=False)
    (project / "befragung.yaml").write_text(
        """questionnaire:
  title: T
  responses: [{file: data/befragung.sav, format: spss}]
  questions:
    - {code: Q1, text: Wohnen Sie im Quartier?, type: single, answers: {A1: Ja, A2: Nein}}
    - {code: Q5, text: Wünsche, type: text}
""",
        encoding="utf-8",
    )
    result = check_project(project)
    assert result.ok, [d.format() for d in result.diagnostics]
    s = result.data.survey
    assert [q.code for q in s.questions] == ["Q1", "Q5"]
    assert codes(s.results["Q1"].parts[0]) == {"A1": (7, 70.0), "A2": (3, 30.0)}
    assert s.results["Q5"].texts[0] == ("Mehr Bänke", 3)  # a string variable: the open answers
    (warning,) = [d for d in result.diagnostics if d.code == "CG622"]
    assert "Q2_SQ001" in warning.message and "FINISHED" not in warning.message


def test_sav_without_cases(project):
    write_sav(project / "data" / "befragung.sav", cases=0)
    s = survey(project)
    assert (s.received, len(s.kept)) == (0, 0)
    assert [q.code for q in s.questions] == ["Q1", "Q2", "Q3", "Q4", "Q5", "Q6"]


def test_an_answer_that_is_no_code_is_located_by_case_and_variable(project, cli):
    write_sav(project / "data" / "befragung.sav")
    frame, meta = pyreadstat.read_sav(str(project / "data" / "befragung.sav"))
    frame.loc[3, "Q6"] = "A7"  # the fourth case
    pyreadstat.write_sav(
        frame,
        str(project / "data" / "befragung.sav"),
        column_labels=meta.column_names_to_labels,
        variable_value_labels=meta.variable_value_labels,
    )
    result = cli("check", project)
    assert result.exit_code == 1
    (error,) = [line for line in result.output.splitlines() if "CG620" in line]
    column = list(frame.columns).index("Q6") + 1
    assert f"data/befragung.sav:4:{column}: CG620 Fehler: „A7“ ist keine Antwort der Frage Q6" in error


@pytest.mark.parametrize("damage", ["not a sav", "cut off"])
def test_a_bad_sav_is_a_located_error(project, cli, damage):
    path = project / "data" / "befragung.sav"
    if damage == "not a sav":
        path.write_text("id;Q1\n1;A1\n", encoding="utf-8")
    else:
        write_sav(path)
        raw = path.read_bytes()
        path.write_bytes(raw[: len(raw) // 2])
    result = cli("check", project)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    (error,) = [line for line in result.output.splitlines() if "CG542" in line]
    assert "data/befragung.sav:1:1: CG542 Fehler:" in error
    assert ("keine SPSS-Datei" if damage == "not a sav" else "beschädigt oder unvollständig") in error


def test_multiple_response_sets_are_multiple_choice(tmp_path):
    """A multiple dichotomy set of the file ($Q2, counted value 1) is a multiple-choice question whose
    items are its variables, whatever their names (pyreadstat reads sets, but cannot write them: the set
    is given to the metadata of a file written without)."""
    from conceptgen.data.survey_dialects.spss import _group_question, _groups

    path = tmp_path / "mr.sav"
    frame = pd.DataFrame({"park": [1.0, 0.0], "markt": [1.0, 1.0], "Q9": [1.0, 2.0]})
    pyreadstat.write_sav(frame, str(path), column_labels={"park": "Park", "markt": "Markt", "Q9": "Alter"})
    _frame, meta = pyreadstat.read_sav(str(path), metadataonly=True, user_missing=True)
    meta.mr_sets = {
        "$Q2": {
            "type": "D",
            "is_dichotomy": True,
            "counted_value": 1,
            "label": "Was nutzen Sie?",
            "variable_list": ["park", "markt"],
        }
    }
    groups = _groups(meta, [])
    assert list(groups) == ["Q2"]
    question = _group_question("Q2", groups["Q2"], meta)
    assert (question.type.value, question.text, question.items) == (
        "multiple",
        "Was nutzen Sie?",
        {"park": "Park", "markt": "Markt"},
    )


def test_sav_as_the_structure_file(project):
    """structure: may name the SPSS file (here beside a LimeSurvey export of the same questionnaires)."""
    write_sav(project / "data" / "befragung.sav")
    text = YAML.format(yes="A1", dunno="A6").replace(
        "    - {file: data/befragung.sav, format: spss, channel: online}",
        "    - {file: data/limesurvey_codes.csv, format: limesurvey}",
    )
    text = text.replace("  responses:", "  structure: data/befragung.sav\n  responses:")
    (project / "befragung.yaml").write_text(
        text.replace(", type: multiple", ", type: multiple, other: true"), encoding="utf-8"
    )
    s = survey(project)
    assert_hand_computed_figures(s)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    answers=st.lists(st.sampled_from(["A1", "A2", ""]), min_size=0, max_size=30),
    numbers=st.booleans(),
)
def test_any_answers_are_counted_as_given(project, answers, numbers):
    """Whatever the answers to Q1 (codes, or -9 missing) and however coded: the counts are those given."""
    path = project / "data" / "befragung.sav"
    value = numeric if numbers else (lambda c: c or MISSING)
    key = numeric if numbers else (lambda c: c)
    frame = pd.DataFrame({"FINISHED": [1.0] * len(answers), "Q1": [value(a) for a in answers]})
    if not numbers:
        frame = frame.astype({"Q1": str})
    pyreadstat.write_sav(
        frame,
        str(path),
        column_labels={"Q1": "Wohnen Sie im Quartier?"},
        variable_value_labels={"Q1": {key("A1"): "Ja", key("A2"): "Nein"}},
        missing_ranges={"Q1": [float(MISSING) if numbers else MISSING]},
    )
    (project / "befragung.yaml").write_text(
        "questionnaire:\n  title: T\n  responses: [{file: data/befragung.sav, format: spss}]\n"
        "  min_answers: 0\n",
        encoding="utf-8",
    )
    s = survey(project)
    part = s.results["Q1"].parts[0]
    yes, no = answers.count("A1"), answers.count("A2")
    code = "1" if numbers else "A1"
    assert s.received == len(answers) and (part.valid, part.missing) == (yes + no, answers.count(""))
    assert {c.code: c.count for c in part.counts}[code] == yes
