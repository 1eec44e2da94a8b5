"""Nothing outside the project is read: links that lead out are refused."""

from __future__ import annotations

import os

import pytest

from conceptgen.diagnostics import DiagnosticError
from conceptgen.pipeline import check_project, render_project


@pytest.fixture
def outside(tmp_path):
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    (folder / "secret.md").write_text("Geheimer Text\n", encoding="utf-8")
    (folder / "goals.yaml").write_text("goals: []\n", encoding="utf-8")
    return folder


def test_text_symlink_out_of_project(minimal, outside):
    (minimal / "text" / "rahmen.md").unlink()
    os.symlink(outside / "secret.md", minimal / "text" / "rahmen.md")
    codes = [(d.code, d.location.file.rsplit("/", 1)[-1]) for d in check_project(minimal).diagnostics]
    assert ("CG010", "rahmen.md") in codes


def test_yaml_symlink_out_of_project(minimal, outside):
    (minimal / "goals.yaml").unlink()
    os.symlink(outside / "goals.yaml", minimal / "goals.yaml")
    assert "CG010" in [d.code for d in check_project(minimal).diagnostics]


def test_text_folder_symlink_out_of_project(minimal, outside):
    import shutil

    shutil.rmtree(minimal / "text")
    os.symlink(outside, minimal / "text")
    assert "CG010" in [d.code for d in check_project(minimal).diagnostics]


def test_project_template_symlink_out_of_project(minimal, outside, tmp_path):
    from tests.conftest import ROOT, replace_in

    (minimal / "templates").mkdir()
    os.symlink(ROOT / "templates" / "konzept", minimal / "templates" / "eigen")
    replace_in(
        minimal / "project.yaml", "  - output: test.docx", "  - output: test.docx\n    template: eigen"
    )
    result = check_project(minimal)
    assert [d.code for d in result.diagnostics] == ["CG010"]
    with pytest.raises(DiagnosticError):
        render_project(minimal, tmp_path / "out", libreoffice=False)
    assert not (tmp_path / "out").exists()


def test_links_inside_the_project_are_fine(minimal):
    os.rename(minimal / "text" / "rahmen.md", minimal / "rahmen-original.md")
    os.symlink(minimal / "rahmen-original.md", minimal / "text" / "rahmen.md")
    assert check_project(minimal).ok
