"""The evaluation of a survey: per question the respondents asked (its filter), n valid, missing,
frequencies and percentages of the valid answers (the base), multiple choice as percent of those who
answered it, scales per item with the neutral answer apart and mean and median where declared, numbers,
"other" texts and open answers (personal data removed, duplicates counted); cross-tabs by a grouping
question with cells below the minimum size hidden.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from typing import Any

from conceptgen.data.redact import Redactor
from conceptgen.data.survey_cross import CrosstabResult, cross, suppress
from conceptgen.data.survey_dialects import load_responses
from conceptgen.data.survey_filters import asked, excluded_answers
from conceptgen.data.survey_read import Response
from conceptgen.data.survey_structure import resolve_questions
from conceptgen.diagnostics import Diagnostic, diagnostic, did_you_mean, has_errors
from conceptgen.loading import ProjectSource
from conceptgen.model import Concept
from conceptgen.model.survey import Completeness, Order, Question, Questionnaire, QuestionType
from conceptgen.terms import Terms

OTHER = "-oth-"  # LimeSurvey's code of „Sonstiges“; its label is the document's word


@dataclass
class Count:
    """An answer (or an item ticked) and how often; ``percent`` of the question's base."""

    code: str
    label: str
    count: int
    percent: float | None
    hidden: bool = False  # below the minimum cell size, or one from which such a count could be computed


@dataclass
class Part:
    """The answers to one question, or to one item of a scale."""

    label: str
    asked: int  # respondents the question's filter let through
    valid: int  # the base of the percentages
    missing: int  # asked, no valid answer
    counts: list[Count] = field(default_factory=list)
    neutral: list[Count] = field(default_factory=list)  # apart from the scale (weiß nicht)
    mean: float | None = None
    median: float | None = None
    minimum: float | None = None
    maximum: float | None = None


@dataclass
class QuestionResult:
    question: Question
    parts: list[Part]  # one for a question, one per item for a scale
    texts: list[tuple[str, int]] = field(default_factory=list)  # open answers (or "other" texts), counted


@dataclass
class Channel:
    """A way the questionnaires came back (online, Papier): received and kept for the evaluation."""

    name: str
    received: int
    kept: int
    sample: bool
    distributed: int | None = None


@dataclass
class SurveyResult:
    spec: Questionnaire
    questions: list[Question]
    kept: list[Response]
    received: int  # questionnaires of all exports, before any was dropped
    dropped_incomplete: int
    dropped_empty: int
    channels: list[Channel]
    results: dict[str, QuestionResult] = field(default_factory=dict)
    crosstabs: list[CrosstabResult] = field(default_factory=list)

    @property
    def sample(self) -> bool:
        return self.spec.sample or any(c.sample for c in self.channels)


def analyse_survey(
    concept: Concept, source: ProjectSource, terms: Terms
) -> tuple[SurveyResult | None, list[Diagnostic]]:
    """Read, check and evaluate the survey of ``concept`` (None when its questions or exports are
    broken; the diagnostics say why)."""
    spec = concept.questionnaire
    assert spec is not None
    questions, found = resolve_questions(spec, source)
    if has_errors(found) or not questions:
        return None, found
    found += _check_references(spec, questions, source)
    if has_errors(found):
        return None, found
    responses, problems = load_responses(spec, questions, source)
    found += problems
    if has_errors(found):
        return None, found
    kept, incomplete, empty = [], 0, 0
    for response in responses:
        if spec.keep is Completeness.COMPLETE and not response.complete:
            incomplete += 1
        elif len(answered(response)) < spec.min_answers:
            empty += 1
        else:
            kept.append(response)
    channels: dict[str, Channel] = {}
    for i, export in enumerate(spec.responses):
        name = export.channel or terms["survey.channel_unnamed"]
        channel = channels.setdefault(name, Channel(name, 0, 0, False))
        channel.received += sum(1 for r in responses if r.source == i)
        channel.kept += sum(1 for r in kept if r.source == i)
        channel.sample = channel.sample or export.sample
        if export.distributed:
            channel.distributed = (channel.distributed or 0) + export.distributed
    result = SurveyResult(spec, questions, kept, len(responses), incomplete, empty, list(channels.values()))
    found += excluded_answers(spec, questions, kept, source)
    redactor = Redactor(spec.redact, terms)
    for question in questions:
        result.results[question.code] = evaluate(question, kept, redactor)
    found += redactions(redactor, spec, questions, source)
    by_code = {q.code: q for q in questions}
    for crosstab in spec.crosstabs:
        result.crosstabs.append(cross(crosstab.question, crosstab.by, by_code, kept, spec.min_cell))
    withhold_small_counts(result, spec.min_cell)
    return result, found


def withhold_small_counts(result: SurveyResult, minimum: int) -> None:
    """Marks every count from 1 to ``minimum`` − 1 hidden, wherever it is printed: in the question's
    frequencies (with a second count where the first could be computed back from n and the rest) and in
    the „Gesamt“ column of its cross-tabs, until both agree (a cell a cross-tab hides is hidden in the
    frequencies too, and the other way round)."""
    for question_result in result.results.values():
        summing = question_result.question.type is not QuestionType.MULTIPLE  # ticks do not add up to n
        for part in question_result.parts:
            _withhold(part.counts, minimum, summing)
            _withhold(part.neutral, minimum, summing)
    changed = True
    while changed:
        changed = False
        for crosstab in result.crosstabs:
            code, _, item = crosstab.question.partition("[")
            question_result = result.results[code]
            items = list(question_result.question.items or {})
            part = question_result.parts[items.index(item.rstrip("]")) if item else 0]
            by_code = {c.code: c for c in part.counts}
            rows = [(r, by_code[c]) for r, c in enumerate(crosstab.codes) if c in by_code]
            withheld = frozenset(r for r, count in rows if count.hidden)
            crosstab.hidden, crosstab.hidden_totals = suppress(
                crosstab.counts, crosstab.totals, minimum, withheld
            )
            for r, count in rows:
                count.hidden = count.hidden or crosstab.hidden[r][-1]
            _withhold(part.counts, minimum, True)
            changed = changed or any(count.hidden for r, count in rows if r not in withheld)


def _withhold(counts: list[Count], minimum: int, summing: bool) -> None:
    """Hides the small counts; where they add up to a printed total and one alone is hidden, the
    smallest other count too."""
    for count in counts:
        count.hidden = count.hidden or 0 < count.count < minimum
    if summing and sum(c.hidden for c in counts) == 1:
        visible = [c for c in counts if not c.hidden and c.count > 0]
        if visible:
            min(visible, key=lambda c: c.count).hidden = True


def _check_references(
    spec: Questionnaire, questions: list[Question], source: ProjectSource
) -> list[Diagnostic]:
    """Filters and cross-tabs name questions that exist (and of a type they can use)."""
    codes = {q.code: q for q in questions}
    topics = {t.id for t in spec.topics}
    found = []
    for i, question in enumerate(spec.questions):
        for code in question.filter:
            if code not in codes:
                found.append(
                    diagnostic(
                        "CG202",
                        f"Frage {question.code}: der Filter nennt die unbekannte Frage „{code}“",
                        source.locate(("questionnaire", "questions", i, "filter", code), key=True),
                        hint=did_you_mean(code, codes) or "",
                    )
                )
        if question.topic and question.topic not in topics:
            found.append(
                diagnostic(
                    "CG202",
                    f"Frage {question.code}: unbekanntes Thema „{question.topic}“",
                    source.locate(("questionnaire", "questions", i, "topic")),
                    hint=did_you_mean(question.topic, topics) or "Themen werden unter topics: erklärt",
                )
            )
    for i, crosstab in enumerate(spec.crosstabs):
        for entry, problem in (
            ("question", _crossable(crosstab.question, codes)),
            ("by", _group(crosstab.by, codes)),
        ):
            if problem:
                code = getattr(crosstab, entry).split("[")[0]
                found.append(
                    diagnostic(
                        "CG202",
                        f"Kreuztabelle ({entry}:): {problem}",
                        source.locate(("questionnaire", "crosstabs", i, entry)),
                        key_path=f"questionnaire.crosstabs[{i}].{entry}",
                        hint=did_you_mean(code, codes) or "",
                    )
                )
    return found


def _crossable(name: str, codes: dict[str, Question]) -> str:
    """What is wrong with the question of a cross-tab: a single-choice question or a scale item."""
    code, _, item = name.partition("[")
    question = codes.get(code)
    if question is None:
        return f"unbekannte Frage „{code}“"
    if question.type is QuestionType.SCALE:
        item = item.rstrip("]")
        if not item:
            first = next(iter(question.items or {"SQ001": ""}))
            return f"„{name}“ ist eine Skala: eines ihrer Items nennen, z. B. {code}[{first}]"
        if item not in (question.items or {}):
            return f"die Skala {code} hat kein Item „{item}“ (Items: {', '.join(question.items or {})})"
        return ""
    if question.type is not QuestionType.SINGLE or item:
        return f"„{name}“ ist weder eine Einfachauswahl-Frage noch ein Item einer Skala"
    return ""


def _group(name: str, codes: dict[str, Question]) -> str:
    question = codes.get(name)
    if question is None:
        return f"unbekannte Frage „{name}“"
    if question.type is not QuestionType.SINGLE:
        return f"„{name}“ ist keine Einfachauswahl-Frage (die Gruppen sind ihre Antworten)"
    return ""


def answered(response: Response) -> set[str]:
    """The questions a respondent answered (a multiple-choice question: at least one item ticked)."""
    return {k[0] if isinstance(k, tuple) else k for k, v in response.values.items() if v is not False}


def evaluate(question: Question, responses: list[Response], redactor: Redactor) -> QuestionResult:
    """The counts of one question."""
    group = [r for r in responses if asked(question, r)]
    kind = question.type
    if kind is QuestionType.SCALE:
        parts = [
            _choice(
                label, [r.values.get((question.code, item)) for r in group], question.scale or {}, question
            )
            for item, label in (question.items or {}).items()
        ]
        return QuestionResult(question, parts, _other(question, group, redactor))
    if kind is QuestionType.SINGLE:
        part = _choice(
            question.text or question.code,
            [r.values.get(question.code) for r in group],
            question.answers or {},
            question,
        )
        return QuestionResult(question, [part], _other(question, group, redactor))
    if kind is QuestionType.MULTIPLE:
        items = question.items or {}
        answered = [
            r
            for r in group
            if any(r.values.get((question.code, i)) for i in items) or r.values.get((question.code, "other"))
        ]
        counts = [
            Count(
                item,
                label,
                n := sum(1 for r in answered if r.values.get((question.code, item))),
                100 * n / len(answered) if answered else None,
            )
            for item, label in items.items()
        ]
        if question.order is Order.FREQUENCY:
            counts.sort(key=lambda c: -c.count)
        if question.other:  # who wrote something under „Sonstiges“
            n = sum(1 for r in answered if r.values.get((question.code, "other")))
            counts.append(Count(OTHER, "", n, 100 * n / len(answered) if answered else None))
        part = Part(
            question.text or question.code, len(group), len(answered), len(group) - len(answered), counts
        )
        return QuestionResult(question, [part], _other(question, group, redactor))
    if kind is QuestionType.NUMBER:
        numbers = [r.values[question.code] for r in group if isinstance(r.values.get(question.code), float)]
        part = Part(question.text or question.code, len(group), len(numbers), len(group) - len(numbers))
        if numbers:
            part.mean, part.median = statistics.fmean(numbers), statistics.median(numbers)
            part.minimum, part.maximum = min(numbers), max(numbers)
        return QuestionResult(question, [part])
    given = [r for r in group if r.values.get(question.code)]
    part = Part(question.text or question.code, len(group), len(given), len(group) - len(given))
    texts = (redactor.answer(question.code, r.values[question.code], r.source, r.line) for r in given)
    return QuestionResult(question, [part], counted(texts))


def _choice(label: str, values: list[Any], codes: dict[str, str], question: Question) -> Part:
    """Frequencies of the declared codes among ``values`` (None: no answer), the neutral ones apart."""
    valid = [v for v in values if v in codes or v == OTHER]
    neutral = [v for v in values if v in question.neutral]
    part = Part(label, len(values), len(valid), len(values) - len(valid) - len(neutral))
    counts = [
        Count(code, text, n := valid.count(code), 100 * n / len(valid) if valid else None)
        for code, text in codes.items()
    ]
    if question.order is Order.FREQUENCY:
        counts.sort(key=lambda c: -c.count)
    if question.other and question.type is QuestionType.SINGLE:
        n = valid.count(OTHER)
        counts.append(Count(OTHER, "", n, 100 * n / len(valid) if valid else None))
    part.counts = counts
    answering = len(valid) + len(neutral)  # the base of the neutral answers: every answer given
    part.neutral = [
        Count(code, text, n := neutral.count(code), 100 * n / answering if answering else None)
        for code, text in question.neutral.items()
    ]
    if question.mean and valid:
        positions = {code: i + 1 for i, code in enumerate(codes)}
        numbers = [positions[v] for v in valid if v in positions]
        if numbers:
            part.mean, part.median = statistics.fmean(numbers), statistics.median(numbers)
    return part


def _other(question: Question, group: list[Response], redactor: Redactor) -> list[tuple[str, int]]:
    if not question.other:
        return []
    key = (question.code, "other")
    return counted(
        redactor.answer(question.code, r.values[key], r.source, r.line) for r in group if r.values.get(key)
    )


_KINDS = {  # singular, plural
    "email": ("E-Mail-Adresse", "E-Mail-Adressen"),
    "phone": ("Telefonnummer", "Telefonnummern"),
    "address": ("Adresse", "Adressen"),
    "name": ("Name", "Namen"),
}


def redactions(
    redactor: Redactor, spec: Questionnaire, questions: list[Question], source: ProjectSource
) -> list[Diagnostic]:
    """CG631 per question whose answers lost personal data: how many of each kind, and where the first
    such answer was given, so that the consultant can review what was removed."""
    from conceptgen.diagnostics import Location, relative

    found = []
    for question in questions:
        removed = redactor.removed.get(question.code)
        if not removed:
            continue
        index, line = redactor.first[question.code]
        kinds = ", ".join(
            f"{n} {_KINDS[kind][n > 1]}"
            for kind, n in sorted(removed.items(), key=lambda item: list(_KINDS).index(item[0]))
        )
        total = sum(removed.values())
        found.append(
            diagnostic(
                "CG631",
                f"{question.code}: {total} Schwärzung{'en' if total > 1 else ''} in den offenen Antworten "
                f"({kinds})",
                Location(relative(source.root / spec.responses[index].file), line, 1),
                hint="sie im Dokument prüfen; weitere Namen unter redact: in befragung.yaml ergänzen",
            )
        )
    return found


def counted(texts: Any) -> list[tuple[str, int]]:
    """Texts with how often each was given (the same words in any case and spacing count as one), most
    frequent first, then in order of appearance."""
    seen: dict[str, list[Any]] = {}
    for text in texts:
        clean = " ".join(str(text).split())
        if not clean:
            continue
        key = clean.casefold()
        if key in seen:
            seen[key][1] += 1
        else:
            seen[key] = [clean, 1]
    return sorted(((t, n) for t, n in seen.values()), key=lambda item: -item[1])
