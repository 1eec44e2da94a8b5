"""Cross-tabs of a survey: a question (or one item of a scale) by the answers of a grouping question, with
every cell that could identify a respondent hidden — the small ones, and those from which a small one
could be computed back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from conceptgen.model.survey import Question

if TYPE_CHECKING:
    from conceptgen.data.survey_read import Response


@dataclass
class CrosstabResult:
    question: str
    by: str
    title: str
    by_title: str
    rows: list[str]  # the question's answers
    codes: list[str]  # their codes, row by row
    columns: list[str]  # the groups (the counts have one more column: every respondent)
    counts: list[list[int]]
    totals: list[int]  # per column
    hidden: list[list[bool]]  # cells not shown (too small, or giving a small one away)
    hidden_totals: list[bool]
    item: bool = False  # the question is an item of a scale (its words are quoted in the title)


def cross(
    question: str, by: str, codes: dict[str, Question], responses: list[Response], minimum: int
) -> CrosstabResult:
    """``question`` (a code, or Q05[SQ001] for a scale item) by the answers of ``by``; the last column
    counts every respondent with a valid answer (also those without a group)."""
    code, _, item = question.partition("[")
    item = item.rstrip("]")
    asked_q, group_q = codes[code], codes[by]
    key = (code, item) if item else code
    answers = (asked_q.scale if item else asked_q.answers) or {}
    groups = group_q.answers or {}
    rows, columns = list(answers), list(groups)
    counts = [[0] * (len(groups) + 1) for _ in answers]
    for response in responses:
        value = response.values.get(key)
        if value not in answers:
            continue
        row = counts[rows.index(value)]
        row[-1] += 1
        group = response.values.get(by)
        if group in groups:
            row[columns.index(group)] += 1
    totals = [sum(row[c] for row in counts) for c in range(len(groups) + 1)]
    hidden, hidden_totals = suppress(counts, totals, minimum)
    title = asked_q.short or asked_q.text or code
    if item:  # the item's words name it: „Die Terrassen sollten bleiben“ nach Altersgruppe
        title = (asked_q.items or {}).get(item, item).rstrip(".")
    return CrosstabResult(
        question,
        by,
        title,
        group_q.short or group_q.text or by,
        list(answers.values()),
        rows,
        list(groups.values()),
        counts,
        totals,
        hidden,
        hidden_totals,
        item=bool(item),
    )


def suppress(
    counts: list[list[int]], totals: list[int], minimum: int, withheld: frozenset[int] = frozenset()
) -> tuple[list[list[bool]], list[bool]]:
    """Which cells of a cross-tab stay hidden: every count from 1 to ``minimum`` − 1 (and every column
    whose group is that small), the rows ``withheld`` in the last column (hidden where the question's
    own frequencies are printed, so that a cell is hidden everywhere or nowhere), then, until nothing
    changes, a second cell wherever a hidden one could be
    computed back: from its column's total (the n row) or from its row's total (the last column, which
    sums the groups). The second cell is the smallest one not yet hidden; if there is none, the total
    that would give it away is hidden instead.
    """
    n_rows, n_cols = len(counts), len(totals)
    hidden_totals = [0 < t < minimum for t in totals]
    hidden = [[hidden_totals[c] or 0 < counts[r][c] < minimum for c in range(n_cols)] for r in range(n_rows)]
    for r in withheld:
        hidden[r][-1] = True
    groups = range(n_cols - 1)  # the last column is the row total

    def hide_second(cells: list[tuple[int, int]]) -> bool:
        """Among ``cells`` (row, column), hide the smallest visible non-zero one; False if there is none."""
        visible = [(counts[r][c], r, c) for r, c in cells if not hidden[r][c] and counts[r][c] > 0]
        if not visible:
            return False
        _n, r, c = min(visible)
        hidden[r][c] = True
        return True

    changed = True
    while changed:
        changed = False
        for c in range(n_cols):
            if hidden_totals[c]:
                continue
            column = [(r, c) for r in range(n_rows)]
            if sum(hidden[r][c] for r, _ in column) == 1:
                if not hide_second(column):
                    hidden_totals[c] = True
                    for r in range(n_rows):
                        hidden[r][c] = True
                changed = True
        for r in range(n_rows):
            if hidden[r][-1]:
                continue  # the row total is hidden: nothing can be computed back from it
            row = [(r, c) for c in groups]
            if sum(hidden[r][c] for _, c in row) == 1:
                if not hide_second(row):
                    hidden[r][-1] = True
                changed = True
    return hidden, hidden_totals
