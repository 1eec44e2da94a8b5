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


@cache
def laid_out(project: str) -> dict[str, tuple[bytes, bytes]]:
    """(docx, pdf) of every document of ``projects/<project>`` as `render --pdf` makes them (with
    LibreOffice), by file name: once per test session for every test that reads the PDFs."""
    from conceptgen.pipeline import render_project

    result = render_project(ROOT / "projects" / project, pdf=True, write=False)
    found = {}
    for path, content in result.contents.items():
        if path.suffix == ".pdf":
            found[path.name] = (result.contents[path.with_suffix(".docx")], content)
    # a document without its PDF (LibreOffice timed out under load: CG407) would pass every test of it
    # unread; say so instead (CONCEPTGEN_LIBREOFFICE_TIMEOUT gives LibreOffice longer)
    pdfs = {p.with_suffix(".docx") for p in result.contents if p.suffix == ".pdf"}
    missing = sorted(p.name for p in result.contents if p.suffix == ".docx" and p not in pdfs)
    problems = [d.message for d in result.diagnostics if d.code == "CG407"]
    assert not missing, f"{project}: no PDF of {missing}: {problems}"
    return found


def documents() -> list[tuple[str, str]]:
    """(project, file name) of every example document, for parametrising."""
    return [(project, name) for project in PROJECTS for name in sorted(rendered(project))]
