"""Digests of what conceptgen renders for example projects (without LibreOffice), part by part.

A change that is only about speed must leave every byte as it was: tests/golden/test_golden.py compares
the rendered documents with tests/golden/digests.json. When a change alters the output on purpose, look
at the documents (``../shared/tools/docx-look``) and record the new digests:

    python -m tests.golden.digests --update
"""

from __future__ import annotations

import hashlib
import io
import json
import sys
import zipfile
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RECORD = Path(__file__).with_name("digests.json")
PROJECTS = ("neuss", "merklinde", "neubeckum", "luenen", "dortmund", "bottrop-inklusion")
# the libraries whose versions decide bytes (XML serialisation, chart pictures, workbooks, zip)
LIBRARIES = (
    "docxtpl",
    "python-docx",
    "python-pptx",
    "lxml",
    "Jinja2",
    "matplotlib",
    "pillow",
    "openpyxl",
    "XlsxWriter",
    "numpy",
    "pandas",
    "babel",
    "markdown-it-py",
)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def describe(content: bytes) -> dict:
    """The digest of a file and, for an Office zip, of each of its parts."""
    found: dict = {"sha256": _sha(content)}
    if content[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(content)) as package:
            found["parts"] = {name: _sha(package.read(name)) for name in sorted(package.namelist())}
    return found


def render_digests(project: str) -> dict[str, dict]:
    """Render projects/<project> in memory (no LibreOffice) and describe every output by file name."""
    from conceptgen.pipeline import render_project

    result = render_project(ROOT / "projects" / project, libreoffice=False, write=False)
    return {path.name: describe(content) for path, content in sorted(result.contents.items())}


def versions() -> dict[str, str]:
    return {name: metadata.version(name) for name in LIBRARIES}


def main(argv: list[str]) -> int:
    if argv != ["--update"]:
        print(__doc__)
        return 2
    record = {"versions": versions(), "projects": {p: render_digests(p) for p in PROJECTS}}
    RECORD.write_text(json.dumps(record, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {RECORD.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
