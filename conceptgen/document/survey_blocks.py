"""What the blocks of a survey insert (docs/befragung.md; conceptgen/blocks: survey_results,
survey_question, survey_tables, survey_crosstabs): results per topic, one question, the frequency tables,
the cross-tabs. Which table or figure a block shows, and its label, follows outline/survey_labels.py (what
``check`` promised for references).
"""

from __future__ import annotations

from typing import Any

from conceptgen.document.parts import Heading
from conceptgen.document.survey import SurveyContext
from conceptgen.markup import Markdown
from conceptgen.model.survey import Question, QuestionType
from conceptgen.outline.survey_labels import APPENDIX, groups, has_chart, has_table, shows_table


def results(survey: SurveyContext, params: Any, level: int, source: Any, appendix: bool) -> list[Any]:
    """Block survey_results: per topic a heading one below the block's place (``level``) and its
    introduction, then per question its chart, table and open-answer sentence. ``appendix``: the document
    lists the open answers."""
    result = survey.result
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


def one_question(survey: SurveyContext, params: Any, appendix: bool) -> list[Any]:
    """Block survey_question: one question's chart, table and open-answer sentence."""
    return _question(survey, survey.questions[params.question], params, appendix)


def frequency_tables(survey: SurveyContext, params: Any) -> list[Any]:
    """Block survey_tables: the frequency table of every question chosen, for the appendix."""
    result = survey.result
    return [
        survey.table(q.code, prefix=APPENDIX)
        for _topic, questions in groups(result, params)
        for q in questions
        if has_table(result, q.code)
    ]


def crosstabs(survey: SurveyContext, params: Any) -> list[Any]:
    """Block survey_crosstabs: each cross-tab's chart (``charts``) and table."""
    parts: list[Any] = []
    for cross in survey.result.crosstabs:
        chart = survey.crosstab_chart(cross) if params.charts else None
        parts += [p for p in (chart, survey.crosstab_table(cross)) if p is not None]
    return parts


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
