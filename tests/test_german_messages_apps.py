"""The messages and hints a consultant reads from the data stage and the apps are German (issue 25 item
17): real bad inputs — a workbook the working group filled in wrongly, a client's Word file, a
project template, a concept type `new` cannot write, a bad data file, a bad survey, a bad GeoJSON, a
returned review list — trigger the codes of conceptgen/data/, exchange/, design/, template_design.py,
ooxml/safety.py, scaffold/ and review/, and no message or hint holds an English stop word. (The words
of an error the system or a library gives, `{exc}`, are not ours; no input here provokes one.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from conceptgen.diagnostics import Diagnostic, DiagnosticError
from conceptgen.pipeline import check_project
from tests.conftest import replace_in
from tests.test_scaffold import PFLEGE, types_dir  # noqa: F401 (a fixture)

ENGLISH = (" has no ", " missing", "unknown ", " is not ", " is never ", " lies ", " before ", " add ")
ENGLISH += (" the ", " of ", " by any ", " neither ", " not found", " known: ", " cannot ", " with ")
ENGLISH += (" is ", " are ", " and ", " or ", " to ", " no ", " not ", " use ", " from ", " than ")
ENGLISH += (" more ", " only ", " should ", " check ", " remove ", " allowed:", " sheets:", " columns:")
ENGLISH += (" it ", " its ", " into ", " one ", " for ", " on ", " at ", " does ", " you ", " mean ")


def english(d: Diagnostic) -> list[str]:
    """The English stop words in the message and hint of ``d``."""
    return [w for text in (d.message, d.hint or "") for w in ENGLISH if w in f" {text} "]


def assert_german(found: list[Diagnostic], expected: set[str]) -> None:
    """``found`` holds every code of ``expected`` (and only those), each in German, IDs in „quotes“."""
    assert {d.code for d in found} == expected, [d.format() for d in found]
    for d in found:
        assert not english(d), (d.format(), english(d))
        assert "'" not in d.message, d.format()


# --- the working group's workbook (exchange/, data/tabular.py) ----------------------------------------


def _export(root: Path, target: Path) -> list[Diagnostic]:
    from conceptgen.exchange.export import export_workbook

    notes: list[Diagnostic] = []
    target.write_bytes(export_workbook(check_project(root).concept, notes=notes))
    return notes


def _set(book: Path, sheet: str, edits: dict[tuple[str, str], object]) -> None:
    loaded = load_workbook(book)
    page = loaded[sheet]
    headers = [c.value for c in page[1]]
    for row in page.iter_rows(min_row=2):
        for (key, header), value in edits.items():
            if str(row[0].value) == key:
                row[headers.index(header)].value = value
    loaded.save(book)


def _import(root: Path, book: Path) -> list[Diagnostic]:
    from conceptgen.exchange.imports import read_changes

    return read_changes(check_project(root).concept, book)[1]


def test_workbook_cells_that_cannot_be_taken(minimal, tmp_path):
    book = tmp_path / "Arbeitsstand.xlsx"
    _export(minimal, book)
    replace_in(minimal / "measures.yaml", "    lead: Sozialamt", "    lead: Jugendamt")  # since the export
    _set(
        book,
        "Maßnahmen",
        {
            ("1", "Federführung"): "Jobcenter",  # changed on both sides: CG623
            ("1", "Stand"): "läuft",  # CG603, not a status
            ("1", "Kosten (€)"): "viel",  # CG603, not a number
            ("1", "Priorität"): 7,  # CG603, out of range
            ("1", "Beginn"): "bald",  # CG603, no year
            ("1", "Titel"): None,  # CG627, a title is needed
            ("1.1", "Titel"): "y" * 32_767,  # CG628, at Excel's limit
            ("1.1", "Priorität"): "=1+1",  # CG625, a formula openpyxl saves without a value
        },
    )
    _set(book, "Ziele", {("Z1", "ID"): "Q7"})  # CG202, no such goal
    found = _import(minimal, book)
    assert_german(found, {"CG202", "CG603", "CG623", "CG625", "CG627", "CG628"})
    assert len([d for d in found if d.code == "CG603"]) == 4
    (conflict,) = [d for d in found if d.code == "CG623"]
    assert "„Jobcenter“" in conflict.message and "„Jugendamt“" in conflict.message
    (unknown,) = [d for d in found if d.code == "CG202"]
    assert unknown.message == "unbekannte ID „Q7“"


def test_workbook_without_its_record_and_a_text_excel_cuts(minimal, tmp_path):
    replace_in(minimal / "measures.yaml", "title: Aufgabe eins", "title: " + "Lang " * 8000)
    book = tmp_path / "Arbeitsstand.xlsx"
    notes = _export(minimal, book)
    assert_german(notes, {"CG624"})
    assert "32.767" in notes[0].message and "39.999" in notes[0].message
    loaded = load_workbook(book)
    del loaded[loaded.sheetnames[-1]]  # the hidden record of what was exported
    loaded.save(book)
    assert_german(_import(minimal, book), {"CG626"})


def test_an_entry_gone_from_the_yaml(minimal):
    from conceptgen.exchange.apply import apply_changes
    from conceptgen.exchange.imports import Change

    with pytest.raises(DiagnosticError) as caught:
        apply_changes(minimal, [Change("measures.yaml", "measure", "9", ("title",), "a", "b")])
    assert_german(caught.value.diagnostics, {"CG202"})


@pytest.mark.parametrize(
    ("content", "code"),
    [(b"", "CG602"), (b"kein Arbeitsblatt", "CG603"), (b"area;jahr\nstadt;2024\x0c\n", "CG011")],
    ids=["empty", "not-xlsx", "control"],
)
def test_a_bad_data_file(tmp_path, content, code):
    from conceptgen.data.tabular import read_table

    path = tmp_path / ("daten.xlsx" if code == "CG603" else "daten.csv")
    path.write_bytes(content)
    with pytest.raises(DiagnosticError) as caught:
        read_table(path, "daten")
    assert_german(caught.value.diagnostics, {code})


# --- a client's Word file, a project's template (design/, template_design.py, ooxml/safety.py) ------


def _findings(package: Path) -> list[Diagnostic]:
    from conceptgen.diagnostics import Location, diagnostic
    from conceptgen.ooxml.safety import package_findings

    return [diagnostic(f.code, f.message, Location(f.part), hint=f.hint) for f in package_findings(package)]


def test_a_client_file_word_refuses(tmp_path):
    from tests.test_template_safety import CLIENT, FIELD, REL, _chain, edited, with_doctype

    doctype = with_doctype('<!DOCTYPE a:theme [<!ENTITY x "y">]>')
    client = edited(CLIENT, tmp_path / "a.docx", {"word/theme/theme1.xml": doctype})
    assert_german(_findings(client), {"CG414"})
    field = FIELD.format(code='INCLUDEPICTURE "http://example.com/x.png"')
    edits = {
        "word/_rels/header1.xml.rels": REL.format(target="media/fehlt.png", mode="").encode(),
        "word/header1.xml": lambda t: t.replace("</w:hdr>", field + "</w:hdr>"),
        "word/styles.xml": lambda t: _chain(60)(t).replace('w:color w:val="', 'w:color w:val="ZZ', 1),
    }
    assert_german(_findings(edited(CLIENT, tmp_path / "b.docx", edits)), {"CG415", "CG416", "CG418", "CG419"})
    broken = edited(CLIENT, tmp_path / "c.docx", {"word/media/image1.png": b"\x89PNG kaputt"})
    assert_german(_findings(broken), {"CG417"})


def test_template_new_reports_in_german(tmp_path):
    from conceptgen.design import build_template
    from conceptgen.workspace import BUILTIN_TEMPLATES
    from tests.test_template_safety import CLIENT, REL, _header_edit, edited

    rels = REL.format(target="http://example.com/logo.png", mode=' TargetMode="External"')
    client = edited(CLIENT, tmp_path / "kunde.docx", _header_edit(rels))
    report = build_template("kunde", client, tmp_path / "kunde", BUILTIN_TEMPLATES / "konzept")
    lines = report.lines()
    assert lines[0].startswith("geschrieben: ") and any(line.startswith("  Warnung: ") for line in lines)
    for line in lines:
        line = line.split(": ", 1)[-1]  # after the role's name (body, heading 1 …)
        assert not [w for w in ENGLISH if w in f" {line} "], line
    with pytest.raises(DiagnosticError) as caught:
        build_template("kunde", client, tmp_path / "kunde", BUILTIN_TEMPLATES / "konzept")
    assert_german(caught.value.diagnostics, {"CG501"})


def test_a_project_template_that_lacks_what_a_concept_needs(tmp_path):
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Cm

    from conceptgen.template_design import template_findings
    from conceptgen.workspace import BUILTIN_TEMPLATES

    path = tmp_path / "template.docx"
    document = Document(str(BUILTIN_TEMPLATES / "konzept" / "template.docx"))
    table = document.styles["Konzept Tabelle"].element
    first = next(p for p in table.findall(qn("w:tblStylePr")) if p.get(qn("w:type")) == "firstRow")
    first.find(f"{qn('w:tcPr')}/{qn('w:shd')}").set(qn("w:fill"), "FFC000")  # white on yellow: CG413
    caption = document.styles["Caption"].element
    caption.getparent().remove(caption)  # CG410
    png = _png(tmp_path)
    header = document.sections[0].header
    header.is_linked_to_previous = False
    header.paragraphs[0].add_run().add_picture(str(png), height=Cm(6))  # no alternative text, too tall
    document.save(str(path))
    found = [
        Diagnostic(code, message, None, "", hint)
        for code, message, hint in template_findings(path, "Konzept Tabelle")
    ]
    assert_german(found, {"CG410", "CG411", "CG412", "CG413"})


def _png(tmp_path: Path) -> Path:
    from PIL import Image

    path = tmp_path / "logo.png"
    Image.new("RGB", (40, 40), "red").save(path)
    return path


# --- conceptgen new (scaffold/) -----------------------------------------------------------------------


def test_new_refuses_in_german(tmp_path):
    from conceptgen.scaffold import new_project, write_schemas

    with pytest.raises(DiagnosticError) as caught:
        new_project(tmp_path / "p", "Pflegeplanung")
    assert_german(caught.value.diagnostics, {"CG104"})
    (tmp_path / "voll").mkdir()
    (tmp_path / "voll" / "x.txt").write_text("x", encoding="utf-8")
    with pytest.raises(DiagnosticError) as caught:
        new_project(tmp_path / "voll", "Wohnungsnotfallkonzept")
    assert_german(caught.value.diagnostics, {"CG501"})
    with pytest.raises(DiagnosticError) as caught:
        write_schemas(tmp_path / "fehlt")
    assert_german(caught.value.diagnostics, {"CG001"})


def test_a_type_new_cannot_write(types_dir, tmp_path):  # noqa: F811 (the fixture)
    from conceptgen.scaffold import new_project

    text = PFLEGE.replace("{block: contact_list}", "{block: article_register}")
    (types_dir / "pflegeplanung.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(DiagnosticError) as caught:
        new_project(tmp_path / "pflege", "pflegeplanung")
    assert_german(caught.value.diagnostics, {"CG143"})
