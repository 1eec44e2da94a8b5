"""Write the data files of projects/dortmund from ../shared/data/dortmund (run once; the files are kept).

- data/statistische_bezirke.geojson, data/stadtbezirke.geojson: the boundaries as published (copied)
- data/anteil_18-25_2000.csv, data/anteil_18-25_2014.csv: the real shares of 18–25-year-olds (copied as
  they are: names only, one misspelt) and data/bezirke_namen.csv, the declared name → code mapping
- data/sozialdaten_2022.csv, data/sozialdaten_2024.csv: SAMPLE figures (plausible, not official) for the
  other indicators, in the form a statistics office exports them: `;`, decimal comma, thousands
  separators, codes with leading zeros, `.` for a value not available
- inventory.yaml: the 12 Stadtbezirke and 62 Statistische Bezirke with code and parent

The population of each Statistischer Bezirk is estimated from the real 2014 count and share of the
18–25-year-olds (count / share); the burden of each district is a plausible made-up factor (the
Nordstadt highest, the southern suburbs lowest), so that the sample figures show a believable pattern.
"""

from __future__ import annotations

import csv
import json
import random
import re
import shutil
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
SHARED = HERE.parent.parent.parent / "shared" / "data" / "dortmund"

# a made-up burden factor per Statistischer Bezirk (0 = least, 1 = most), for plausible sample figures
HIGH = {
    "040": 1.0,
    "050": 1.0,
    "060": 0.95,
    "270": 0.75,
    "960": 0.75,
    "210": 0.65,
    "120": 0.65,
    "820": 0.6,
    "140": 0.6,
    "020": 0.6,
    "030": 0.55,
    "740": 0.55,
    "730": 0.5,
    "530": 0.5,
    "000": 0.45,
    "070": 0.35,
    "090": 0.35,
    "320": 0.4,
    "340": 0.4,
    "920": 0.45,
    "910": 0.4,
}
LOW = {
    "620": 0.02,
    "670": 0.03,
    "680": 0.05,
    "550": 0.05,
    "660": 0.08,
    "630": 0.1,
    "450": 0.1,
    "440": 0.12,
    "570": 0.12,
    "560": 0.15,
    "080": 0.2,
    "610": 0.25,
    "640": 0.2,
    "690": 0.18,
}


def slug(name: str) -> str:
    text = name.lower()
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(a, b)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def german(number: float, decimals: int = 0) -> str:
    text = f"{number:,.{decimals}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def main() -> None:
    data = HERE / "data"
    shutil.copy(SHARED / "dortmund_statistische_bezirke.geojson", data / "statistische_bezirke.geojson")
    shutil.copy(SHARED / "dortmund_stadtbezirke_dissolved.geojson", data / "stadtbezirke.geojson")
    for year in (2000, 2014):
        shutil.copy(SHARED / f"dortmund_anteil_18-25_{year}.csv", data / f"anteil_18-25_{year}.csv")
    features = json.loads((data / "statistische_bezirke.geojson").read_text(encoding="utf-8"))["features"]
    districts = sorted(
        (f["properties"]["statinr"], f["properties"]["name"], f["properties"]["stadtbezirk"])
        for f in features
    )
    real = list(csv.reader((data / "anteil_18-25_2014.csv").open(encoding="utf-8")))[1:]
    # the real file lists the districts in code order, its names as written (one misspelt)
    with (data / "bezirke_namen.csv").open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, delimiter=";")
        writer.writerow(["name", "code"])
        for (code, _name, _sb), row in zip(districts, real, strict=True):
            writer.writerow([row[0], code])
    population = {
        code: round(int(row[1]) / (int(row[2]) / 100) / 10) * 10
        for (code, _n, _s), row in zip(districts, real, strict=True)
    }
    rng = random.Random(62)
    lines = {2022: [], 2024: []}
    for code, name, _sb in districts:
        burden = HIGH.get(code, LOW.get(code, 0.3))
        people = population[code]
        for year in (2022, 2024):
            growth = 1 + (0.015 if year == 2024 else 0.0) + rng.uniform(-0.01, 0.01)
            total = round(people * growth)
            u65 = round(total * rng.uniform(0.76, 0.82))
            u15 = round(total * rng.uniform(0.11, 0.16) * (1 + 0.25 * burden))
            u21 = round(u15 * 1.45)
            workforce = round(total * rng.uniform(0.62, 0.68))
            families = round(total * rng.uniform(0.09, 0.12))
            trend = 1 - (0.06 if year == 2024 else 0) * (1 - burden)  # burdened districts improve less
            sgb2 = round(u65 * (0.03 + 0.27 * burden) * trend * rng.uniform(0.92, 1.08))
            children = round(u15 * (0.05 + 0.45 * burden) * trend * rng.uniform(0.9, 1.1))
            unemployed = round(workforce * (0.025 + 0.11 * burden) * trend * rng.uniform(0.9, 1.1))
            single = round(families * (0.12 + 0.22 * burden) * rng.uniform(0.9, 1.1))
            care = round(u21 * (0.008 + 0.035 * burden) * rng.uniform(0.8, 1.2))
            foreign = round(total * (0.06 + 0.5 * burden) * rng.uniform(0.9, 1.1))
            cells = [
                code,
                name.upper(),
                german(total),
                german(u65),
                german(u15),
                german(u21),
                german(workforce),
                german(families),
                german(sgb2),
                german(children),
                german(unemployed),
                german(single),
                german(care),
                german(foreign),
            ]
            if code == "550" and year == 2022:
                cells[12] = "."  # Syburg: not available in 2022, as the office delivers it
            lines[year].append(cells)
    header = [
        "Bezirk",
        "Name",
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
    ]
    for year, rows in lines.items():
        with (data / f"sozialdaten_{year}.csv").open("w", encoding="utf-8", newline="") as file:
            writer = csv.writer(file, delimiter=";")
            writer.writerow(header)
            writer.writerows(rows)
    stadtbezirke = list(dict.fromkeys(sb for _c, _n, sb in districts))
    out = [
        "# Gebiete: die 12 Stadtbezirke und 62 Statistischen Bezirke Dortmunds (Codes STATINR).",
        "# Erzeugt von tools/make_data.py aus ../shared/data/dortmund.",
        "areas:",
    ]
    for sb in stadtbezirke:
        out.append(f"  - {{id: sb-{slug(sb)}, name: {sb}, kind: Stadtbezirk, code: {sb}}}")
    for code, name, sb in districts:
        out.append(
            f'  - {{id: {slug(name)}, name: {name}, kind: Statistischer Bezirk, code: "{code}", '
            f"parent: sb-{slug(sb)}}}"
        )
    (HERE / "inventory.yaml").write_text("\n".join(out) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
