"""Verification of a rendered package before it is written."""

from __future__ import annotations

import io
import zipfile

from conceptgen.ooxml.package import normalize, verify
from conceptgen.pipeline import render_project


def rebuild(blob: bytes, change) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(blob))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            data = change(name, source.read(name))
            if data is not None:
                target.writestr(name, data)
    return out.getvalue()


def rendered(minimal, tmp_path) -> bytes:
    return render_project(minimal, tmp_path / "out", libreoffice=False).outputs[0].read_bytes()


def test_sound_document_verifies(minimal, tmp_path):
    assert verify(rendered(minimal, tmp_path)) == []


def test_not_a_zip():
    assert verify(b"nope")[0].startswith("not a zip")


def test_broken_xml_missing_part_and_leftover_tag(minimal, tmp_path):
    blob = rendered(minimal, tmp_path)

    def break_xml(name, data):
        return data[:-20] if name == "word/styles.xml" else data

    assert any("not well-formed" in p for p in verify(rebuild(blob, break_xml)))

    def drop_styles(name, data):
        return None if name == "word/styles.xml" else data

    assert any("missing part word/styles.xml" in p for p in verify(rebuild(blob, drop_styles)))

    def leave_tag(name, data):
        if name == "word/document.xml":
            return data.replace(b"Testkonzept", b"{{ project.title }}", 1)
        return data

    assert any("template tag left" in p for p in verify(rebuild(blob, leave_tag)))


def test_normalize_is_idempotent(minimal, tmp_path):
    blob = rendered(minimal, tmp_path)
    assert normalize(blob) == blob
