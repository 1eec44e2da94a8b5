"""A consultant's project made for conceptgen 0.2 keeps rendering: a copy of the old konzept template
(chapters built in) in the project renders the same chapters as the built-in outline, with a deprecation
warning; chapters: keeps working there too, references into left-out chapters becoming text."""

from __future__ import annotations

import shutil

import pytest
from docx import Document

from conceptgen.pipeline import check_project, render_project
from tests.conftest import FIXTURES, replace_in

pytestmark = pytest.mark.slow  # renders the example projects


def use_old_template(project) -> None:
    shutil.copytree(FIXTURES / "legacy_konzept", project / "templates" / "alt")
    replace_in(project / "project.yaml", "  - template: konzept\n", "  - template: alt\n")


def headings(path, level=1):
    return [p.text for p in Document(str(path)).paragraphs if p.style.name == f"Heading {level}"]


def test_old_template_renders_the_same_chapters_with_a_warning(neuss_copy, tmp_path):
    use_old_template(neuss_copy)
    result = check_project(neuss_copy)
    assert result.ok
    [warning] = [d for d in result.diagnostics if d.code == "CG119"]
    assert "die Vorlage „alt“ enthält ihre Kapitel selbst" in warning.message
    assert warning.location.file.endswith("templates/alt/template.docx")
    old = render_project(neuss_copy, tmp_path / "old", libreoffice=False).outputs[0]
    new_project = tmp_path / "neu"
    shutil.copytree(neuss_copy, new_project)
    replace_in(new_project / "project.yaml", "  - template: alt\n", "  - template: konzept\n")
    new = render_project(new_project, tmp_path / "new", libreoffice=False).outputs[0]
    assert headings(old) == headings(new)
    # the sections are the same but for what the outline adds (the areas' own section)
    assert [h for h in headings(new, 2) if h != "Gebiete"] == headings(old, 2)


def test_old_template_short_version(neuss_copy, tmp_path):
    use_old_template(neuss_copy)
    replace_in(
        neuss_copy / "project.yaml",
        '    title: "Anlage 1: Kreisweites Wohnungsnotfallkonzept"\n',
        '    title: "Anlage 1: Kreisweites Wohnungsnotfallkonzept"\n    chapters: [einleitung, ziele]\n',
    )
    assert check_project(neuss_copy).ok
    path = render_project(neuss_copy, tmp_path / "out", libreoffice=False).outputs[0]
    assert headings(path) == ["Einleitung", "Zielsystem"]
    text = "\n".join(p.text for p in Document(str(path)).paragraphs)
    assert "Maßnahmen in Kapitel\u00a0„Maßnahmen“ des vollständigen Dokuments dienen" in text
    assert "Kennzahlen in Kapitel\u00a0„Kennzahlen“ des vollständigen Dokuments." in text
