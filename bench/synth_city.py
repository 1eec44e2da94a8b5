"""Generate a synthetic Sozialraumanalyse of a city with N areas: projects/dortmund's report and one profile
per area, with N Statistische Bezirke on a grid (squares of about 700 m, one row a Stadtbezirk), sample
figures for 2022 and 2024 (deterministic), the same indicators and indices. For the city-scale bench
(60, 250, 550 areas; Berlin has 542 Planungsräume).

    python bench/synth_city.py OUT_DIR N
"""

from __future__ import annotations

import json
import math
import random
import re
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DORTMUND = ROOT / "projects" / "dortmund"
COLUMNS = (
    "Einwohner",
    "unter 65",
    "unter 15",
    "unter 21",
    "15 bis 64",
    "Haushalte mit Kindern",
    "SGB II",
    "SGB II unter 15",
    "Arbeitslose",
    "Alleinerziehende",
    "HzE",
    "Nichtdeutsche",
)
SIZE = 0.01  # degrees: one square
ORIGIN = (7.3, 51.4)


def german(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def _square(col: int, row: int, width: int = 1) -> list:
    x, y = ORIGIN[0] + col * SIZE, ORIGIN[1] + row * SIZE
    return [[[x, y], [x + width * SIZE, y], [x + width * SIZE, y + SIZE], [x, y + SIZE], [x, y]]]


def _figures(rng: random.Random, burden: float, year: int) -> list[int]:
    people = rng.randint(3000, 25000)
    under65 = int(people * rng.uniform(0.74, 0.82))
    under15 = int(people * rng.uniform(0.11, 0.18))
    under21 = int(under15 * rng.uniform(1.35, 1.5))
    adults = int(people * rng.uniform(0.6, 0.68))
    families = int(people * rng.uniform(0.09, 0.13))
    change = 1.0 + (year - 2022) * rng.uniform(-0.03, 0.03)
    sgb2 = int(under65 * (0.03 + 0.25 * burden) * change)
    sgb2_u15 = int(under15 * (0.05 + 0.4 * burden) * change)
    unemployed = int(adults * (0.03 + 0.12 * burden) * change)
    single = int(families * (0.1 + 0.25 * burden))
    hze = int(under21 * (0.005 + 0.03 * burden))
    foreign = int(people * (0.08 + 0.35 * burden))
    return [
        people,
        under65,
        under15,
        under21,
        adults,
        families,
        sgb2,
        sgb2_u15,
        unemployed,
        single,
        hze,
        foreign,
    ]


def synth(out: Path, units: int) -> Path:
    """A copy of projects/dortmund with ``units`` Statistische Bezirke (report + one profile each)."""
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(DORTMUND, out, ignore=shutil.ignore_patterns("build", "tools", "data"))
    (out / "data").mkdir()
    shutil.copy(DORTMUND / "data" / "bevoelkerung.csv", out / "data")
    cols = math.ceil(math.sqrt(units))
    rng = random.Random(units)
    areas, features, districts = [], [], []
    rows: dict[int, list[str]] = {2022: [], 2024: []}
    for n in range(units):
        col, row = n % cols, n // cols
        code, district = f"{n:04d}", f"Bezirk {row + 1}"
        if col == 0:
            width = min(cols, units - n)
            districts.append(
                {
                    "type": "Feature",
                    "properties": {"stadtbezirk": district},
                    "geometry": {"type": "Polygon", "coordinates": _square(0, row, width)},
                }
            )
            areas.append({"id": f"sb-{row + 1}", "name": district, "kind": "Stadtbezirk", "code": district})
        name = f"Gebiet {n + 1}"
        areas.append(
            {
                "id": f"g{code}",
                "name": name,
                "kind": "Statistischer Bezirk",
                "code": code,
                "parent": f"sb-{row + 1}",
            }
        )
        features.append(
            {
                "type": "Feature",
                "properties": {"statinr": code, "name": name, "stadtbezirk": district},
                "geometry": {"type": "Polygon", "coordinates": _square(col, row)},
            }
        )
        wave = 0.35 * math.sin(col / 3) * math.cos(row / 4)
        burden = min(1.0, max(0.0, 0.5 + wave + rng.uniform(-0.15, 0.15)))
        seed = rng.random()
        for year in rows:
            figures = _figures(random.Random(seed), burden, year)
            rows[year].append(";".join([code, name.upper(), *(german(v) for v in figures)]))
    for year, lines in rows.items():
        header = ";".join(["Bezirk", "Name", *COLUMNS])
        text = "\n".join([header, *lines]) + "\n"
        (out / "data" / f"sozialdaten_{year}.csv").write_text(text, encoding="utf-8")
    for name, found in (("statistische_bezirke", features), ("stadtbezirke", districts)):
        geojson = {"type": "FeatureCollection", "features": found}
        (out / "data" / f"{name}.geojson").write_text(json.dumps(geojson), encoding="utf-8")
    _project_files(out, areas)
    return out


def _project_files(out: Path, areas: list[dict]) -> None:
    """inventory.yaml with the generated areas (the offers in the first ones), sozialraum.yaml without
    the officially published data set (its names belong to Dortmund), the texts without its map."""
    units = [a["id"] for a in areas if a["kind"] == "Statistischer Bezirk"]
    inventory = yaml.safe_load((DORTMUND / "inventory.yaml").read_text(encoding="utf-8"))
    inventory["areas"] = areas
    for n, offer in enumerate(inventory["offers"]):
        offer["area"] = units[n % len(units)]
    social = yaml.safe_load((DORTMUND / "sozialraum.yaml").read_text(encoding="utf-8"))
    space = social["social_space"]
    space["data"] = [d for d in space["data"] if d["id"] == "sozialdaten"]
    space["indicators"] = [i for i in space["indicators"] if i["data"] == "sozialdaten"]
    space["region"] = "Synthetische Stadt"
    outlines = yaml.safe_load((DORTMUND / "outlines.yaml").read_text(encoding="utf-8"))
    for chapter in outlines["outlines"]["bericht"]:
        for section in chapter.get("content", []):
            if "content" in section:
                section["content"] = [c for c in section["content"] if c.get("of") != "junge"]
    files = {"inventory.yaml": inventory, "sozialraum.yaml": social, "outlines.yaml": outlines}
    for name, data in files.items():
        (out / name).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    results = out / "text" / "ergebnisse.md"
    results.write_text(results.read_text(encoding="utf-8").replace(" (@fig:karte-junge-2014)", ""), "utf-8")
    (out / "text" / "profil_hafen.md").rename(out / "text" / f"profil_{units[0]}.md")
    _retarget_classes(out / "needs.yaml", units)


def _retarget_classes(path: Path, units: list[str]) -> None:
    """needs.yaml's [[class:…:area]] and [[classes:…:area,area]] placeholders name Dortmund's areas: point
    them at generated ones (each area of a list another)."""
    taken = iter(units)
    text = re.sub(
        r"\[\[(classes?):([^:\]]+):([^\]]+)\]\]",
        lambda m: f"[[{m[1]}:{m[2]}:{','.join(next(taken) for _area in m[3].split(','))}]]",
        path.read_text("utf-8"),
    )
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    synth(Path(sys.argv[1]), int(sys.argv[2]))
