"""Generate synthetic projects at k times the size of projects/neuss (measures, tasks, offers, indicators,
goals, text), plus the same content as Markdown for the pandoc baseline.

    python bench/synth.py OUT_DIR K
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
NEUSS = ROOT / "projects" / "neuss"
TEXT_FILES = ("einleitung", "vorgehen", "rahmen", "umsetzung")


def load(name: str) -> dict:
    return yaml.safe_load((NEUSS / name).read_text(encoding="utf-8"))


def _id(ident: str, n: int) -> str:
    """The n-th copy of an ID; the first copy keeps the original, so needs.yaml's references hold."""
    if n == 0:
        return ident
    parent, dot, rest = ident.partition(".")
    return f"{parent}-{n}{dot}{rest}"


def synth(out: Path, k: int) -> Path:
    """A project with k× the example's content (no data, charts or images: the text-and-table core)."""
    if out.exists():
        shutil.rmtree(out)
    (out / "text").mkdir(parents=True)
    project = load("project.yaml")
    project["documents"] = [{"template": "konzept", "output": "synth.docx"}]
    project["sample_data"] = True
    project.pop("checks", None)
    inventory = load("inventory.yaml")
    offers = []
    for n in range(k):
        for offer in inventory["offers"]:
            offers.append({**offer, "id": _id(offer["id"], n), "name": f"{offer['name']} ({n + 1})"})
    inventory["offers"] = offers
    goals = load("goals.yaml")
    all_goals = []
    for n in range(k):
        for goal in goals["goals"]:
            subs = [{**s, "id": _id(s["id"], n)} for s in goal["goals"]]
            all_goals.append({**goal, "id": _id(goal["id"], n), "goals": subs})
    goals["goals"] = all_goals
    indicators = load("indicators.yaml")["indicators"]
    all_indicators = []
    for n in range(k):
        for ind in indicators:
            ind = {key: value for key, value in ind.items() if key != "data"}
            if "value" not in ind.get("baseline", {}):  # neuss reads it from its data: a fifth off the target
                target = float(ind["target"]["value"])
                worse = 1.2 if ind.get("direction") == "lower" else 0.8
                ind["baseline"] = {"value": round(target * worse, 1), "year": 2024}
            ind["goals"] = [_id(g, n) for g in ind.get("goals", [])]
            all_indicators.append({**ind, "id": _id(ind["id"], n)})
    measures = load("measures.yaml")["measures"]
    all_measures = []
    for n in range(k):
        for m in measures:
            mid = f"{int(m['id']) + 3 * n}"
            tasks = [
                {
                    **t,
                    "id": f"{mid}.{t['id'].split('.')[1]}",
                    "goals": [_id(g, n) for g in t.get("goals", [])],
                    "indicators": [_id(i, n) for i in t.get("indicators", [])],
                }
                for t in m.get("tasks", [])
            ]
            all_measures.append(
                {
                    **m,
                    "id": mid,
                    "tasks": tasks,
                    "goals": [_id(g, n) for g in m.get("goals", [])],
                    "indicators": [_id(i, n) for i in m.get("indicators", [])],
                }
            )
    for name, data in (
        ("project.yaml", project),
        ("inventory.yaml", inventory),
        ("goals.yaml", goals),
        ("indicators.yaml", {"indicators": all_indicators}),
        ("measures.yaml", {"measures": all_measures}),
        ("participation.yaml", load("participation.yaml")),
        ("needs.yaml", load("needs.yaml")),
        ("sources.yaml", load("sources.yaml")),
    ):
        (out / name).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    paragraph = (NEUSS / "text" / "einleitung.md").read_text(encoding="utf-8").split("\n\n")[0]
    for name in TEXT_FILES:
        text = "\n\n".join(f"{paragraph} ({i + 1})" for i in range(3 * k))
        (out / "text" / f"{name}.md").write_text(text + "\n", encoding="utf-8")
    return out


def markdown(project: Path) -> str:
    """The same content as one Markdown document, for pandoc."""
    data = {
        name: yaml.safe_load((project / f"{name}.yaml").read_text(encoding="utf-8"))
        for name in ("project", "inventory", "goals", "indicators", "measures")
    }
    out = [f"# {data['project']['title']}", ""]
    for name in TEXT_FILES:
        out += [f"# {name.capitalize()}", "", (project / "text" / f"{name}.md").read_text(encoding="utf-8")]
    out += ["# Angebote", "", "| Angebot | Kategorie | Träger | Kapazität |", "|---|---|---|---|"]
    out += [
        f"| {o['name']} | {o['category']} | {o['provider']} | {o.get('capacity', {}).get('value', '')} |"
        for o in data["inventory"]["offers"]
    ]
    out += ["", "# Ziele", ""]
    for goal in data["goals"]["goals"]:
        out += (
            [f"## {goal['id']} {goal['title']}", ""]
            + [f"- {s['id']} {s['title']}" for s in goal["goals"]]
            + [""]
        )
    out += [
        "# Kennzahlen",
        "",
        "| Nr. | Kennzahl | Einheit | Ausgangswert | Zielwert |",
        "|---|---|---|---|---|",
    ]
    out += [
        f"| {i['id']} | {i['name']} | {i['unit']} | {i.get('baseline', {}).get('value', '')} | "
        f"{i.get('target', {}).get('value', '')} |"
        for i in data["indicators"]["indicators"]
    ]
    out += ["", "# Maßnahmen", ""]
    for m in data["measures"]["measures"]:
        out += [
            f"## Maßnahme {m['id']}: {m['title']}",
            "",
            m.get("description", ""),
            "",
            "| Nr. | Aufgabe | Federführung |",
            "|---|---|---|",
        ]
        out += [f"| {t['id']} | {t['title']} | {t.get('lead', '')} |" for t in m.get("tasks", [])] + [""]
    return "\n".join(out)


if __name__ == "__main__":
    synth(Path(sys.argv[1]), int(sys.argv[2]))
