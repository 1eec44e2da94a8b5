"""A sheet typed from paper questionnaires (XLSX or CSV): one row per questionnaire, a column per question
or item (``Q02_SQ001`` or ``Q02[SQ001]``), answers as codes or as the words on the questionnaire, ticks as
``x``, ``1`` or ``ja``. Every row counts as complete.
"""

from __future__ import annotations

from pathlib import Path

from conceptgen.data.survey_read import TableDialect
from conceptgen.model.survey import Question


class PaperSheet(TableDialect):
    name = "table"
    title = "A sheet typed from paper"
    docs = (
        "one row per questionnaire, a column per question or item (`Q02_SQ001` or `Q02[SQ001]`); answers "
        "as codes or as the words on the questionnaire (`ja`, „mehrmals“); ticks as `x`, `1`, `ja`. Every "
        "row counts as complete."
    )
    suffixes = (".xlsx", ".csv")
    position = 30
    by_label = True

    def detect(self, path: Path, headers: list[str] | None) -> float:
        return {".xlsx": 0.4, ".csv": 0.3}.get(path.suffix.lower(), 0.0)

    def alternatives(self, headers: dict[str, int], questions: list[Question]) -> dict[str, int]:
        """A sheet typed from paper may write Q02_SQ001 for Q02[SQ001]."""
        found = {}
        for header, i in list(headers.items()):
            if "_" in header and "[" not in header:
                code, _, item = header.partition("_")
                found[f"{code}[{item}]"] = i
        return found


DIALECT = PaperSheet()
