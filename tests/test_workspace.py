"""Template lookup: the project's own templates, then the workspace's, then the built-in ones."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conceptgen.diagnostics import DiagnosticError, Location
from conceptgen.workspace import BUILTIN_TEMPLATES, find_template, template_roots

WHERE = Location("project.yaml", 9, 15)


def copy_template(target: Path, name: str = "eigen", yaml: str | None = None) -> Path:
    folder = target / name
    folder.mkdir(parents=True)
    shutil.copy(BUILTIN_TEMPLATES / "konzept" / "template.docx", folder / "template.docx")
    if yaml is not None:
        (folder / "template.yaml").write_text(yaml, encoding="utf-8")
    return folder


def codes(exc: pytest.ExceptionInfo) -> list[str]:
    return [d.code for d in exc.value.diagnostics]


def test_builtin_template_is_found(tmp_path):
    template = find_template("konzept", tmp_path, WHERE)
    assert template.folder == BUILTIN_TEMPLATES / "konzept"
    assert template.layout.has_body and "measure_sheets" in template.layout.snippets
    analyse = find_template("analyse", tmp_path, WHERE)
    assert analyse.layout.has_body and analyse.config.outline[0].chapter == "{outline_introduction_data}"
    from conceptgen.language import Language  # the title is a term: German and English from the table

    assert Language.of("de").terms["outline_introduction_data"] == "Einleitung und Datengrundlage"


def test_project_template_wins_over_workspace_and_builtin(tmp_path):
    workspace = tmp_path / "ws"
    project = workspace / "projects" / "p"
    project.mkdir(parents=True)
    copy_template(workspace / "templates", "konzept", "name: workspace\n")
    assert find_template("konzept", project, WHERE).config.name == "workspace"
    copy_template(project / "templates", "konzept", "name: own\n")
    assert find_template("konzept", project, WHERE).config.name == "own"
    roots = template_roots(project)
    assert roots[0] == project / "templates" and roots[-1] == BUILTIN_TEMPLATES


def test_unknown_template_suggests_a_near_name(tmp_path):
    with pytest.raises(DiagnosticError) as exc:
        find_template("konzpet", tmp_path, WHERE)
    [d] = exc.value.diagnostics
    assert d.code == "CG401" and "konzept" in d.hint and d.location == WHERE


@pytest.mark.parametrize("name", ["../konzept", "a/b", "", ".hidden", "a\\b"])
def test_template_name_must_be_a_plain_folder_name(tmp_path, name):
    with pytest.raises(DiagnosticError) as exc:
        find_template(name, tmp_path, WHERE)
    assert codes(exc) == ["CG401"]


def test_template_linked_from_outside_the_project_is_refused(tmp_path):
    outside = copy_template(tmp_path / "elsewhere")
    project = tmp_path / "project"
    (project / "templates").mkdir(parents=True)
    (project / "templates" / "eigen").symlink_to(outside)
    with pytest.raises(DiagnosticError) as exc:
        find_template("eigen", project, WHERE)
    assert codes(exc) == ["CG010"]


def test_broken_template_yaml_is_located(tmp_path):
    copy_template(tmp_path / "templates", yaml="name: eigen\npalette: [1F4E79, rot]\nstyles: {bodyy: X}\n")
    with pytest.raises(DiagnosticError) as exc:
        find_template("eigen", tmp_path, WHERE)
    found = {(d.code, d.location.line) for d in exc.value.diagnostics}
    assert found == {("CG403", 2), ("CG403", 3)}


def test_template_without_yaml_gets_defaults(tmp_path):
    copy_template(tmp_path / "templates")
    config = find_template("eigen", tmp_path, WHERE).config
    assert config.name == "eigen" and config.style_names.caption == "Caption" and config.palette
