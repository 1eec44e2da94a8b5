"""Make the pictures of docs/blocks.md: every block of the catalogue in the built-in konzept design, one
chapter per block — from a copy of projects/neuss (with a network, an event and a survey added), the
blocks of a Sozialraumanalyse from a copy of projects/dortmund, those of a survey from a copy of
projects/neubeckum and those of the other concept types from their projects (bottrop-gewaltschutz,
bottrop-inklusion, luenen).

Run ``python docs/blocks/make_pictures.py [neuss|dortmund|neubeckum|bottrop-gewaltschutz|…]`` (needs
LibreOffice and poppler's pdftoppm); it writes ``docs/blocks/<block>.png``, the upper part of the page
where the block begins.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from conceptgen.outline.catalogue import BLOCKS  # noqa: E402

HERE = Path(__file__).resolve().parent
SOCIAL = {
    "index_method": {},
    "index_ranking": {},
    "index_groups": {},
    "map": {"of": "status"},
    "maps": {"only": ["sgb2"]},
    "area_profile": {"area": "hafen"},
}
SURVEY = {
    "survey_method": {},
    "survey_results": {"topics": ["bewertung"]},
    "survey_question": {"question": "Q08"},
    "survey_tables": {"questions": ["Q02", "Q03"]},
    "survey_crosstabs": {},
    "survey_open_answers": {"questions": ["Q09"]},
}
TYPES = {  # the blocks of the other concept types, each from the project of its type
    "bottrop-gewaltschutz": {"article_assessment": {}, "benchmarks": {}},
    "bottrop-inklusion": {"article_register": {"articles": [5, 6, 7, 8, 9, 10, 11, 12, 13]}},
    "luenen": {"area_map": {}, "swot": {}, "financing_plan": {}},
}
PARAMS = {
    "measure_sheets": {"measures": ["1"]},
    "offers_by_area": {"areas": ["dormagen"]},
    "findings": {"findings": ["B1"]},
    "goal_system": {"goals": ["Z1"]},
    "table": {"id": "untergebrachte"},
    "analysis": {"id": "fachberatung"},
    "chart": {"id": "untergebrachte_kommunen"},
    "tables": {"only": ["entwicklung"]},
    "analyses": {"only": ["unterbringung"]},
}
EXTRA = """
networks:
  - id: rt
    name: Runder Tisch Wohnungsnotfallhilfe
    kind: Netzwerk
    lead: Rhein-Kreis Neuss, Sozialamt
    members: [Caritas, SKM, SkF, Sozialämter der Kommunen, Jobcenter]
    rhythm: viermal jährlich
    description: Der Runde Tisch stimmt die Hilfen der Träger und Kommunen ab.
events:
  - id: fachtag
    title: Fachtag Wohnungsnotfallhilfe
    kind: Fachtagung
    date: 2023-06-14
    place: Kreishaus Grevenbroich
    participants: 85
    results: [Zwischenergebnisse vorgestellt, Handlungsbedarfe ergänzt]
surveys:
  - title: Befragung der Kommunen
    target_group: Sozial- und Ordnungsämter
    period: Februar 2023
    responses: 8
    description: Schriftliche Abfrage der Angebote und Fallzahlen.
"""


def main() -> None:
    """All pictures, or those of the projects named on the command line (neuss, dortmund, …)."""
    typed = {name for blocks in TYPES.values() for name in blocks}
    blocks = [name for name in BLOCKS if name not in SOCIAL and name not in SURVEY and name not in typed]
    passes = {
        "neuss": ({name: PARAMS.get(name, {}) for name in blocks}, EXTRA),
        "dortmund": (SOCIAL, ""),
        "neubeckum": (SURVEY, ""),
        **{project: (chosen, "") for project, chosen in TYPES.items()},
    }
    for project in sys.argv[1:] or list(passes):
        pictures(project, *passes[project])


def pictures(name: str, blocks: dict[str, dict], extra: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / name
        shutil.copytree(ROOT / "projects" / name, project, ignore=shutil.ignore_patterns("build"))
        if extra:
            with (project / "participation.yaml").open("a", encoding="utf-8") as file:
                file.write(extra)
        meta = yaml.safe_load((project / "project.yaml").read_text(encoding="utf-8"))
        outline = [
            {"chapter": f"Baustein {block}", "content": [{"block": block, **params}]}
            for block, params in blocks.items()
        ]
        meta["documents"] = [{"template": "konzept", "output": "bausteine.docx", "outline": outline}]
        (project / "project.yaml").write_text(yaml.safe_dump(meta, allow_unicode=True), encoding="utf-8")
        for text in (project / "text").glob("*.md"):
            text.unlink()  # only the blocks
        run = [sys.executable, "-m", "conceptgen", "render", str(project), "--pdf", "-o", tmp]
        subprocess.run(run, check=True, cwd=ROOT)
        pdf = Path(tmp) / "bausteine.pdf"
        pages = _pages(pdf)
        for block in blocks:
            heading = re.compile(rf"Baustein {block}\b")
            page = next(
                i
                for i, text in enumerate(pages, start=1)
                if heading.search(text)
                and text.count("Baustein ") <= 2
                and "Inhaltsverzeichnis" not in text
                and "....." not in text  # not the table of contents (its dot leaders)
            )
            _picture(pdf, page, HERE / f"{block}.png", tmp)
            print(f"{block}: page {page}")


def _pages(pdf: Path) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(str(pdf)).pages]


def _picture(pdf: Path, page: int, target: Path, tmp: str) -> None:
    from PIL import Image, ImageChops

    stem = Path(tmp) / f"page{page}"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "70", "-f", str(page), "-l", str(page), "-singlefile", str(pdf), stem],
        check=True,
    )
    image = Image.open(f"{stem}.png").convert("RGB")
    width, height = image.size
    body = image.crop((0, int(height * 0.06), width, int(height * 0.93)))  # without header and footer
    background = Image.new("RGB", body.size, "white")
    box = ImageChops.difference(body, background).getbbox()
    if box:
        body = body.crop((0, 0, width, min(body.size[1], box[3] + 12)))
    body.save(target, optimize=True)


if __name__ == "__main__":
    main()
