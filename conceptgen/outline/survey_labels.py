"""The labels a survey's blocks define (docs/befragung.md), from the evaluated survey: ``check`` knows
them for references, and the document stage names its tables and figures by the same functions, so what
``check`` promises is what ``render`` writes.

The evaluation (data/survey.py SurveyResult) is read by its attributes only: the outline stage does not
import the data stage.
"""

from __future__ import annotations

from typing import Any

Entry = tuple[str, "str | None"]
APPENDIX = "haeufigkeiten"  # the label prefix of the frequency tables of survey_tables (the appendix)
CHARTED = ("single", "multiple", "scale")


def slug(code: str) -> str:
    """A question code (or Q05[SQ001]) as part of a label: lower case, letters, digits and hyphens."""
    return "".join(c if c.isalnum() else "-" for c in code.lower()).strip("-")


def cross_id(cross: Any) -> str:
    return f"kreuz-{slug(cross.question)}-{slug(cross.by)}"


def open_id(code: str) -> str:
    return f"offen-{slug(code)}"


def has_chart(result: Any, code: str) -> bool:
    """Whether a question gets a chart: it asks for one, its type has one, and someone answered it."""
    evaluated = result.results[code]
    question = evaluated.question
    return (
        question.chart
        and question.type is not None
        and question.type.value in CHARTED
        and any(p.valid for p in evaluated.parts)
    )


def has_table(result: Any, code: str) -> bool:
    """Every question but an open one has a frequency table (open answers are listed, not counted)."""
    question = result.results[code].question
    return question.type is not None and question.type.value != "text"


def crosstab_drawn(cross: Any) -> bool:
    """Whether a cross-tab has a chart: at least one group with a cell shown."""
    return any(
        not cross.hidden_totals[c] and cross.totals[c] and not all(row[c] for row in cross.hidden)
        for c in range(len(cross.columns))
    )


def groups(result: Any, params: Any) -> list[tuple[Any, list[Any]]]:
    """The questions a block shows, by topic (topic None: no heading; "other": the questions without a
    topic when there are topics), in the questionnaire's order."""
    wanted_topics = getattr(params, "topics", None)
    wanted = getattr(params, "questions", None)
    questions = [q for q in result.questions if wanted is None or q.code in wanted]
    topics = result.spec.topics
    if not topics:
        return [(None, questions)] if questions else []
    found: list[tuple[Any, list[Any]]] = []
    for topic in topics:
        if wanted_topics is not None and topic.id not in wanted_topics:
            continue
        members = [q for q in questions if q.topic == topic.id]
        if members:
            found.append((topic, members))
    rest = [q for q in questions if q.topic is None]
    if rest and wanted_topics is None:
        found.append(("other", rest))
    return found


def shows_table(result: Any, code: str, params: Any) -> bool:
    """Whether a results block shows the table of a question: asked for, or the question has no chart."""
    if not has_table(result, code):
        return False
    charted = getattr(params, "charts", True) and has_chart(result, code)
    return getattr(params, "tables", False) or not charted


def question_entries(result: Any, questions: list[Any], params: Any) -> list[Entry]:
    entries: list[Entry] = []
    for question in questions:
        if getattr(params, "charts", True) and has_chart(result, question.code):
            entries.append(("label", f"fig:frage-{slug(question.code)}"))
        if shows_table(result, question.code, params):
            entries.append(("label", f"tab:frage-{slug(question.code)}"))
    return entries


def results_entries(result: Any, params: Any) -> list[Entry]:
    """survey_results: a heading per topic, then the labels of its questions."""
    entries: list[Entry] = []
    for topic, questions in groups(result, params):
        if topic is not None:
            entries.append(("heading", f"sec:thema-{topic.id}" if topic != "other" else None))
        entries += question_entries(result, questions, params)
    return entries


def tables_entries(result: Any, params: Any) -> list[Entry]:
    return [
        ("label", f"tab:{APPENDIX}-{slug(q.code)}")
        for _topic, questions in groups(result, params)
        for q in questions
        if has_table(result, q.code)
    ]


def crosstab_entries(result: Any, params: Any) -> list[Entry]:
    entries: list[Entry] = []
    for cross in result.crosstabs:
        if getattr(params, "charts", True) and crosstab_drawn(cross):
            entries.append(("label", f"fig:{cross_id(cross)}"))
        entries.append(("label", f"tab:{cross_id(cross)}"))
    return entries


def open_entries(result: Any, params: Any) -> list[Entry]:
    wanted = getattr(params, "questions", None)
    return [
        ("label", f"tab:{open_id(q.code)}")
        for q in result.questions
        if result.results[q.code].texts and (wanted is None or q.code in wanted)
    ]


def question_block_entries(result: Any, params: Any) -> list[Entry]:
    question = next((q for q in result.questions if q.code == params.question), None)
    return question_entries(result, [question], params) if question else []
