"""Answers a filter leaves out: respondents whom a question's ``filter`` does not let through, but who
answered it all the same (CG312).

A questionnaire skips a question for those the filter excludes, so their cells are empty. Where they are
not, the filter in befragung.yaml is narrower than the questionnaire's was (a code forgotten in
``filter: {Q03: [A1]}``), and the evaluation would silently drop answers that were given: a base of 81
where 130 answered.
"""

from __future__ import annotations

from typing import Any

from conceptgen.diagnostics import Diagnostic, diagnostic
from conceptgen.loading import ProjectSource
from conceptgen.model.survey import Questionnaire


def asked(question: Any, response: Any) -> bool:
    """Whether the question's filter let this respondent through."""
    return all(response.values.get(code) in wanted for code, wanted in question.filter.items())


def _gave_answer(question: Any, response: Any) -> bool:
    """Whether a respondent answered ``question`` (any item of a multiple-choice or scale question)."""
    for key, value in response.values.items():
        code = key[0] if isinstance(key, tuple) else key
        if code == question.code and value not in (None, False, ""):
            return True
    return False


def excluded_answers(
    spec: Questionnaire, questions: list[Any], kept: list[Any], source: ProjectSource
) -> list[Diagnostic]:
    """CG312 for every filtered question that respondents outside its filter answered."""
    declared = {q.code: i for i, q in enumerate(spec.questions)}
    found = []
    for question in questions:
        if not question.filter:
            continue
        outside = [r for r in kept if not asked(question, r)]
        answering = [r for r in outside if _gave_answer(question, r)]
        if not answering:
            continue
        inside = sum(1 for r in kept if asked(question, r) and _gave_answer(question, r))
        filters = "; ".join(f"{code}: {', '.join(wanted)}" for code, wanted in question.filter.items())
        given = sorted(
            {str(r.values.get(code)) for r in answering for code in question.filter},
            key=lambda v: (v == "None", v),
        )
        index = declared.get(question.code)
        path = ("questionnaire", "questions", index, "filter") if index is not None else ("questionnaire",)
        found.append(
            diagnostic(
                "CG312",
                f"Frage {question.code}: {len(answering)} Befragte haben sie beantwortet, obwohl der Filter "
                f"({filters}) sie ausschließt; ausgewertet werden nur {inside} statt "
                f"{inside + len(answering)} Antworten",
                source.locate(path),
                key_path=f"questionnaire.questions[{index}].filter" if index is not None else "",
                hint="ihre Antworten auf die Filterfrage: "
                + ", ".join("keine" if v == "None" else v for v in given)
                + " — den Filter um diese Codes ergänzen, oder die Antworten bewusst verwerfen "
                "(checks: {CG312: ignore})",
            )
        )
    return found
