"""SoSci Survey: its data export as tab-separated UTF-16 (or XLSX) — items ``WO02_01``, multiple choice 2
(ticked) or 1, negative codes (−1 not asked, −9 not answered) for missing answers, ``FINISHED`` = 1 for a
completed questionnaire. The questions are declared in befragung.yaml with SoSci's codes.
"""

from __future__ import annotations

import re
from pathlib import Path

from conceptgen.data.survey_read import TableDialect
from conceptgen.model.survey import ResponseFile

SYSTEM = {"case", "serial", "ref", "questnnr", "mode", "started", "finished", "lastdata", "time_sum"}


class SoSci(TableDialect):
    name = "sosci"
    title = "SoSci Survey"
    docs = (
        "tab-separated UTF-16; items are `WO03_02`; multiple choice 2 (ticked) or 1; negative codes "
        "(−1 not asked, −9 not answered) are missing answers; complete means `FINISHED` = 1. Declare the "
        'questions with SoSci\'s codes (`answers: {"1": Ja, "2": Nein}`).'
    )
    suffixes = (".csv", ".txt", ".xlsx")
    position = 20
    encoding = "utf-16"
    separator = "\t"
    other_column = False

    def detect(self, path: Path, headers: list[str] | None) -> float:
        names = {h.strip().casefold() for h in headers or []}
        if len(names & SYSTEM) >= 3:
            return 0.95
        if any(re.fullmatch(r"[A-Z]{2}\d{2}_\d{2}", h.strip()) for h in headers or []):
            return 0.4
        return 0.0

    def column_name(self, code: str, item: str | None) -> str:
        return code if item is None else f"{code}_{item}"

    def complete(self, finished: str) -> bool:
        return finished in ("1", "1.0")

    def missing(self, text: str) -> bool:
        return text.startswith("-") and text[1:].isdigit()

    def tick(self, text: str, spec: ResponseFile) -> tuple[bool | None, str]:
        if text in ("1", "2", ""):
            return {"2": True, "1": False}.get(text), ""
        return None, f"„{text}“ ist weder 1 (nicht angekreuzt) noch 2 (angekreuzt)"


DIALECT = SoSci()
