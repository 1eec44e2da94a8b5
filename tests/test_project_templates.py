"""Every template of a project is checked (issue 25, item 16): a duplicate key in a project template's
template.yaml was accepted silently when no document used that template yet — the day a document does,
render fails. check reads each folder of the project's templates/, used or not."""

from __future__ import annotations

import shutil

import pytest

from conceptgen.pipeline import check_project
from tests.conftest import NEUSS


@pytest.fixture
def project(tmp_path):
    target = tmp_path / "neuss"
    shutil.copytree(NEUSS, target, ignore=shutil.ignore_patterns("build"))
    return target


def _used(project) -> set[str]:
    return {t.name for t in check_project(project).templates if t is not None}


@pytest.mark.parametrize("name", ["kreisdesign", "kreisdesign-analyse"])
def test_a_duplicate_key_in_any_project_template_is_located(project, name):
    assert not [d for d in check_project(project).diagnostics if d.level.value == "error"]
    config = project / "templates" / name / "template.yaml"
    lines = config.read_text(encoding="utf-8").splitlines()
    font = next(i for i, line in enumerate(lines) if line.startswith("font:"))
    config.write_text("\n".join([*lines, "font: Arial", ""]), encoding="utf-8")
    problems = [d for d in check_project(project).diagnostics if d.code == "CG403"]
    assert len(problems) == 1, [d.format() for d in problems]
    (problem,) = problems
    assert f"templates/{name}/template.yaml:{len(lines) + 1}:1" in problem.format()
    assert "Schlüssel „font“ doppelt" in problem.message and f"Zeile {font + 1}" in problem.hint


def test_the_unused_ones_are_unused_and_still_checked(project):
    used = _used(project)
    folders = {p.name for p in (project / "templates").iterdir() if (p / "template.docx").is_file()}
    assert folders - used, "the example must keep a template no document uses"
    for name in sorted(folders - used):
        (project / "templates" / name / "template.yaml").write_text("name: x\nname: y\n", encoding="utf-8")
    found = {d.location.file for d in check_project(project).diagnostics if d.code == "CG403" and d.location}
    assert sorted(f.rsplit("templates/", 1)[1] for f in found) == sorted(
        f"{n}/template.yaml" for n in folders - used
    )


def test_a_broken_unused_template_file_is_said(project):
    unused = sorted(p.name for p in (project / "templates").iterdir() if (p / "template.docx").is_file())
    unused = [n for n in unused if n not in _used(project)]
    (project / "templates" / unused[0] / "template.docx").write_bytes(b"not a zip")
    problems = [d for d in check_project(project).diagnostics if d.code == "CG403"]
    assert problems and "template.docx" in problems[0].format()
