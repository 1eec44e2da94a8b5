"""The messages and hints a consultant reads from the data stage and the apps are German (issue 25 item
17): real bad inputs — a workbook the working group filled in wrongly, a client's Word file, a
project template, a concept type `new` cannot write, a bad data file, a bad survey, a bad GeoJSON, a
returned review list — trigger the codes of conceptgen/data/, exchange/, design/, template_design.py,
ooxml/safety.py, scaffold/ and review/, and no message or hint holds an English stop word. (The words
of an error the system or a library gives, `{exc}`, are not ours; no input here provokes one.)"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from conceptgen.diagnostics import Diagnostic, DiagnosticError
from conceptgen.pipeline import check_project
from tests.conftest import FIXTURES, replace_in
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


# --- data files, charts, tables (data/) ------------------------------------------------------------


def _checked(root: Path, expected: set[str]) -> None:
    """``check`` of ``root`` finds each code of ``expected``, in German."""
    assert_german([d for d in check_project(root).diagnostics if d.code in expected], expected)


def test_charts_that_cannot_be_drawn(minimal):
    (minimal / "charts.yaml").write_text(
        "charts:\n"
        "  - {id: a, type: pie, title: Torte, alt: Eine Torte,\n"
        "     data: {categories: [a, b, c, d, e, f, g, h],"
        " series: [{name: x, values: [1, 2, 3, 4, 5, 6, 7, 8]}]}}\n"
        "  - {id: b, type: column, title: Säulen, alt: Säulen, view: gibtsnicht, category: x,"
        " series: [{column: y}]}\n"
        "  - {id: d, type: indicator, indicator: Q9, title: K, alt: K}\n"
        "  - {id: e, type: line, title: Falsch, alt: F,"
        " data: {categories: [a, b], series: [{name: x, values: [1]}]}}\n",
        encoding="utf-8",
    )
    _checked(minimal, {"CG103", "CG202", "CG307"})


DATA = """\
datasets:
  - id: bev
    file: data/bev.csv
    source: Testquelle
    columns:
      - {name: area}
      - {name: jahr, type: year}
      - {name: einwohner, type: integer}
      - {name: quote, type: number}
tables:
  - id: t
    title: Test
    view: bev
    columns: [{column: area}, {column: einwohner}]
"""
CSV = "area;jahr;einwohner;quote\nstadt;2023;12.345;1,5\nstadt;2024;12.400;2,25\n"


@pytest.mark.parametrize(
    ("data", "csv", "expected"),
    [
        (DATA, CSV.replace("12.345", "viel").replace("2,25", "2.25"), {"CG603"}),
        (DATA, CSV.replace("2024", "abcd"), {"CG603"}),
        (DATA, CSV + "stadt;2024;12.400;2,25\n", {"CG606"}),
        (DATA, "area;jahr;einwohner;quote\n", {"CG602"}),
        (
            DATA.replace("{name: einwohner, type: integer}", "{name: einwohnerzahl, type: integer}"),
            CSV,
            {"CG601"},
        ),
        (DATA.replace("{name: quote, type: number}", "{name: area}"), CSV, {"CG201"}),
        (DATA.replace("    view: bev", "    view: bevv"), CSV, {"CG202"}),
        (DATA.replace("    view: bev", "    view: bev\n    filter: {jahr: 1999}"), CSV, {"CG602"}),
        (DATA.replace("    view: bev", "    view: bev\n    filter: {jahr: kein}"), CSV, {"CG103"}),
        (
            DATA.replace("    source: Testquelle", "    source: Testquelle\n    area_column: area"),
            CSV.replace("stadt;2024", "dorf;2024"),
            {"CG202"},
        ),
        (
            DATA.replace("    source: Testquelle", "    source: Testquelle\n    area_column: gebiet"),
            CSV,
            {"CG601"},
        ),
    ],
    ids=[
        "values",
        "year",
        "repeated",
        "empty",
        "column",
        "twice",
        "view",
        "no-rows",
        "filter",
        "area",
        "area-column",
    ],
)
def test_a_bad_dataset(minimal, data, csv, expected):
    (minimal / "data").mkdir()
    (minimal / "data" / "bev.csv").write_text(csv, encoding="utf-8")
    (minimal / "data.yaml").write_text(data, encoding="utf-8")
    _checked(minimal, expected)


# --- GeoJSON (data/geojson.py, data/geometry.py) ------------------------------------------------------


def _luenen(tmp_path: Path) -> Path:
    from tests.data.test_geometry_robust import LUENEN

    target = tmp_path / "luenen"
    shutil.copytree(LUENEN, target, ignore=shutil.ignore_patterns("build"))
    return target


def _damaged(root: Path, damage) -> dict:
    import json

    path = root / "data" / "gebiet.geojson"
    data = json.loads(path.read_text(encoding="utf-8"))
    damage(data)
    path.write_text(json.dumps(data), encoding="utf-8")
    return data


def _utm(data: dict) -> None:
    from tests.data.test_geometry_robust import _to_utm

    data.update(_to_utm(data))


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        (lambda d: d["features"].__setitem__(1, "kein Objekt"), {"CG629"}),
        (lambda d: d["features"][1].__setitem__("properties", ["code"]), {"CG629"}),
        (lambda d: d["features"][1]["geometry"].__setitem__("coordinates", []), {"CG629"}),
        (lambda d: d["features"][1]["geometry"].__setitem__("coordinates", [[]]), {"CG629"}),
        (lambda d: d["features"][1]["geometry"].__setitem__("coordinates", [[[7.5, 5], [7]]]), {"CG629"}),
        (lambda d: d["features"][1]["geometry"].__setitem__("coordinates", [[["a", "b"]]]), {"CG629"}),
        (lambda d: d["features"][1]["geometry"]["coordinates"][0].__setitem__(1, [0, 0]), {"CG629"}),
        (lambda d: d["features"][1]["geometry"].__setitem__("type", "Point"), {"CG007"}),
        (lambda d: d["features"][1]["properties"].clear(), {"CG601"}),
        (lambda d: d.__setitem__("features", None), {"CG007"}),
        (lambda d: d.__setitem__("crs", {"type": "name", "properties": {"name": "EPSG:999999"}}), {"CG630"}),
        (_utm, {"CG630"}),
    ],
    ids=["object", "properties", "no-rings", "empty-ring", "short", "text", "zero", "point", "no-code",
         "no-features", "crs", "metres"],
)  # fmt: skip
def test_a_bad_geojson(tmp_path, damage, expected):
    root = _luenen(tmp_path)
    _damaged(root, damage)
    _checked(root, expected)


def test_geometry_and_areas_that_do_not_match(tmp_path):
    root = _luenen(tmp_path)

    def rename(data: dict) -> None:
        first, second = data["features"][0]["properties"], data["features"][1]["properties"]
        first["name"] = "Ganz woanders"  # CG611
        second["code"] = "999"  # CG614 for it, CG613 for the area it was

    _damaged(root, rename)
    _checked(root, {"CG611", "CG613", "CG614"})


# --- a survey (data/survey*.py, data/survey_dialects/) -------------------------------------------------


def _survey(tmp_path: Path) -> Path:
    target = tmp_path / "survey"
    shutil.copytree(FIXTURES / "survey", target)
    return target


Q6 = "{code: Q6, topic: person, short: Alter}"


def _answers(root: Path, old: str, new: str) -> None:
    path = root / "data" / "limesurvey_codes.csv"
    text = path.read_bytes().decode("utf-8-sig")
    assert old in text
    path.write_bytes(("\ufeff" + text.replace(old, new, 1)).encode("utf-8"))


def test_the_example_survey_reports_its_redactions_in_german(tmp_path):
    _checked(_survey(tmp_path), {"CG631"})


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        ("answers", '"A3"', '"A9"', {"CG620"}),
        ("answers", '"Q3[SQ002]"', '"Q3[SQ02]"', {"CG601"}),
        ("befragung.yaml", "{file: data/limesurvey_codes.csv, format: limesurvey, channel: online}",
         "{file: data/paper.xlsx, format: table}", {"CG622"}),
        ("befragung.yaml", Q6, "{code: Q6, topic: persn}", {"CG202"}),
        ("befragung.yaml", Q6, "{code: Q6, topic: person, filter: {Q9: [A1]}}", {"CG202"}),
        ("befragung.yaml", "{question: Q1, by: Q6}", "{question: Q3, by: Q4}", {"CG202"}),
        ("befragung.yaml", "{question: Q1, by: Q6}", "{question: Q9, by: Q3}", {"CG202"}),
        ("befragung.yaml", Q6, Q6 + "\n    - {code: Q7, text: Noch etwas?, type: single}", {"CG621"}),
        ("befragung.yaml", "format: limesurvey", "format: limesurvy", {"CG104"}),
        ("befragung.yaml", "structure: data/structure.txt", "structure: data/fehlt.txt", {"CG001"}),
    ],
    ids=["answer", "column", "unknown-column", "topic", "filter", "crosstab", "crosstab-question",
         "incomplete", "format", "structure"],
)  # fmt: skip
def test_a_bad_survey(tmp_path, file, old, new, expected):
    root = _survey(tmp_path)
    if file == "answers":
        _answers(root, old, new)
    else:
        replace_in(root / file, old, new)
    _checked(root, expected)


def test_a_limesurvey_file_with_a_document_type(tmp_path):
    from conceptgen.data.survey_dialects.limesurvey import _lss_text  # noqa: F401 (the reader exists)
    from conceptgen.pipeline import check_project as check

    root = _survey(tmp_path)
    lss = root / "data" / "structure.lss"
    text = lss.read_text(encoding="utf-8")
    lss.write_text(text.replace("?>", '?><!DOCTYPE x [<!ENTITY e "e">]>', 1), encoding="utf-8")
    replace_in(root / "befragung.yaml", "structure: data/structure.txt", "structure: data/structure.lss")
    assert_german([d for d in check(root).diagnostics if d.code == "CG603"], {"CG603"})


# --- a social space analysis (data/social.py, data/social_index.py, data/area_data.py) ------------------


def _social(tmp_path: Path) -> Path:
    target = tmp_path / "sozialraum"
    shutil.copytree(FIXTURES / "sozialraum", target)
    return target


SOZ, INV, Y2023 = "sozialraum.yaml", "inventory.yaml", "data/sozial_2023.csv"


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        (Y2023, "020;HAFEN", "021;HAFEN", {"CG610"}),
        (Y2023, "030;NORDMARKT", "030;NORDSTADT", {"CG611"}),
        (SOZ, "files: data/sozial_{year}.csv", "files: data/sozial.csv", {"CG615"}),
        (SOZ, "files: data/sozial_{year}.csv", "files: data/gibtsnicht_{year}.csv", {"CG615"}),
        (SOZ, "files: data/sozial_{year}.csv", "files: ../sozial_{year}.csv", {"CG010"}),
        (SOZ, "unit: Statistischer Bezirk", "unit: Ortsteil", {"CG104"}),
        (SOZ, "data: sozial, value: alo", "data: soziall, value: alo", {"CG202"}),
        (SOZ, "value: alo, base: erw", "value: alo, base: erwerb", {"CG601"}),
        (SOZ, "indicators: {sgb2: 1, alo: 1}", "indicators: {sgb2: 1, alx: 1}", {"CG202"}),  # the first index
        (SOZ, "indicators: {sgb2: 1, alo: 1}", "indicators: {sgb2: 1, jung: 1}", {"CG104"}),
        (SOZ, "population: einwohner", "population: bewohner", {"CG601"}),
        (SOZ, "min_population: 300", "min_population: 300000", {"CG616"}),
        (SOZ, "dynamic: 1", "dynamic: 5", {"CG615"}),
        (INV, 'code: "030", parent: sb0}', "parent: sb0}", {"CG105"}),
        (INV, 'code: "030", parent: sb0}', 'code: "020", parent: sb0}', {"CG201"}),
        (INV, 'code: "030", parent: sb0}', 'code: "030", parent: sb9}', {"CG202"}),
    ],
    ids=["code", "name", "no-year", "no-file", "outside", "unit", "data", "column", "index-indicator",
         "context", "population", "too-few", "dynamic", "no-code", "same-code", "parent"],
)  # fmt: skip
def test_a_bad_social_space(tmp_path, file, old, new, expected):
    root = _social(tmp_path)
    replace_in(root / file, old, new)
    _checked(root, expected)


def test_social_data_that_leave_areas_out(tmp_path):
    root = _social(tmp_path)
    path = root / Y2023
    text = path.read_text(encoding="utf-8")
    path.write_text("\n".join(line for line in text.splitlines() if not line.startswith("120;")) + "\n")
    _checked(root, {"CG612"})


# --- a returned Word file and a review list (review/), phrase placeholders (document/) ---------------


def test_a_review_list_with_answers_it_cannot_take(minimal, tmp_path):
    from openpyxl import Workbook

    from conceptgen.review.answers import read_answers

    concept = check_project(minimal).concept
    path = tmp_path / "liste.xlsx"
    book = Workbook()
    book.active.append(["ID", "Antwort", "Status"])
    book.active.append(["r-00000000", "Erledigt.", "beantwortet"])
    book.save(path)
    assert_german(read_answers(minimal, concept, path)[1], {"CG907"})
    book.active.delete_rows(1)
    book.save(path)
    with pytest.raises(DiagnosticError) as caught:
        read_answers(minimal, concept, path)
    assert_german(caught.value.diagnostics, {"CG907"})


@pytest.mark.parametrize("content", [None, b"Dies ist kein Word-Dokument", b"PK\x03\x04kaputt"])
def test_a_returned_file_that_is_no_word_document(tmp_path, content):
    from conceptgen.review.returned import open_returned

    path = tmp_path / "zurueck.docx"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(DiagnosticError) as caught:
        open_returned(path)
    assert_german(caught.value.diagnostics, {"CG900"})


@pytest.mark.parametrize(
    "placeholder",
    [
        "[[trend:K9]]",
        "[[trend:K1:2:3]]",
        "[[compare:K1]]",
        "[[compare:K1:viel]]",
        "[[class:status:city]]",
        "[[classes:status:city,hafen]]",
    ],
)
def test_a_phrase_placeholder_the_data_cannot_fill(minimal, placeholder):
    (minimal / "text" / "rahmen.md").write_text(f"Die Quote {placeholder}.\n", encoding="utf-8")
    _checked(minimal, {"CG343"})


# --- the concept types' checks: conventions and financing (rules/concept_types.py, model/financing.py) --


def _example(tmp_path: Path, name: str) -> Path:
    from tests.conftest import ROOT

    target = tmp_path / name
    shutil.copytree(ROOT / "projects" / name, target, ignore=shutil.ignore_patterns("build"))
    return target


def test_articles_the_convention_does_not_have(tmp_path):
    root = _example(tmp_path, "bottrop-gewaltschutz")
    replace_in(root / "konvention.yaml", "    - article: 8", "    - article: 7")  # assessed twice: CG201
    replace_in(root / "konvention.yaml", "    - article: 9\n", "    - article: 99\n")  # CG703
    _checked(root, {"CG201", "CG703"})
    (root / "konvention.yaml").unlink()
    _checked(root, {"CG703"})


def test_a_financing_plan_that_does_not_add_up(tmp_path):
    root = _example(tmp_path, "luenen")
    costs = "2020: 25000, 2021: 25000}\n"
    replace_in(root / "finanzierung.yaml", costs, costs + "      sources: {grant: 80000, own: 40000}\n")
    replace_in(root / "finanzierung.yaml", "      third_parties: 100000\n", "      third_parties: 2000000\n")
    replace_in(root / "finanzierung.yaml", "{2018: 150000, 2019: 620000,", "{2018: 150000, 2019: 630000,")
    _checked(root, {"CG701", "CG702"})


def _neuss(tmp_path: Path) -> Path:
    return _example(tmp_path, "neuss")


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("over: jahr, base: 2022}", "over: jahr, base: 1999}", {"CG604"}),
        (
            "      - {dataset: kreis_bevoelkerung, on: [jahr]}",
            "      - {dataset: bevoelkerung, on: [jahr]}",
            {"CG607"},
        ),
    ],
    ids=["base-year", "join"],
)
def test_a_view_that_cannot_be_computed(tmp_path, old, new, expected):
    root = _neuss(tmp_path)
    replace_in(root / "data.yaml", old, new)
    _checked(root, expected)


def test_survey_formats_that_cannot_be_told(tmp_path):
    root = _survey(tmp_path)
    line = "{file: data/limesurvey_codes.csv, format: limesurvey, channel: online}"
    replace_in(root / "befragung.yaml", line, "{file: data/paper.xlsx}")
    _checked(root, {"CG540"})
    root = _survey(tmp_path / "b")
    shutil.copy(root / "data" / "paper.xlsx", root / "data" / "struktur.xlsx")
    replace_in(root / "befragung.yaml", "structure: data/structure.txt", "structure: data/struktur.xlsx")
    _checked(root, {"CG541"})
    root = _survey(tmp_path / "c")
    (root / "data" / "befragung.sav").write_bytes(b"kein SPSS")
    replace_in(root / "befragung.yaml", line, "{file: data/befragung.sav, format: spss}")
    _checked(root, {"CG542"})


def test_a_client_file_that_is_a_bomb_or_no_word_file(tmp_path):
    import zipfile

    from conceptgen.design import build_template
    from conceptgen.workspace import BUILTIN_TEMPLATES
    from tests.test_design import bomb

    base = BUILTIN_TEMPLATES / "konzept"
    with pytest.raises(DiagnosticError) as caught:
        build_template("a", bomb(tmp_path / "bombe.docx"), tmp_path / "a", base)
    assert_german(caught.value.diagnostics, {"CG608"})
    with zipfile.ZipFile(tmp_path / "leer.docx", "w") as package:
        package.writestr("x.txt", "kein Word")
    with pytest.raises(DiagnosticError) as caught:
        build_template("b", tmp_path / "leer.docx", tmp_path / "b", base)
    assert [d.code for d in caught.value.diagnostics] == ["CG403"]
    assert caught.value.diagnostics[0].message.startswith("das Dokument des Kunden ist nicht lesbar: ")
