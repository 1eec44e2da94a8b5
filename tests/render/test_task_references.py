"""A reference to a task says „Aufgabe 2.1“, to a key measure „Maßnahme 2“; a text that names the word
before the reference keeps it once („Aufgabe @mass:2.2“ → „Aufgabe 2.2“, never „Aufgabe Maßnahme 2.2“)."""

from __future__ import annotations

import shutil

import pytest

from conceptgen.pipeline import render_project
from tests.conftest import ROOT
from tests.docx_text import paragraphs
from tests.examples import rendered

pytestmark = pytest.mark.slow


def test_references_to_tasks_and_measures(tmp_path):
    project = tmp_path / "merklinde"
    shutil.copytree(ROOT / "projects" / "merklinde", project, ignore=shutil.ignore_patterns("build"))
    text = project / "text" / "einleitung.md"
    sentence = "Dazu gehören @mass:3 sowie @mass:2.1, Aufgabe @mass:2.3 und Maßnahme @mass:2.1."
    text.write_text(sentence + "\n\n" + text.read_text(encoding="utf-8"), encoding="utf-8")
    result = render_project(project, libreoffice=False, write=False, only=0)
    docx = next(content for path, content in result.contents.items() if path.suffix == ".docx")
    found = next(p.text for p in paragraphs(docx) if p.text.startswith("Dazu gehören"))
    assert found.replace("\u00a0", " ") == (
        "Dazu gehören Maßnahme 3 sowie Aufgabe 2.1, Aufgabe 2.3 und Maßnahme 2.1."
    )


def test_the_progress_report_names_its_tasks_once():
    docx = rendered("neuss")["Fortschrittsbericht-2026-Rhein-Kreis-Neuss.docx"]
    text = " ".join(p.text for p in paragraphs(docx)).replace("\u00a0", " ")
    assert "(Aufgabe 2.2)" in text and "(Aufgabe 1.5)" in text
    assert "Aufgabe Maßnahme" not in text
