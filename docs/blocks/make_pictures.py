"""Make the pictures of docs/blocks.md: every block of the registry in the built-in konzept design, one
chapter per block, in a copy of the example project its ``picture`` names (conceptgen/blocks: most in
projects/neuss with what their pictures add — a network, an event, a survey —, the blocks of a
Sozialraumanalyse in projects/dortmund, those of a survey in projects/neubeckum, those of the other
concept types in bottrop-gewaltschutz, bottrop-inklusion and luenen).

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

from conceptgen.blocks import registry  # noqa: E402

HERE = Path(__file__).resolve().parent


def passes() -> dict[str, tuple[dict[str, dict], dict[str, str]]]:
    """Per example project: the blocks it shows (with their picture's parameters) and the YAML their
    pictures add to its files (each block's ``picture``, conceptgen/blocks)."""
    found: dict[str, tuple[dict[str, dict], dict[str, str]]] = {}
    for block in registry().values():
        picture = block.picture
        if picture is None:
            continue
        blocks, extra = found.setdefault(picture.project, ({}, {}))
        blocks[block.name] = dict(picture.params)
        if picture.extra:
            extra[picture.extra_file] = extra.get(picture.extra_file, "") + picture.extra
    return found


def main() -> None:
    """All pictures, or those of the projects named on the command line (neuss, dortmund, …)."""
    every = passes()
    for project in sys.argv[1:] or list(every):
        pictures(project, *every[project])


def pictures(name: str, blocks: dict[str, dict], extra: dict[str, str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / name
        shutil.copytree(ROOT / "projects" / name, project, ignore=shutil.ignore_patterns("build"))
        for file_name, text in extra.items():
            with (project / file_name).open("a", encoding="utf-8") as file:
                file.write(text)
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
