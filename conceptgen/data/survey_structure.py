"""A survey's questions: LimeSurvey's structure export (the tab-separated ``.txt``: its question,
subquestion and answer rows, its relevance equations as filters where they are simple) merged with what
befragung.yaml says about each question; CG621 for a question that lacks what its type needs.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from conceptgen.data.survey_lss import plain, read_lss
from conceptgen.data.tabular import read_table
from conceptgen.diagnostics import Diagnostic, DiagnosticError, Location, diagnostic, relative
from conceptgen.loading import ProjectSource
from conceptgen.model.survey import Question, Questionnaire, QuestionType
from conceptgen.paths import inside

# LimeSurvey's question types (the one letter of its structure export) → ours
LIMESURVEY_TYPES = {
    **dict.fromkeys("L!OYG5", QuestionType.SINGLE),
    **dict.fromkeys("MP", QuestionType.MULTIPLE),
    **dict.fromkeys("FABCEH", QuestionType.SCALE),
    **dict.fromkeys("NK", QuestionType.NUMBER),
    **dict.fromkeys("TSUQD", QuestionType.TEXT),
}
FIXED_ANSWERS = {
    "Y": {"Y": "Ja", "N": "Nein"},
    "G": {"F": "weiblich", "M": "männlich"},
    "5": {str(i): str(i) for i in range(1, 6)},
}
FIXED_SCALES = {
    "A": {str(i): str(i) for i in range(1, 6)},
    "B": {str(i): str(i) for i in range(1, 11)},
    "C": {"Y": "Ja", "U": "Unsicher", "N": "Nein"},
    "E": {"I": "mehr", "S": "gleich", "D": "weniger"},
}


def load_structure(path: Path, source: ProjectSource, where: Location | None) -> list[Question]:
    """The questions of a LimeSurvey structure export: the survey file (``.lss``) or the tab-separated
    values (``.txt``)."""
    if path.suffix.lower() == ".lss":
        return build_questions(read_lss(path, relative(path)))
    return build_questions(_read_tsv(path, where))


def _read_tsv(path: Path, where: Location | None) -> list[dict[str, Any]]:
    """The questions of the tab-separated structure export, as plain records (see build_questions)."""
    display = relative(path)
    table = read_table(path, display, encoding="utf-8", separator="\t", where=where)
    columns = {name.strip().lower(): i for i, name in enumerate(table.headers)}
    for needed in ("class", "type/scale", "name", "text"):
        if needed not in columns:
            raise DiagnosticError(
                diagnostic(
                    "CG601",
                    f"{display} has no column '{needed}': not a LimeSurvey structure export",
                    Location(display, table.header_line, 1),
                    hint="export the survey as „Tab Separated Values format (*.txt)“",
                )
            )

    def cell(row: list[Any], name: str) -> str:
        i = columns.get(name)
        return str(row[i]).strip() if i is not None and i < len(row) and row[i] is not None else ""

    questions: list[dict[str, Any]] = []
    language = ""
    for row in table.rows:
        kind = cell(row, "class")
        row_language = cell(row, "language")
        if kind == "Q":
            language = language or row_language
            if row_language and row_language != language:
                break  # a secondary language repeats everything: the first is enough
            letter = cell(row, "type/scale")
            questions.append(
                {
                    "letter": letter,
                    "code": cell(row, "name"),
                    "text": plain(cell(row, "text")),
                    "other": cell(row, "other") == "Y",
                    "relevance": cell(row, "relevance"),
                    "answers": {},
                    "items": {},
                }
            )
        elif kind == "SQ" and questions:
            if cell(row, "type/scale") in ("", "0"):
                questions[-1]["items"][cell(row, "name")] = plain(cell(row, "text"))
        elif kind == "A" and questions and cell(row, "type/scale") in ("", "0"):
            questions[-1]["answers"][cell(row, "name")] = plain(cell(row, "text"))
    return questions


def build_questions(questions: list[dict[str, Any]]) -> list[Question]:
    """Questions from the records of a structure export: ``letter`` (LimeSurvey's type), ``code``,
    ``text``, ``other``, ``relevance``, ``answers`` and ``items`` (code → text), in the survey's order."""
    found = []
    codes = {q["code"]: q["answers"] or FIXED_ANSWERS.get(q["letter"], {}) for q in questions}
    for q in questions:
        kind = LIMESURVEY_TYPES.get(q["letter"])
        if kind is None:
            continue  # boilerplate texts, equations, uploads: nothing to evaluate
        answers = q["answers"] or FIXED_ANSWERS.get(q["letter"], {})
        scale = q["answers"] or FIXED_SCALES.get(q["letter"], {})
        found.append(
            Question(
                code=q["code"],
                text=q["text"],
                type=kind,
                answers=answers if kind is QuestionType.SINGLE else None,
                items=q["items"] or None,
                scale=scale if kind is QuestionType.SCALE else None,
                other=q["other"],
                filter=relevance_filter(q["relevance"], codes),
            )
        )
    return found


_TERM = re.compile(
    r"""^\(*\s*(?:(!)\s*is_empty\(\s*(\w+)(?:\.NAOK)?\s*\)?|(\w+)(?:\.NAOK)?\s*(==|!=|eq|ne)\s*["'](\w+)["'])\s*\)*$"""
)


def relevance_filter(equation: str, answers: dict[str, dict[str, str]]) -> dict[str, list[str]]:
    """The filter of a LimeSurvey relevance equation, where it is simple: terms joined by ``and``, each
    ``Q01 == "A1"``, ``Q02.NAOK != "A1"`` or ``!is_empty(Q02)`` on a question with answer codes.
    Anything else (``or``, numbers, functions) gives no filter: declare it in befragung.yaml then."""
    equation = equation.strip()
    if equation in ("", "1"):
        return {}
    allowed: dict[str, set[str]] = {}
    for term in re.split(r"\s+(?:and|&&)\s+", equation.strip("() ")):
        match = _TERM.match(term.strip())
        if not match:
            return {}
        negated_empty, empty_code, code, operator, value = match.groups()
        code = code or empty_code
        if code not in answers or not answers[code]:
            return {}
        every = set(answers[code])
        if negated_empty:
            wanted = every
        elif operator in ("==", "eq"):
            wanted = {value}
        else:
            wanted = every - {value}
        allowed[code] = allowed.get(code, every) & wanted
    return {code: [c for c in answers[code] if c in wanted] for code, wanted in allowed.items()}


def resolve_questions(
    questionnaire: Questionnaire, source: ProjectSource
) -> tuple[list[Question], list[Diagnostic]]:
    """The questions: the structure export's, with what the YAML says about each on top (and the YAML's
    own questions); CG621 for a question that lacks what its type needs."""
    found: list[Diagnostic] = []
    merged: dict[str, Question] = {}
    if questionnaire.structure:
        path = source.root / questionnaire.structure
        where = source.locate(("questionnaire", "structure"))
        if not inside(path, source.root) or not path.is_file():
            return [], [
                diagnostic(
                    "CG001",
                    f"structure export '{questionnaire.structure}' not found",
                    where,
                    key_path="questionnaire.structure",
                )
            ]
        try:
            for question in load_structure(path, source, where):
                merged[question.code] = question
        except DiagnosticError as exc:
            return [], exc.diagnostics
    for i, declared in enumerate(questionnaire.questions):
        base = merged.get(declared.code)
        given = declared.model_dump(exclude_unset=True)
        question = _apart(base.model_copy(update=given) if base else declared)
        merged[declared.code] = question
        problem = _incomplete(question)
        if problem:
            found.append(
                diagnostic(
                    "CG621",
                    f"question {question.code}: {problem}",
                    source.locate(("questionnaire", "questions", i)),
                    key_path=f"questionnaire.questions[{i}]",
                    hint="declare it, or give the structure export (structure:) that has it",
                )
            )
    for question in merged.values():
        if question.code not in {q.code for q in questionnaire.questions}:
            problem = _incomplete(question)
            if problem:
                found.append(
                    diagnostic(
                        "CG621", f"question {question.code}: {problem}", source.locate(("questionnaire",))
                    )
                )
    return list(merged.values()), found


def _apart(question: Question) -> Question:
    """The neutral answers (weiß nicht) taken out of the scale or the answers, where the structure export
    lists them with the others."""
    if not question.neutral:
        return question
    update = {}
    for name in ("scale", "answers"):
        codes = getattr(question, name)
        if codes and any(code in question.neutral for code in codes):
            update[name] = {c: label for c, label in codes.items() if c not in question.neutral}
    return question.model_copy(update=update) if update else question


def _incomplete(question: Question) -> str:
    if question.type is None:
        return "no type (single, multiple, scale, number, text)"
    if not question.text:
        return "no text"
    if question.type is QuestionType.SINGLE and not question.answers:
        return "a single-choice question without answers"
    if question.type in (QuestionType.MULTIPLE, QuestionType.SCALE) and not question.items:
        return f"a {question.type.value} question without items"
    if question.type is QuestionType.SCALE and not question.scale:
        return "a scale question without its scale"
    return ""
