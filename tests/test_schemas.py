"""Editor support: one JSON Schema per file kind validates every file of every example project as it is
written — read as an editor's YAML language server reads it (YAML 1.2: `2025` is a number, `yes` a
string, dates strings) — a broken file fails, and `new` names the schema in each file's first line."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from ruamel.yaml import YAML

from conceptgen.blocks import registry
from conceptgen.loading.layout import FILE_SECTIONS
from conceptgen.model.schemas import MODELINE, file_schema, schema_path
from tests.conftest import ROOT

FILES = sorted(
    (project.name, path.name)
    for project in (ROOT / "projects").iterdir()
    for path in project.glob("*.yaml")
    if path.name in FILE_SECTIONS
)


def yaml12(path: Path):
    """The file as JSON, the way the YAML language server sees it (YAML 1.2 core schema)."""
    loader = YAML(typ="safe", pure=True)
    loader.version = (1, 2)

    def plain(value):
        if isinstance(value, dict):
            return {str(k): plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        if isinstance(value, dt.date):
            return value.isoformat()
        return value

    return plain(loader.load(path.read_text(encoding="utf-8")))


def errors(path: Path, kind: str) -> list[str]:
    validator = jsonschema.Draft202012Validator(file_schema(kind, registry().values()))
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(yaml12(path))]


def test_every_file_kind_has_a_schema_of_its_own():
    project = file_schema("project.yaml")
    assert "title" in project["properties"] and "project" not in project["properties"]
    measures = file_schema("measures.yaml")
    assert list(measures["properties"]) == ["measures"] and measures["additionalProperties"] is False
    assert "required" not in measures  # a file may leave out any of its sections


def test_an_outline_names_a_block_with_its_parameters():
    """Editors complete block names and each block's parameters: an outline's block entry is one of the
    blocks, with only its parameters, of their types."""
    schema = file_schema("outlines.yaml", registry().values())
    variants = schema["$defs"]["BlockItem"]["anyOf"]
    assert {v["properties"]["block"]["const"] for v in variants} == set(registry())
    validator = jsonschema.Draft202012Validator(schema)

    def problems(block: dict) -> list[str]:
        outlines = {"outlines": {"kurz": [{"chapter": "A", "content": [block]}]}}
        return [e.message for e in validator.iter_errors(outlines)]

    assert problems({"block": "costs", "measures": ["1"], "financed": False}) == []
    assert problems({"block": "costs", "financed": "nein"}) != []  # a parameter of the wrong type
    assert problems({"block": "costs", "colour": "rot"}) != []  # a parameter costs does not have
    assert problems({"block": "map"}) != []  # map needs of:
    assert problems({"block": "cost"}) != []  # no such block


@pytest.mark.parametrize(("project", "name"), FILES)
def test_example_file_validates_against_its_schema(project, name):
    assert errors(ROOT / "projects" / project / name, name) == []


def test_broken_file_fails(tmp_path):
    path = tmp_path / "measures.yaml"
    text = (ROOT / "projects" / "neuss" / "measures.yaml").read_text(encoding="utf-8")
    path.write_text(text.replace("priority: 1", "priority: hoch", 1) + "kosten: 3\n", encoding="utf-8")
    found = errors(path, "measures.yaml")
    assert any("'hoch' is not of type 'integer'" in e for e in found)
    assert any("'kosten' was unexpected" in e for e in found)
    project = tmp_path / "project.yaml"
    project.write_text("title: X\nclient: Y\n", encoding="utf-8")
    assert any("'contractor' is a required property" in e for e in errors(project, "project.yaml"))


def test_new_project_names_its_schemas(tmp_path, cli):
    assert cli("new", tmp_path / "p", "--type", "handlungskonzept").exit_code == 0
    for path in (tmp_path / "p").glob("*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == f"{MODELINE}{schema_path(path.name).as_posix()}"
        schema = json.loads((tmp_path / "p" / schema_path(path.name)).read_text(encoding="utf-8"))
        assert schema["title"] == f"conceptgen: {path.name}"
        assert errors(path, path.name) == []


def test_schema_write_adds_modelines_once(tmp_path, cli):
    project = tmp_path / "neuss"
    shutil.copytree(ROOT / "projects" / "neuss", project, ignore=shutil.ignore_patterns("build", "templates"))
    before = (project / "goals.yaml").read_text(encoding="utf-8")
    for _ in range(2):
        result = cli("schema", "--write", project, "--modelines")
        assert result.exit_code == 0, result.output
    after = (project / "goals.yaml").read_text(encoding="utf-8")
    assert after == f"{MODELINE}.conceptgen/schemas/goals.schema.json\n" + before
    assert cli("check", project).exit_code == 0
    assert cli("schema", "measures.yml").exit_code == 1  # did you mean measures.yaml


@pytest.mark.parametrize(
    ("name", "encode"),
    [
        ("measures.yaml", lambda t: t.encode("cp1252", errors="replace")),  # Excel's or Notepad's ANSI
        ("sources.yaml", lambda t: t.encode("utf-16")),  # Windows' „Unicode“
        ("sources.yaml", lambda t: t.encode("utf-16-le")),  # without a byte-order mark
        ("project.yaml", lambda t: t.encode("utf-8") + b"\x00"),
    ],
)
def test_modelines_check_every_file_before_writing_any(tmp_path, cli, name, encode):
    """Issue 25, item 11: a cp1252 or UTF-16 file crashed --modelines after six files were changed."""
    project = tmp_path / "neuss"
    shutil.copytree(ROOT / "projects" / "neuss", project, ignore=shutil.ignore_patterns("build", "templates"))
    path = project / name
    path.write_bytes(encode(path.read_text(encoding="utf-8")))
    before = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    result = cli("schema", "--write", project, "--modelines")
    assert result.exit_code == 1, result.output
    assert "CG002" in result.output and name in result.output
    after = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    assert after == before  # not one file changed or added, not even the schemas
