"""The block contact_list, added as one module (conceptgen/blocks/contact_list.py): the registry picks it
up everywhere — `check` resolves it and its label, the JSON Schema offers it with its parameters,
docs/blocks.md and `conceptgen blocks` list it, `render` draws it from its own look in a template that has
no snippet for it — and no telephone number or e-mail address reaches the document unless the outline
marks the organisation as a public business contact."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from docx import Document

from conceptgen.blocks import registry
from conceptgen.model.schemas import file_schema
from conceptgen.pipeline import check_project, render_project
from tests.conftest import ROOT

PARTICIPATION = """\
working_group:
  name: Arbeitskreis Wohnen
  members:
    - {organisation: "Stadt Beispiel, Sozialamt", role: Geschäftsführung}
    - {organisation: Diakonie Beispiel, role: "Beratungsstelle, Tel. 0211 123456"}
    - {organisation: Mieterverein, role: "Ansprechperson: anna.muster@example.org"}
networks:
  - id: rt
    name: Runder Tisch Wohnen
    lead: "Stadt Beispiel, Sozialamt"
    members: [Diakonie Beispiel, Jobcenter Beispiel]
interviews:
  count: 4
  groups: [Fachkräfte der Beratungsstellen]
"""
OUTLINE = """\
documents:
  - output: kontakte.docx
    outline:
      - chapter: Beteiligte
        content:
          - text: beteiligte
          - block: contact_list
"""


@pytest.fixture
def project(minimal: Path) -> Path:
    (minimal / "participation.yaml").write_text(PARTICIPATION, encoding="utf-8")
    text = (minimal / "project.yaml").read_text(encoding="utf-8").split("documents:")[0]
    (minimal / "project.yaml").write_text(text + OUTLINE, encoding="utf-8")
    (minimal / "text" / "beteiligte.md").write_text(
        "Wer mitgewirkt hat, zeigt @tab:kontakte.\n", encoding="utf-8"
    )
    return minimal


def rows(path: Path) -> list[list[str]]:
    table = Document(str(path)).tables[0]
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_the_registry_has_it_and_the_lists_show_it(cli):
    block = registry()["contact_list"]
    assert block.group == "participation" and "tab:kontakte" in block.docs
    assert "contact_list:" in cli("blocks").stdout
    assert "### contact_list" in cli("blocks", "--markdown").stdout
    assert "### contact_list" in (ROOT / "docs" / "blocks.md").read_text(encoding="utf-8")
    schema = json.loads(cli("schema", "project.yaml").stdout)
    variant = next(v for v in schema["$defs"]["BlockItem"]["anyOf"] if v["title"] == "contact_list")
    assert set(variant["properties"]) == {"block", "networks", "interviews", "public"}
    assert variant == next(
        v
        for v in file_schema("outlines.yaml", registry().values())["$defs"]["BlockItem"]["anyOf"]
        if v["title"] == "contact_list"
    )


def test_check_resolves_it_its_label_and_says_where_personal_data_are_left_out(project):
    result = check_project(project)
    assert result.ok, [d.format() for d in result.diagnostics]
    outline = result.outlines[0]
    assert [n.block for n in outline.nodes if n.kind == "block"] == ["contact_list"]
    assert outline.labels["tab:kontakte"] == "1"  # @tab:kontakte in the text resolves (no CG110)
    personal = [d for d in result.diagnostics if d.code == "CG142"]
    assert [(Path(d.location.file).name, d.location.line) for d in personal] == [
        ("participation.yaml", 5),
        ("participation.yaml", 6),
    ]
    assert "Diakonie Beispiel" in personal[0].message and "public:" in personal[0].hint


def test_render_draws_it_from_its_own_look_without_personal_data(project):
    assert "contact_list" not in (ROOT / "templates" / "konzept" / "template.docx").read_bytes().decode(
        "latin-1"
    )  # the template has no snippet for it: the block's own look
    result = render_project(project, libreoffice=False)
    table = rows(result.outputs[0])
    assert table[0] == ["Institution", "Rolle", "Beteiligt in"]
    by_name = {row[0]: row for row in table[1:]}
    assert by_name["Stadt Beispiel, Sozialamt"][2] == "Arbeitskreis Wohnen; Runder Tisch Wohnen"
    assert by_name["Diakonie Beispiel"][1] == "Beratungsstelle, Tel. [Telefonnummer entfernt]"
    assert "example.org" not in by_name["Mieterverein"][1]
    assert by_name["Jobcenter Beispiel"][1:] == ["Mitglied", "Runder Tisch Wohnen"]
    assert by_name["Fachkräfte der Beratungsstellen"][2] == "Interviews"
    text = "\n".join(p.text for p in Document(str(result.outputs[0])).paragraphs)
    assert "Wer mitgewirkt hat, zeigt Tabelle\u00a01." in text  # the reference found its label
    assert "Tabelle\u00a01: Beteiligte Institutionen" in text


def test_a_public_business_contact_is_printed(project):
    outline = (project / "project.yaml").read_text(encoding="utf-8")
    outline = outline.replace(
        "- block: contact_list", "- block: contact_list\n            public: [Diakonie Beispiel]"
    )
    (project / "project.yaml").write_text(outline, encoding="utf-8")
    result = check_project(project)
    assert [d.message for d in result.diagnostics if d.code == "CG142"] == [
        d.message for d in result.diagnostics if d.code == "CG142" and "Mieterverein" in d.message
    ]
    table = rows(render_project(project, libreoffice=False).outputs[0])
    assert [
        "Diakonie Beispiel",
        "Beratungsstelle, Tel. 0211 123456",
        "Arbeitskreis Wohnen; Runder Tisch Wohnen",
    ] in table


def test_an_english_document_gets_its_english_words(project):
    meta = (project / "project.yaml").read_text(encoding="utf-8")
    (project / "project.yaml").write_text(
        meta.replace("documents:", "locale: en\ndocuments:"), encoding="utf-8"
    )
    table = rows(render_project(project, libreoffice=False).outputs[0])
    assert table[0] == ["Organisation", "Role", "Involved in"]
    assert ["Jobcenter Beispiel", "Member", "Runder Tisch Wohnen"] in table
