"""Every example project rendered once per test session (in memory, without LibreOffice): the documents a
council member reads, for the tests that read them back (totals, words, empty fields)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from tests.conftest import ROOT

PROJECTS = sorted(p.name for p in (ROOT / "projects").iterdir() if (p / "project.yaml").is_file())


@cache
def rendered(project: str) -> dict[str, bytes]:
    """The .docx files ``projects/<project>`` renders, by file name (profiles included)."""
    from conceptgen.pipeline import render_project

    result = render_project(ROOT / "projects" / project, libreoffice=False, write=False)
    return {Path(path).name: content for path, content in result.contents.items() if path.suffix == ".docx"}


def documents() -> list[tuple[str, str]]:
    """(project, file name) of every example document, for parametrising."""
    return [(project, name) for project in PROJECTS for name in sorted(rendered(project))]
