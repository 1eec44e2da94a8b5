"""A survey's questions: those of its structure file (read by the survey format that takes the file for its
own: LimeSurvey's structure export, an SPSS file …; data/survey_dialects/) merged with what befragung.yaml
says about each question; CG621 for a question that lacks what its type needs.
"""

from __future__ import annotations

from conceptgen.data.survey_dialects import SURE, load_structure, response_file
from conceptgen.diagnostics import Diagnostic, DiagnosticError, diagnostic
from conceptgen.loading import ProjectSource
from conceptgen.model.survey import Question, Questionnaire, QuestionType
from conceptgen.paths import inside


def resolve_questions(
    questionnaire: Questionnaire, source: ProjectSource
) -> tuple[list[Question], list[Diagnostic]]:
    """The questions: the structure export's, with what the YAML says about each on top (and the YAML's
    own questions); CG621 for a question that lacks what its type needs."""
    found: list[Diagnostic] = []
    merged: dict[str, Question] = {}
    try:
        for question in _structure(questionnaire, source):
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
                    f"Frage {question.code}: {problem}",
                    source.locate(("questionnaire", "questions", i)),
                    key_path=f"questionnaire.questions[{i}]",
                    hint="sie erklären oder den Strukturexport (structure:) angeben, der sie enthält",
                )
            )
    for question in merged.values():
        if question.code not in {q.code for q in questionnaire.questions}:
            problem = _incomplete(question)
            if problem:
                found.append(
                    diagnostic(
                        "CG621", f"Frage {question.code}: {problem}", source.locate(("questionnaire",))
                    )
                )
    return list(merged.values()), found


def _structure(questionnaire: Questionnaire, source: ProjectSource) -> list[Question]:
    """The questions of the structure file (``structure:``); without one, those of the first response
    file whose format names its questions itself (an SPSS file)."""
    if questionnaire.structure:
        path = source.root / questionnaire.structure
        where = source.locate(("questionnaire", "structure"))
        if not inside(path, source.root) or not path.is_file():
            raise DiagnosticError(
                diagnostic(
                    "CG001",
                    f"Strukturexport „{questionnaire.structure}“ nicht gefunden",
                    where,
                    key_path="questionnaire.structure",
                )
            )
        return load_structure(path, where, questionnaire.questions)
    for index in range(len(questionnaire.responses)):
        try:
            export, dialect = response_file(questionnaire, index, source)
        except DiagnosticError:
            continue  # reported when the responses are read
        if dialect.structure and dialect.detect(export.path, None) >= SURE:
            return dialect.questions(export.path, export.display, export.where, questionnaire.questions)
    return []


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
        return "kein Typ (single, multiple, scale, number, text)"
    if not question.text:
        return "kein Text"
    if question.type is QuestionType.SINGLE and not question.answers:
        return "eine Einfachauswahl-Frage ohne Antworten"
    if question.type in (QuestionType.MULTIPLE, QuestionType.SCALE) and not question.items:
        return f"eine Frage vom Typ {question.type.value} ohne Items"
    if question.type is QuestionType.SCALE and not question.scale:
        return "eine Skalenfrage ohne ihre Skala"
    return ""
