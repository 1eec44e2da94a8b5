"""A survey in the document: per question a frequency table with its base named (and its chart, in
document/survey_charts.py), cross-tabs with small cells hidden, the open answers for the appendix and
the method's figures — numbers in the document's language.
"""

from __future__ import annotations

from typing import Any

from conceptgen.data.charts import ChartResult
from conceptgen.data.survey import OTHER, CrosstabResult, Part, QuestionResult, SurveyResult
from conceptgen.document.tables import DataTable
from conceptgen.language import Language
from conceptgen.model.survey import Question, QuestionType
from conceptgen.outline.survey_labels import cross_id, open_id, slug
from conceptgen.terms import Terms

Context = dict[str, Any]


class SurveyContext:
    """Formats one evaluated survey for the document."""

    def __init__(self, result: SurveyResult, language: Language):
        self.result = result
        self.spec = result.spec
        self.language = language
        self.terms = language.terms
        self.questions = {q.code: q for q in result.questions}

    # --- words -------------------------------------------------------------------------------------

    def percent(self, value: float | None) -> str:
        return self.terms["none"] if value is None else self.language.number(value, 1)

    def share(self, count: Any) -> str:
        """A count's share as printed: the symbol for a hidden one."""
        return self.terms["survey.hidden"] if count.hidden else self.percent(count.percent)

    def number(self, count: Any) -> str:
        """A count as printed: the symbol for a hidden one."""
        return self.terms["survey.hidden"] if count.hidden else self.language.number(count.count)

    def withheld(self, result: QuestionResult) -> str:
        """The note for a question with hidden counts (empty when none is)."""
        hidden = any(c.hidden for p in result.parts for c in p.counts + p.neutral)
        return (
            self.terms("survey.hidden_note", symbol=self.terms["survey.hidden"], min=self.spec.min_cell)
            if hidden
            else ""
        )

    def quote(self, text: str) -> str:
        return f"„{text}“" if self.language.german else f"“{text}”"

    def source(self) -> str:
        """„Quelle: Befragung „…“ (Zeitraum), eigene Auswertung“ under a table."""
        return f"{self.terms['source']}: {self.source_text()}"

    def source_text(self) -> str:
        text = self.terms("survey.source", title=self.spec.title)
        text += f", {self.terms['survey.own']}"
        if self.result.sample:
            text += f" {self.terms['sample_marked']}"
        return text

    def filter_text(self, question: Question) -> str:
        """„ (nur Befragte, die bei „…“ „Ja“ angaben)“ for a question with a filter, else nothing."""
        if question.asked:
            return f" ({question.asked})"
        parts = []
        for code, wanted in question.filter.items():
            asked = self.questions.get(code)
            labels = (asked.answers or {}) if asked else {}
            name = (asked.text or code) if asked else code
            rest = [c for c in labels if c not in wanted]
            if len(wanted) > 2 and rest and len(rest) < len(wanted):  # „eine andere Antwort als „nie““
                answers = self.alternatives(labels.get(c, c) for c in rest)
                parts.append(self.terms("survey.filter_not", question=name, answers=answers))
            else:
                answers = self.alternatives(labels.get(w, w) for w in wanted)
                parts.append(self.terms("survey.filter", question=name, answers=answers))
        return f" ({'; '.join(parts)})" if parts else ""

    def alternatives(self, labels: Any) -> str:
        """„ja“ oder „nein“."""
        return f" {self.terms['survey.or']} ".join(self.quote(label) for label in labels)

    def label(self, count: Any) -> str:
        return self.terms["survey.other"] if count.code == OTHER else count.label

    def base(self, question: Question, part: Part) -> str:
        """The line naming the base of a question's percentages."""
        filter_text = self.filter_text(question)
        n = self.language.number(part.valid)
        missing = self.language.number(part.missing)
        if question.type is QuestionType.MULTIPLE:
            return self.terms("survey.base_multiple", n=n, missing=missing, filter=filter_text)
        if question.type is QuestionType.NUMBER:
            return self.terms("survey.base_number", n=n, missing=missing, filter=filter_text)
        if question.type is QuestionType.SCALE:
            if question.neutral:
                neutral = self.alternatives(question.neutral.values())
                text = self.terms("survey.base_scale", filter=filter_text, neutral=neutral)
            else:
                text = self.terms("survey.base_scale_plain", filter=filter_text)
            if question.mean and question.scale:
                labels = list(question.scale.values())
                text += " " + self.terms(
                    "survey.mean_note", first=labels[0], last=len(labels), last_label=labels[-1]
                )
            return text
        text = self.terms("survey.base_single", n=n, missing=missing, filter=filter_text)
        if question.neutral:
            text += " " + self.terms(
                "survey.base_neutral", neutral=self.alternatives(question.neutral.values())
            )
        return text

    def line(self, *parts: str) -> str:
        return " ".join(p for p in parts if p)

    # --- tables ------------------------------------------------------------------------------------

    def table(self, code: str, prefix: str = "frage") -> DataTable | None:
        """The frequency table of a question (None for an open question: its answers are in the
        appendix)."""
        result = self.result.results[code]
        question = result.question
        kind = question.type
        if kind is QuestionType.TEXT:
            return None
        ident = f"{prefix}-{slug(code)}"
        if kind is QuestionType.SCALE:
            return self._scale_table(result, ident)
        part = result.parts[0]
        terms, fmt = self.terms, self.language
        title = question.text or code
        line = self.line(self.base(question, part), self.withheld(result), self.source())
        if kind is QuestionType.NUMBER:
            unit = f" ({question.unit})" if question.unit else ""
            rows = [
                [terms["survey.n"], fmt.number(part.valid)],
                [terms["survey.mean"] + unit, fmt.number(part.mean, 1) if part.mean is not None else "–"],
                [terms["survey.median"] + unit, fmt.number(part.median) if part.median is not None else "–"],
                [terms["survey.minimum"] + unit, fmt.number(part.minimum)],
                [terms["survey.maximum"] + unit, fmt.number(part.maximum)],
            ]
            return DataTable(
                ident,
                title,
                [terms["survey.figure"], terms["survey.value"]],
                [False, True],
                rows,
                source=line,
            )
        share = terms["survey.share_respondents" if kind is QuestionType.MULTIPLE else "survey.share"]
        rows = [[self.label(c), self.number(c), self.share(c)] for c in part.counts]
        total = None
        if kind is QuestionType.SINGLE:
            total = [
                terms["survey.valid"],
                fmt.number(part.valid),
                self.percent(100.0 if part.valid else None),
            ]
            if part.neutral:  # apart from the valid answers: after their total
                rows.append(total)
                rows += [[c.label, self.number(c), self.share(c)] for c in part.neutral]
                total = None
        return DataTable(
            ident,
            title,
            [terms["survey.answer"], terms["survey.count"], share],
            [False, True, True],
            rows,
            total,
            source=line,
        )

    def _scale_table(self, result: QuestionResult, ident: str) -> DataTable:
        question = result.question
        terms, fmt = self.terms, self.language
        scale = list((question.scale or {}).values())
        neutral = list(question.neutral.values())
        headers = [terms["survey.item"], *scale, terms["survey.n"], *neutral]
        if question.mean:
            headers.append(terms["survey.mean"])
        rows = []
        for part in result.parts:
            row = [part.label, *(self.share(c) for c in part.counts), fmt.number(part.valid)]
            row += [self.share(c) for c in part.neutral]
            if question.mean:
                row.append(fmt.number(part.mean, 2) if part.mean is not None else terms["none"])
            rows.append(row)
        return DataTable(
            ident,
            self.terms("survey.scale_title", question=question.text or question.code),
            headers,
            [False] + [True] * (len(headers) - 1),
            rows,
            source=self.line(self.base(question, result.parts[0]), self.withheld(result), self.source()),
        )

    # --- charts (document/survey_charts.py) --------------------------------------------------------

    def chart(self, code: str) -> ChartResult | None:
        from conceptgen.document.survey_charts import question_chart

        return question_chart(self, code)

    def crosstab_chart(self, cross: CrosstabResult) -> ChartResult | None:
        from conceptgen.document.survey_charts import crosstab_chart

        return crosstab_chart(self, cross)

    # --- cross-tabs --------------------------------------------------------------------------------

    def cross_name(self, cross: CrosstabResult) -> str:
        return self.quote(cross.title) if cross.item else cross.title

    def crosstab_table(self, cross: CrosstabResult) -> DataTable:
        terms, fmt = self.terms, self.language
        symbol = terms["survey.hidden"]
        columns = [*cross.columns, terms["survey.total"]]
        rows = []
        for r, label in enumerate(cross.rows):
            row = [label]
            for c in range(len(columns)):
                if cross.hidden[r][c]:
                    row.append(symbol)
                elif cross.totals[c]:
                    row.append(self.percent(100 * cross.counts[r][c] / cross.totals[c]))
                else:
                    row.append(terms["none"])
            rows.append(row)
        total = [terms["survey.n"]] + [
            symbol if cross.hidden_totals[c] else fmt.number(cross.totals[c]) for c in range(len(columns))
        ]
        note = terms("survey.cross_note", symbol=symbol, min=self.spec.min_cell)
        note = self.line(note, unassigned_note(cross, fmt, terms))
        return DataTable(
            cross_id(cross),
            terms("survey.cross_title", question=self.cross_name(cross), by=cross.by_title),
            [terms["survey.answer"], *columns],
            [False] + [True] * len(columns),
            rows,
            total,
            source=self.line(note, self.source()),
        )

    # --- open answers ------------------------------------------------------------------------------

    def open_tables(self, only: list[str] | None = None) -> list[DataTable]:
        """A table per open question and per "other" field that has answers: each text once, with how
        often it was given."""
        tables = []
        for question in self.result.questions:
            if only is not None and question.code not in only:
                continue
            texts = self.result.results[question.code].texts
            if not texts:
                continue
            key = "survey.open_title" if question.type is QuestionType.TEXT else "survey.other_title"
            note = self.terms("survey.open_note", **self._answers(texts))
            note = note[:1].upper() + note[1:]  # „Eine Antwort.“
            tables.append(
                DataTable(
                    open_id(question.code),
                    self.terms(key, question=question.text or question.code),
                    [self.terms["survey.answer"], self.terms["survey.mentions"]],
                    [False, True],
                    [[text, self.language.number(n)] for text, n in texts],
                    source=self.line(note, self.source()),
                )
            )
        return tables

    def open_summary(self, code: str, in_appendix: bool) -> str:
        key = "survey.open_summary" if in_appendix else "survey.open_summary_plain"
        result = self.result.results[code]
        question = self.quote(result.question.text or code)  # it follows another question's chart
        return self.terms(key, question=question, **self._answers(result.texts))

    def _answers(self, texts: list[tuple[str, int]]) -> dict[str, str]:
        """„12 Antworten“ and „, davon 9 verschiedene“ (nothing when all differ) for open answers."""
        total = sum(n for _t, n in texts)
        answers = (
            self.terms["survey.answers_1"]
            if total == 1
            else self.terms("survey.answers_n", n=self.language.number(total))
        )
        distinct = (
            self.terms("survey.distinct", n=self.language.number(len(texts))) if len(texts) < total else ""
        )
        return {"answers": answers, "distinct": distinct}

    # --- the method --------------------------------------------------------------------------------

    def method(self) -> Context:
        """``block`` of survey_method: how the survey was done and how many questionnaires count."""
        result, spec, fmt, terms = self.result, self.spec, self.language, self.terms
        kept = len(result.kept)
        dropped = []
        if result.dropped_incomplete:
            dropped.append(terms("survey.dropped_incomplete", n=fmt.number(result.dropped_incomplete)))
        if result.dropped_empty:
            dropped.append(terms("survey.dropped_empty", n=fmt.number(result.dropped_empty)))
        distributed = spec.distributed
        if distributed is None and all(c.distributed for c in result.channels):
            distributed = sum(c.distributed or 0 for c in result.channels)
        rate = f"{fmt.number(100 * kept / distributed, 1)}\u00a0%" if distributed else ""
        channels = [
            {
                "name": c.name,
                "received": fmt.number(c.received),
                "kept": fmt.number(c.kept),
                "share": f"{self.percent(100 * c.kept / kept if kept else None)}\u00a0%",
                "distributed": fmt.number(c.distributed) if c.distributed else terms["none"],
                "rate": f"{fmt.number(100 * c.kept / c.distributed, 1)}\u00a0%"
                if c.distributed
                else terms["none"],
                "mark": terms["sample_mark"] if c.sample else "",
            }
            for c in result.channels
        ]
        return {
            "title": spec.title,
            "period": spec.period or "",
            "channel": spec.channel or "",
            "distributed": fmt.number(distributed) if distributed else "",
            "received": fmt.number(result.received),
            "kept": fmt.number(kept),
            "kept_count": kept,
            "dropped": ", ".join(dropped),
            "keep_rule": terms[
                "survey.keep_complete" if spec.keep.value == "complete" else "survey.keep_all"
            ],
            "response_rate": rate,
            "channels": channels,
            "several_channels": len(channels) > 1,
            "question_count": len(result.questions),
            "min_cell": spec.min_cell,
            "sample_note": terms["sample_legend"] if any(c.sample for c in result.channels) else "",
            "sample": result.sample,
            "source": self.source(),
        }


def unassigned_note(cross: CrosstabResult, fmt: Language, terms: Terms) -> str:
    """Why the total column counts more respondents than its groups: those who did not answer the
    grouping question — with their number, unless a group's hidden count could be worked out from it."""
    groups, total = cross.totals[:-1], cross.totals[-1]
    missing = total - sum(groups)
    if missing <= 0:
        return ""
    if any(cross.hidden_totals[:-1]):
        return terms("survey.cross_unassigned_some", by=cross.by_title)
    return terms("survey.cross_unassigned", n=fmt.number(missing), by=cross.by_title)
