"""The survey formats as a registry (conceptgen/data/survey_dialects): every list of formats — the names
``format:`` accepts, the near miss of one it does not, recognition of a file whose format is left out, the
JSON Schema, docs/befragung.md — comes from the registered modules.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import jsonschema
import pytest

from conceptgen.blocks import registry
from conceptgen.data.survey_dialects import dialects, formats_markdown, recognise
from conceptgen.model.schemas import file_schema
from conceptgen.pipeline import check_project
from tests.conftest import FIXTURES, ROOT, replace_in

LINE = "{file: data/limesurvey_codes.csv, format: limesurvey, channel: online}"
DATA = FIXTURES / "survey" / "data"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    target = tmp_path / "survey"
    shutil.copytree(FIXTURES / "survey", target)
    return target


def test_every_module_of_the_package_is_a_format_named_like_it():
    package = ROOT / "conceptgen" / "data" / "survey_dialects"
    modules = {p.stem for p in package.glob("*.py") if not p.stem.startswith("_")}
    assert set(dialects()) == modules >= {"limesurvey", "sosci", "table", "spss"}
    for dialect in dialects().values():
        assert dialect.title and dialect.docs and dialect.suffixes


def test_docs_list_the_registered_formats():
    text = (ROOT / "docs" / "befragung.md").read_text(encoding="utf-8")
    listed = text.split("<!-- formats:begin", 1)[1].split("-->", 1)[1].split("<!-- formats:end -->")[0]
    assert listed.strip() == formats_markdown().strip(), "docs/befragung.md: the list of formats is stale"
    for name in dialects():
        assert f"`format: {name}`" in listed


def test_the_schema_offers_the_registered_formats():
    schema = file_schema("befragung.yaml", registry().values(), dialects())
    assert schema["$defs"]["ResponseFile"]["properties"]["format"]["enum"] == list(dialects())
    validator = jsonschema.Draft202012Validator(schema)

    def problems(form: str) -> list[str]:
        data = {"questionnaire": {"title": "T", "responses": [{"file": "a.sav", "format": form}]}}
        return [e.message for e in validator.iter_errors(data)]

    assert problems("spss") == [] and problems("limesurvey") == []
    assert problems("spps")


@pytest.mark.parametrize(
    ("given", "nearest"),
    [("limesurvy", "limesurvey"), ("SoSci", "sosci"), ("tabel", "table"), ("sps", "spss")],
)
def test_a_format_that_is_none_names_the_nearest_and_all(project, cli, given, nearest):
    replace_in(project / "befragung.yaml", "format: limesurvey", f"format: {given}")
    result = cli("check", project)
    assert result.exit_code == 1 and "Traceback" not in result.output
    (line,) = [line for line in result.output.splitlines() if "CG104" in line]
    assert "befragung.yaml:5:" in line and "questionnaire.responses[0].format" in line
    assert f"meinten Sie „{nearest}“" in line
    assert f"erlaubt: {', '.join(dialects())}" in line
    assert "die Datei sieht aus wie format: limesurvey" in line  # the CSV's submitdate gives it away


@pytest.mark.parametrize(
    ("file", "expected"),
    [
        ("limesurvey_codes.csv", "limesurvey"),
        ("limesurvey_texts.csv", "limesurvey"),
        ("limesurvey.xlsx", None),  # a workbook's first row is not read for recognition
        ("sosci.csv", "sosci"),
        ("structure.txt", "limesurvey"),
        ("structure.lss", "limesurvey"),
        ("paper.xlsx", None),  # a sheet typed from paper looks like any sheet
    ],
)
def test_files_are_recognised_by_their_format(file, expected):
    found = recognise(DATA / file)
    surest = found[0][1].name if found and found[0][0] >= 0.5 else None
    assert surest == expected


def test_a_format_left_out_is_recognised(project):
    replace_in(project / "befragung.yaml", LINE, "{file: data/limesurvey_codes.csv, channel: online}")
    result = check_project(project)
    assert result.ok, [d.format() for d in result.diagnostics]
    assert len(result.data.survey.kept) == 10


def test_a_format_left_out_and_not_recognisable_is_cg540(project, cli):
    replace_in(project / "befragung.yaml", LINE, "{file: data/paper.xlsx}")
    result = cli("check", project)
    assert result.exit_code == 1
    (line,) = [line for line in result.output.splitlines() if "CG540" in line]
    assert "data/paper.xlsx" in line and f"eines von: {', '.join(dialects())}" in line


def test_a_structure_file_no_format_reads_is_cg541(project, cli):
    shutil.copy(DATA / "paper.xlsx", project / "data" / "struktur.xlsx")
    replace_in(project / "befragung.yaml", "structure: data/structure.txt", "structure: data/struktur.xlsx")
    result = cli("check", project)
    assert result.exit_code == 1
    (line,) = [line for line in result.output.splitlines() if "CG541" in line]
    assert "data/struktur.xlsx:1:1" in line and "SPSS (.sav, .zsav)" in line
