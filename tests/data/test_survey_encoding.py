"""Response files in the encodings Windows writes (issue 25, item 14): a cp1252 CSV was told to „set
encoding: windows-1252“, a key response files did not have, and a UTF-16 file without a byte-order mark
got the same hint; a UTF-16 .lss with a document type passed the DTD refusal."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conceptgen.data.survey_dialects import load_structure
from conceptgen.diagnostics import DiagnosticError
from conceptgen.pipeline import check_project
from tests.conftest import FIXTURES, replace_in

CSV = "data/limesurvey_codes.csv"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    target = tmp_path / "survey"
    shutil.copytree(FIXTURES / "survey", target)
    return target


def _count(project: Path) -> tuple[int, list[str]]:
    result = check_project(project)
    errors = [d.format() for d in result.diagnostics if d.level.value == "error"]
    return (result.data.survey.received if result.data and result.data.survey else 0), errors


def _recode(path: Path, encoding: str) -> None:
    text = path.read_bytes().decode("utf-8-sig")
    assert any(ord(c) > 127 for c in text), "the fixture needs umlauts for this test"
    path.write_bytes(text.encode(encoding))


def test_a_cp1252_export_is_told_a_key_it_has_and_reads_with_it(project):
    expected, errors = _count(project)
    assert errors == [] and expected > 0
    _recode(project / CSV, "cp1252")
    problems = [d for d in check_project(project).diagnostics if d.code == "CG002"]
    assert len(problems) == 1
    (problem,) = problems
    assert "encoding: windows-1252" in problem.hint
    assert problem.key_path == "questionnaire.responses[0].encoding"
    replace_in(
        project / "befragung.yaml",
        "format: limesurvey, channel: online}",
        "format: limesurvey, channel: online, encoding: windows-1252}",
    )
    assert _count(project) == (expected, [])


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-16"])
def test_a_utf16_export_with_or_without_a_byte_order_mark_is_read(project, encoding):
    expected, _errors = _count(project)
    _recode(project / CSV, encoding)
    assert _count(project) == (expected, [])


def test_a_structure_file_in_cp1252_names_no_key_it_lacks(project):
    _recode(project / "data" / "structure.txt", "cp1252")
    problems = [d for d in check_project(project).diagnostics if d.code == "CG002"]
    assert problems and all("encoding:" not in d.hint and "UTF-8" in d.hint for d in problems)


DOCTYPE = '<!DOCTYPE document [<!ENTITY x "yyyyyyyyyyyyyyyyyyyy">]>\n'


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-16-le", "utf-16-be"])
def test_an_lss_with_a_document_type_is_refused_in_any_encoding(project, encoding):
    path = project / "data" / "structure.lss"
    text = path.read_text(encoding="utf-8")
    head, _sep, rest = text.partition("\n")
    declared = head.replace('encoding="UTF-8"', f'encoding="{encoding.upper()}"')
    body = f"{declared}\n{DOCTYPE}{rest}"
    raw = body.encode(encoding)
    if encoding != "utf-16":  # the BOM tells expat; without one the declaration must be in the same bytes
        raw = ("\ufeff" + body).encode(encoding) if encoding.startswith("utf-16") else raw
    path.write_bytes(raw)
    with pytest.raises(DiagnosticError) as caught:
        load_structure(path, None, [])
    (problem,) = caught.value.diagnostics
    assert problem.code == "CG603" and "Dokumenttyp" in problem.message
    assert problem.location.line == 2


def test_a_utf16_lss_without_a_document_type_is_read(project):
    path = project / "data" / "structure.lss"
    expected = [q.code for q in load_structure(path, None, [])]
    text = path.read_text(encoding="utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"', 1)
    path.write_bytes(text.encode("utf-16"))
    assert [q.code for q in load_structure(path, None, [])] == expected
