"""What a survey report says about its own figures (council review of neubeckum): the open question named
where its answers are counted (it followed Abb. 8, a closed question's chart, as „diese offene Frage“), a
note that promises only what its chart and table show (Abb. 6 promised a median shown nowhere), the
survey's channels described once (p. 5 described them in two paragraphs in a row)."""

from __future__ import annotations

import re

import pytest

from conceptgen.document.survey import SurveyContext
from conceptgen.document.survey_charts import question_chart
from conceptgen.language import Language
from conceptgen.model.survey import QuestionType
from conceptgen.pipeline import check_project
from tests.conftest import FIXTURES, ROOT
from tests.docx_text import paragraphs
from tests.examples import PROJECTS, rendered

SURVEYS = [p for p in sorted((ROOT / "projects").iterdir()) if (p / "befragung.yaml").is_file()]
SURVEYS.append(FIXTURES / "survey")


@pytest.mark.parametrize("project", SURVEYS, ids=lambda p: p.name)
@pytest.mark.parametrize("locale", ["de", "en"])
def test_the_count_of_open_answers_names_its_question(project, locale):
    survey = check_project(project).data.survey
    context = SurveyContext(survey, Language(locale))
    open_questions = [r.question for r in survey.results.values() if r.question.type is QuestionType.TEXT]
    assert open_questions
    for question in open_questions:
        for appendix in (True, False):
            summary = context.open_summary(question.code, appendix)
            assert context.quote(question.text or question.code) in summary, summary


@pytest.mark.parametrize("project", SURVEYS, ids=lambda p: p.name)
@pytest.mark.parametrize("locale", ["de", "en"])
def test_a_note_promises_only_what_its_chart_and_table_show(project, locale):
    """The note under a question's chart and table names the mean or median only where both show it."""
    survey = check_project(project).data.survey
    context = SurveyContext(survey, Language(locale))
    terms = context.terms
    for code, result in survey.results.items():
        note = context.base(result.question, result.parts[0])
        table = context.table(code)
        chart = question_chart(context, code)
        shown = (
            [" ".join(map(str, table.headers)), *(" ".join(map(str, r)) for r in table.rows)] if table else []
        )
        drawn = " ".join(chart.categories) if chart else None
        for word, mark in (
            (terms["survey.median"], None),
            (terms["survey.mean"], terms("survey.mean_short", value="").strip()),
        ):
            if word.lower() in note.lower():
                assert any(word in s for s in shown), (code, note)
                if drawn is not None:
                    assert mark and mark in drawn, (code, note, drawn)


@pytest.mark.parametrize(
    "project", [p for p in PROJECTS if (ROOT / "projects" / p / "befragung.yaml").is_file()]
)
def test_the_channels_are_described_once(project):
    """Each distinctive word of the questionnaire's channels (not one of its title) stands in one paragraph
    of the document."""
    result = check_project(ROOT / "projects" / project)
    survey = result.data.survey
    titles = f"{survey.spec.title} {result.concept.project.title}"
    words = {w for w in re.findall(r"[\w-]{7,}", survey.spec.channel or "") if w not in titles}
    assert words
    for docx in rendered(project).values():
        texts = [p.text for p in paragraphs(docx) if p.part == "word/document.xml"]
        for word in words:
            holding = [t[:80] for t in texts if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", t)]
            assert len(holding) <= 1, (word, holding)
