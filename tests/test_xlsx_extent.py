"""XLSX files whose stored `<dimension>` understates the filled range (issue 25, item 3): openpyxl's
read-only mode trusted it and dropped the last rows without a word — four municipalities of the neuss
appendix, 29 questionnaires of a survey, edits of the returned workbook. Every reader of XLSX reads the
real extent; a formula without a computed value is located, never read as empty."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from conceptgen.pipeline import check_project
from tests.conftest import NEUSS, ROOT


def understate(path: Path, ref: str = "A1:B2") -> Path:
    """Rewrite every sheet's `<dimension ref=…>` to ``ref``, as some writers leave it."""
    data = {}
    with zipfile.ZipFile(path) as package:
        infos = package.infolist()
        for info in infos:
            data[info.filename] = package.read(info.filename)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for info in infos:
            content = data[info.filename]
            if info.filename.startswith("xl/worksheets/sheet"):
                content, count = re.subn(
                    rb'<dimension ref="[^"]*"', b'<dimension ref="%s"' % ref.encode(), content
                )
                if count == 0:  # a writer without one: put it where the schema wants it
                    content = re.sub(
                        rb"(<sheetData)", b'<dimension ref="%s"/>\\1' % ref.encode(), content, count=1
                    )
            package.writestr(info, content)
    return path


def test_a_data_workbook_keeps_its_last_rows(tmp_path):
    project = tmp_path / "neuss"
    shutil.copytree(NEUSS, project, ignore=shutil.ignore_patterns("build"))
    understate(project / "data" / "beratung.xlsx", "A1:E6")
    expected = check_project(NEUSS).data.tables["beratung"]
    found = check_project(project)
    assert found.ok, [d.format() for d in found.diagnostics]
    table = found.data.tables["beratung"]
    assert [r[0] for r in table.rows] == [r[0] for r in expected.rows]
    assert table.total == expected.total


def test_a_survey_counts_every_questionnaire(tmp_path):
    project = tmp_path / "neubeckum"
    shutil.copytree(ROOT / "projects" / "neubeckum", project, ignore=shutil.ignore_patterns("build"))
    understate(project / "data" / "papierboegen.xlsx", "A1:C10")
    expected = check_project(ROOT / "projects" / "neubeckum").data.survey
    found = check_project(project)
    assert found.ok, [d.format() for d in found.diagnostics]
    assert (found.data.survey.received, found.data.survey.kept) == (expected.received, expected.kept)
    assert found.data.survey.channels == expected.channels


def test_an_import_reads_edits_below_the_stated_extent(tmp_path, cli):
    project = tmp_path / "neuss"
    shutil.copytree(NEUSS, project, ignore=shutil.ignore_patterns("build", "templates"))
    cli("export", project)
    book = project / "build" / "Arbeitsstand.xlsx"
    loaded = load_workbook(book)
    page = loaded["Maßnahmen"]
    last = page.max_row
    key = page.cell(last, 1).value
    page.cell(last, 9).value = "umgesetzt"
    loaded.save(book)
    understate(book, "A1:K3")
    result = cli("import", project, book)
    assert result.exit_code == 0, result.output
    assert f"measures.yaml  {key}  status:" in result.output and "umgesetzt" in result.output


def test_a_formula_without_a_value_in_a_data_file_is_located(tmp_path):
    project = tmp_path / "neuss"
    shutil.copytree(NEUSS, project, ignore=shutil.ignore_patterns("build"))
    path = project / "data" / "beratung.xlsx"
    loaded = load_workbook(path)
    page = loaded["Fallzahlen"]
    page["C5"] = "=100+20"  # openpyxl stores no computed value: read with values, it looks empty
    loaded.save(path)
    found = [d.format() for d in check_project(project).diagnostics if d.code == "CG625"]
    assert len(found) == 1 and "data/beratung.xlsx:5:3: CG625 Fehler" in found[0], found


@pytest.mark.parametrize("name", ["limesurvey.xlsx", "paper.xlsx"])
def test_survey_fixture_workbooks_read_the_same_understated(tmp_path, name):
    from conceptgen.data.tabular import read_table

    source = Path(__file__).parent / "fixtures" / "survey" / "data" / name
    copy = understate(shutil.copy(source, tmp_path / name), "A1:A1")
    assert read_table(copy, name).rows == read_table(source, name).rows
