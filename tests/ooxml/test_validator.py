"""The validator the suite relies on finds what Word would repair (so that its silence means something)."""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from conceptgen.pipeline import render_project
from tests.ooxml.validator import validate


@pytest.fixture(scope="module")
def sound(tmp_path_factory):
    import shutil

    from tests.conftest import FIXTURES

    project = tmp_path_factory.mktemp("p") / "minimal"
    shutil.copytree(FIXTURES / "minimal", project)
    (project / "charts.yaml").write_text(
        "charts:\n"
        + "".join(
            f"  - {{id: {c}, type: bar, title: T, alt: A, data: {{categories: [a, b],"
            " series: [{name: s, values: [1, 2]}]}}\n"
            for c in "cd"
        ),
        encoding="utf-8",
    )
    (project / "text" / "rahmen.md").write_text(
        "Text[^1] mit Fußnote.\n\n[[chart:c]]\n[[chart:d]]\n\n[^1]: Notiz.\n"
    )
    [path] = render_project(project, project / "out", libreoffice=False).outputs
    return path.read_bytes()


def rewrite(blob: bytes, part: str, change) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(blob))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            target.writestr(info, change(data.decode()).encode() if info.filename == part else data)
    return out.getvalue()


def test_the_rendered_document_is_sound(sound):
    assert validate(sound) == []


@pytest.mark.parametrize(
    ("part", "change", "expected"),
    [
        (
            "word/charts/chart1.xml",
            lambda x: x.replace("</c:chartSpace>", "<c:txPr/></c:chartSpace>"),
            "txPr",
        ),
        (
            "word/charts/chart1.xml",
            lambda x: re.sub(r'axId val="\d+"', 'axId val="-5"', x, count=1),
            "unsignedInt",
        ),
        ("word/settings.xml", lambda x: x.replace(' w:percent="100"', ""), "percent"),
        (
            "word/document.xml",
            lambda x: re.sub(r'docPr id="\d+"', 'docPr id="7"', x),
            "drawing id 7 used twice",
        ),
        (
            "word/document.xml",
            lambda x: re.sub(r"<w:bookmarkEnd [^>]*/>", "", x, count=1),
            "unpaired bookmarks",
        ),
        ("word/document.xml", lambda x: x.replace('w:fldCharType="end"/>', "/>", 1), "fldCharType"),
        (
            "word/document.xml",
            lambda x: re.sub(r'w:pStyle w:val="[^"]+"', 'w:pStyle w:val="Gibtsnicht"', x, count=1),
            "no style",
        ),
        (
            "word/document.xml",
            lambda x: re.sub(r'w:footnoteReference w:id="\d+"', 'w:footnoteReference w:id="99"', x),
            "footnote 99",
        ),
        (
            "word/_rels/document.xml.rels",
            lambda x: re.sub(r'Target="charts/chart1.xml"', 'Target="charts/x.xml"', x),
            "missing",
        ),
        (
            "word/document.xml",
            lambda x: x.replace("<w:body>", "<w:body><w:p><w:unknown/></w:p>", 1),
            "unknown",
        ),
    ],
)
def test_each_kind_of_damage_is_found(sound, part, change, expected):
    problems = validate(rewrite(sound, part, change))
    assert any(expected in p for p in problems), problems
