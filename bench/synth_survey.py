"""A synthetic survey for the benchmark: a LimeSurvey export of N responses × 60 answer columns (ten
single-choice questions, four multiple-choice questions of five items, two scales of ten items, five
numbers, five open questions), with a report outline of results, cross-tabs, tables and open answers.

``python bench/synth_survey.py OUT N`` writes the project to OUT.
"""

from __future__ import annotations

import csv
import io
import random
import sys
from pathlib import Path

SCALE = {
    "A1": "stimme voll zu",
    "A2": "stimme eher zu",
    "A3": "teils/teils",
    "A4": "eher nicht",
    "A5": "gar nicht",
}
WORDS = [
    "Bänke",
    "Schatten",
    "Bäume",
    "Licht",
    "Cafés",
    "Markt",
    "Spielplatz",
    "Radwege",
    "Busse",
    "Parkplätze",
    "Sauberkeit",
    "Ruhe",
]


def questions() -> list[dict]:
    found: list[dict] = []
    for i in range(1, 11):
        answers = {f"A{j}": f"Antwort {j}" for j in range(1, 2 + i % 5 + 1)}
        found.append(
            {"code": f"S{i:02d}", "text": f"Einfachauswahl {i}?", "type": "single", "answers": answers}
        )
    for i in range(1, 5):
        items = {f"SQ00{j}": f"Möglichkeit {j}" for j in range(1, 6)}
        found.append(
            {"code": f"M{i:02d}", "text": f"Mehrfachauswahl {i}?", "type": "multiple", "items": items}
        )
    for i in range(1, 3):
        items = {f"SQ{j:03d}": f"Aussage {j}" for j in range(1, 11)}
        found.append(
            {
                "code": f"L{i:02d}",
                "text": f"Skala {i}",
                "type": "scale",
                "items": items,
                "scale": SCALE,
                "neutral": {"A6": "weiß nicht"},
                "mean": True,
            }
        )
    for i in range(1, 6):
        found.append({"code": f"N{i:02d}", "text": f"Zahl {i}?", "type": "number", "unit": "Minuten"})
    for i in range(1, 6):
        found.append({"code": f"T{i:02d}", "text": f"Offene Frage {i}?", "type": "text"})
    return found


def columns(spec: list[dict]) -> list[tuple[str, dict]]:
    found = []
    for q in spec:
        if q["type"] in ("multiple", "scale"):
            found += [(f"{q['code']}[{item}]", q) for item in q["items"]]
        else:
            found.append((q["code"], q))
    return found


def export(spec: list[dict], count: int, rng: random.Random) -> bytes:
    cols = columns(spec)
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(
        ["id", "submitdate", "lastpage", "startlanguage", "seed", "startdate", "datestamp"]
        + [c for c, _ in cols]
    )
    for i in range(1, count + 1):
        row = [str(i), "2025-03-01 10:00:00", "5", "de", "1", "2025-03-01 09:50:00", "2025-03-01 10:00:00"]
        for _name, q in cols:
            kind = q["type"]
            if rng.random() < 0.05:
                row.append("")
            elif kind == "single":
                row.append(rng.choice(list(q["answers"])))
            elif kind == "multiple":
                row.append("Y" if rng.random() < 0.4 else "")
            elif kind == "scale":
                row.append(f"A{rng.choice((1, 2, 2, 3, 3, 4, 5, 6))}")
            elif kind == "number":
                row.append(str(rng.randint(1, 60)))
            else:
                row.append(" ".join(rng.sample(WORDS, 2)) if rng.random() < 0.3 else "")
        writer.writerow(row)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def synth(out: Path, count: int) -> Path:
    import yaml

    rng = random.Random(count)
    spec = questions()
    (out / "data").mkdir(parents=True, exist_ok=True)
    (out / "text").mkdir(exist_ok=True)
    (out / "data" / "export.csv").write_bytes(export(spec, count, rng))
    questionnaire = {
        "title": "Synthetische Befragung",
        "responses": [
            {"file": "data/export.csv", "format": "limesurvey", "channel": "online", "sample": True}
        ],
        "topics": [
            {"id": "a", "title": "Auswahl"},
            {"id": "b", "title": "Bewertung"},
            {"id": "c", "title": "Zahlen"},
        ],
        "questions": [
            {
                **q,
                "topic": "a" if q["type"] in ("single", "multiple") else "b" if q["type"] == "scale" else "c",
            }
            for q in spec
        ],
        "crosstabs": [{"question": "S02", "by": "S01"}, {"question": "L01[SQ001]", "by": "S03"}],
    }
    (out / "befragung.yaml").write_text(
        yaml.safe_dump({"questionnaire": questionnaire}, allow_unicode=True), encoding="utf-8"
    )
    project = {
        "title": "Synthetische Befragung",
        "client": "Stadt Beispiel",
        "contractor": "Büro",
        "date": "2025-04-01",
        "version": "1",
        "concept_type": "Befragung",
        "documents": [{"template": "konzept", "output": "befragung.docx"}],
    }
    (out / "project.yaml").write_text(yaml.safe_dump(project, allow_unicode=True), encoding="utf-8")
    for name in ("einleitung", "methode", "ergebnisse", "fazit"):
        (out / "text" / f"{name}.md").write_text(f"Text {name}.\n", encoding="utf-8")
    return out


if __name__ == "__main__":
    synth(Path(sys.argv[1]), int(sys.argv[2]))
