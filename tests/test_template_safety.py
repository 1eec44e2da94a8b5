"""A client's Word document is untrusted (issue 25, item 8): a DTD, an external entity or an entity bomb,
external and dangling pictures, INCLUDEPICTURE and DDEAUTO fields, a broken logo, the colour ZZZZZZ, a
template name with `/`, a basedOn chain of 4,000 styles. `template new --from` strips what can be removed
(and says so) or refuses with the part it found it in, never exit 3; what it writes passes the OOXML
validator; `check` applies the same rules to a project's own template."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest

from conceptgen.design import build_template
from conceptgen.diagnostics import DiagnosticError
from conceptgen.pipeline import check_project
from conceptgen.workspace import BUILTIN_TEMPLATES
from tests.conftest import FIXTURES, NEUSS
from tests.ooxml.validator import validate

CLIENT = FIXTURES / "clients" / "kreis-de.docx"
BASE = BUILTIN_TEMPLATES / "konzept"


def edited(source: Path, target: Path, edits: dict[str, object]) -> Path:
    """A copy of the package ``source`` with parts replaced (bytes), edited (a function of the text) or
    added."""
    with zipfile.ZipFile(source) as package:
        parts = {info.filename: package.read(info.filename) for info in package.infolist()}
    for name, edit in edits.items():
        if callable(edit):
            parts[name] = edit(parts[name].decode("utf-8")).encode("utf-8")
        else:
            parts[name] = edit
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return target


def with_doctype(declaration: str):
    def edit(text: str) -> str:
        head, rest = text.split("?>", 1)
        return f"{head}?>{declaration}{rest}"

    return edit


BOMB = (
    '<!DOCTYPE a:theme [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
)


@pytest.mark.parametrize(
    "declaration",
    [
        '<!DOCTYPE a:theme [<!ENTITY x "y">]>',
        BOMB,
        '<!DOCTYPE a:theme [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
    ],
    ids=["dtd", "entity-bomb", "xxe"],
)
def test_a_dtd_in_the_theme_is_refused_with_its_part(tmp_path, cli, declaration):
    client = edited(CLIENT, tmp_path / "kunde.docx", {"word/theme/theme1.xml": with_doctype(declaration)})
    result = cli("template", "new", "kunde", "--from", client, "--project", tmp_path)
    assert result.exit_code == 1, result.output
    assert "kunde.docx:word/theme/theme1.xml: CG414" in result.output
    assert not (tmp_path / "templates" / "kunde").exists()


def _header_edit(rels: str | None = None, xml=None) -> dict[str, object]:
    edits: dict[str, object] = {}
    if rels is not None:
        edits["word/_rels/header1.xml.rels"] = rels.encode()
    if xml is not None:
        edits["word/header1.xml"] = xml
    return edits


REL = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" '
    'Target="{target}"{mode}/></Relationships>'
)


@pytest.mark.parametrize(
    "rels",
    [
        REL.format(target="http://example.com/logo.png", mode=' TargetMode="External"'),
        REL.format(target="media/fehlt.png", mode=""),
    ],
    ids=["external", "dangling"],
)
def test_an_external_or_dangling_logo_is_stripped_and_said(tmp_path, rels):
    client = edited(CLIENT, tmp_path / "kunde.docx", _header_edit(rels))
    report = build_template("kunde", client, tmp_path / "kunde", BASE)
    assert any("ein Bild" in w for w in report.warnings), report.warnings
    template = tmp_path / "kunde" / "template.docx"
    assert validate(template.read_bytes()) == []
    with zipfile.ZipFile(template) as package:
        for name in package.namelist():
            if name.endswith(".rels"):
                text = package.read(name).decode()
                assert "External" not in text and "fehlt.png" not in text


FIELD = (
    '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
    '<w:r><w:instrText xml:space="preserve"> {code} </w:instrText></w:r>'
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>Ergebnis</w:t></w:r>'
    '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
)


@pytest.mark.parametrize(
    "code",
    [
        'INCLUDEPICTURE "http://example.com/x.png" \\d',
        'DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe "/k calc"',
    ],
    ids=["includepicture", "ddeauto"],
)
def test_active_fields_in_the_header_are_stripped_and_said(tmp_path, code):
    def add_field(text: str) -> str:
        return text.replace("</w:hdr>", FIELD.format(code=code) + "</w:hdr>")

    client = edited(CLIENT, tmp_path / "kunde.docx", _header_edit(xml=add_field))
    report = build_template("kunde", client, tmp_path / "kunde", BASE)
    assert any(code.split()[0] in w for w in report.warnings), report.warnings
    with zipfile.ZipFile(tmp_path / "kunde" / "template.docx") as package:
        headers = " ".join(package.read(n).decode() for n in package.namelist() if "header" in n)
    assert code.split()[0] not in headers and "Ergebnis" not in headers


def test_a_broken_logo_is_refused_with_its_part(tmp_path, cli):
    client = edited(CLIENT, tmp_path / "kunde.docx", {"word/media/image1.png": b"\x89PNG kaputt"})
    result = cli("template", "new", "kunde", "--from", client, "--project", tmp_path)
    assert result.exit_code == 1 and "word/header1.xml: CG417" in result.output, result.output
    assert "word/media/image1.png" in result.output


def test_a_colour_zzzzzz_is_refused_with_its_style(tmp_path, cli):
    def recolour(text: str) -> str:
        found = re.search(r'<w:color w:val="[0-9A-F]{6}"', text)
        assert found
        return text.replace(found.group(0), '<w:color w:val="ZZZZZZ"', 1)

    client = edited(CLIENT, tmp_path / "kunde.docx", {"word/styles.xml": recolour})
    result = cli("template", "new", "kunde", "--from", client, "--project", tmp_path)
    assert result.exit_code == 1 and "word/styles.xml: CG418" in result.output, result.output
    assert "ZZZZZZ" in result.output and "Formatvorlage" in result.output


@pytest.mark.parametrize("name", ["a/b", "../raus", "..", "kreis\\design", ""])
def test_a_template_name_that_is_no_folder_name_is_refused(tmp_path, cli, name):
    result = cli("template", "new", name, "--from", CLIENT, "--project", tmp_path / "p")
    assert result.exit_code == 1 and "CG103" in result.output, result.output
    assert not (tmp_path / "raus").exists() and not (tmp_path / "p").exists()


def _chain(levels: int):
    def edit(text: str) -> str:
        styles = "".join(
            f'<w:style w:type="paragraph" w:styleId="Kette{i}"><w:name w:val="Kette {i}"/>'
            f'<w:basedOn w:val="{"Kette" + str(i - 1) if i else "Standard"}"/></w:style>'
            for i in range(levels)
        )
        return text.replace("</w:styles>", styles + "</w:styles>")

    return edit


def test_a_style_chain_beyond_the_limit_is_refused(tmp_path, cli):
    client = edited(CLIENT, tmp_path / "kunde.docx", {"word/styles.xml": _chain(4000)})
    result = cli("template", "new", "kunde", "--from", client, "--project", tmp_path)
    assert result.exit_code == 1 and "word/styles.xml: CG419" in result.output, result.output
    assert "4,000" in result.output or "4.000" in result.output


def test_style_depths_are_found_in_one_pass():
    """Every style's depth with each style visited once (the old lookup scanned all styles per step)."""
    from lxml import etree

    from conceptgen.ooxml.safety import style_depths

    count = 4000
    xml = (
        "".join(
            f'<w:style w:styleId="S{i}">' + (f'<w:basedOn w:val="S{i - 1}"/>' if i else "") + "</w:style>"
            for i in reversed(range(count))
        )
        + '<w:style w:styleId="L1"><w:basedOn w:val="L2"/></w:style>'
        + '<w:style w:styleId="L2"><w:basedOn w:val="L1"/></w:style>'
    )
    root = etree.fromstring(
        f'<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">{xml}</w:styles>'
    )
    depths = style_depths(root)
    assert depths["S0"] == 0 and depths[f"S{count - 1}"] == count - 1
    assert {depths["L1"], depths["L2"]} == {0, 1}  # a loop ends where it closes


def test_check_applies_the_rules_to_a_project_template(tmp_path):
    project = tmp_path / "neuss"
    shutil.copytree(NEUSS, project, ignore=shutil.ignore_patterns("build"))
    folder = project / "templates" / "kunde"
    build_template("kunde", CLIENT, folder, BASE)
    text = (project / "project.yaml").read_text(encoding="utf-8")
    (project / "project.yaml").write_text(
        text.replace("template: konzept", "template: kunde", 1), encoding="utf-8"
    )
    template = folder / "template.docx"
    original = template.read_bytes()
    edited(
        template,
        template,
        {
            "word/theme/theme1.xml": with_doctype('<!DOCTYPE a:theme [<!ENTITY x "y">]>'),
            "word/header1.xml": lambda t: t.replace(
                "</w:hdr>", FIELD.format(code='INCLUDEPICTURE "http://example.com/x.png"') + "</w:hdr>"
            ),
        },
    )
    assert template.read_bytes() != original
    found = {d.code: d.format() for d in check_project(project).diagnostics}
    assert "CG414" in found and "template.docx:word/theme/theme1.xml" in found["CG414"]
    assert "CG416" in found and "INCLUDEPICTURE" in found["CG416"]
    with pytest.raises(DiagnosticError):
        from conceptgen.pipeline import render_project

        render_project(project, tmp_path / "out", libreoffice=False)
