"""The blocks of a survey (docs/befragung.md): the data of the snippet survey_method, and what the
code-built blocks insert — results per topic, one question, the frequency tables, the cross-tabs and the
open answers. Which table or figure a block shows, and its label, follows outline/survey_labels.py (what
``check`` promised for references).
"""

from __future__ import annotations

from typing import Any

from conceptgen.document.parts import Heading
from conceptgen.document.survey import SurveyContext
from conceptgen.markup import Markdown
from conceptgen.model.survey import Question, QuestionType
from conceptgen.outline.survey_labels import APPENDIX, groups, has_chart, has_table, shows_table

SNIPPETS = ("survey_method",)
PARTS = ("survey_results", "survey_question", "survey_tables", "survey_crosstabs", "survey_open_answers")


def survey_block(name: str, params: Any, survey: SurveyContext) -> dict[str, Any]:
    """``block`` of a snippet (survey_method)."""
    return survey.method()


def survey_part(
    name: str, params: Any, survey: SurveyContext, level: int, source: Any, appendix: bool
) -> list[Any]:
    """What a code-built block inserts: headings, texts, charts and tables, in order. ``level`` is the
    block's place (its headings one below); ``appendix``: the document lists the open answers."""
    result = survey.result
    if name == "survey_results":
        parts: list[Any] = []
        for topic, questions in groups(result, params):
            if topic == "other":
                parts.append(Heading(survey.terms["survey.other_questions"], level + 1))
            elif topic is not None:
                parts.append(Heading(topic.title, level + 1, f"thema-{topic.id}"))
                if topic.text:
                    index = result.spec.topics.index(topic)
                    where = source.text_start(("questionnaire", "topics", index, "text")) if source else None
                    parts.append(Markdown(topic.text, where))
            for question in questions:
                parts += _question(survey, question, params, appendix)
        return parts
    if name == "survey_question":
        return _question(survey, survey.questions[params.question], params, appendix)
    if name == "survey_tables":
        return [
            survey.table(q.code, prefix=APPENDIX)
            for _topic, questions in groups(result, params)
            for q in questions
            if has_table(result, q.code)
        ]
    if name == "survey_crosstabs":
        parts = []
        for cross in result.crosstabs:
            chart = survey.crosstab_chart(cross) if params.charts else None
            parts += [p for p in (chart, survey.crosstab_table(cross)) if p is not None]
        return parts
    if name == "survey_open_answers":
        return survey.open_tables(params.questions)
    raise ValueError(name)


def _question(survey: SurveyContext, question: Question, params: Any, appendix: bool) -> list[Any]:
    result = survey.result
    parts: list[Any] = []
    if getattr(params, "charts", True) and has_chart(result, question.code):
        parts.append(survey.chart(question.code))
    if shows_table(result, question.code, params):
        parts.append(survey.table(question.code))
    if question.type is QuestionType.TEXT and result.results[question.code].texts:
        parts.append(Markdown(survey.open_summary(question.code, appendix)))
    return parts
