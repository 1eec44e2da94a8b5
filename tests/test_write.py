"""Outputs: atomic, deterministic, never over hand edits, safe under concurrent renders."""

from __future__ import annotations

import hashlib
import io
import json
import multiprocessing
import zipfile

import pytest
from docx import Document

from conceptgen.diagnostics import DiagnosticError
from conceptgen.pipeline import render_project
from conceptgen.write import MANIFEST, write_outputs
from tests.conftest import replace_in


def test_same_input_gives_identical_bytes(minimal, tmp_path):
    first = render_project(minimal, tmp_path / "a", libreoffice=False).outputs[0].read_bytes()
    second = render_project(minimal, tmp_path / "b", libreoffice=False).outputs[0].read_bytes()
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        assert {info.date_time for info in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_neuss_is_deterministic(neuss_copy, tmp_path):
    a = render_project(neuss_copy, tmp_path / "a").outputs[0].read_bytes()
    b = render_project(neuss_copy, tmp_path / "b").outputs[0].read_bytes()
    assert hashlib.sha256(a).digest() == hashlib.sha256(b).digest()


def test_core_properties_dated_by_project(minimal, tmp_path):
    [path] = render_project(minimal, tmp_path / "out", libreoffice=False).outputs
    props = Document(str(path)).core_properties
    assert props.created.date().isoformat() == "2024-05-02" == props.modified.date().isoformat()


def test_manifest_records_hash(minimal, tmp_path):
    out = tmp_path / "out"
    [path] = render_project(minimal, out, libreoffice=False).outputs
    manifest = json.loads((out / MANIFEST).read_text())
    assert manifest == {"test.docx": hashlib.sha256(path.read_bytes()).hexdigest()}


def test_rerender_over_own_output_is_fine(minimal, tmp_path):
    out = tmp_path / "out"
    render_project(minimal, out, libreoffice=False)
    replace_in(minimal / "project.yaml", "title: Testkonzept", "title: Neuer Titel")
    [path] = render_project(minimal, out, libreoffice=False).outputs
    assert "Neuer Titel" in [p.text for p in Document(str(path)).paragraphs]


def test_hand_edited_output_is_not_overwritten(minimal, tmp_path, cli):
    out = tmp_path / "out"
    [path] = render_project(minimal, out, libreoffice=False).outputs
    doc = Document(str(path))
    doc.add_paragraph("Handschriftliche Ergänzung der Beraterin")
    doc.save(str(path))
    edited = path.read_bytes()
    result = cli("render", minimal, "-o", out, "--no-libreoffice")
    assert result.exit_code == 1
    assert "CG502" in result.output and "--force" in result.output
    assert path.read_bytes() == edited
    forced = cli("render", minimal, "-o", out, "--force", "--no-libreoffice")
    assert forced.exit_code == 0
    assert path.read_bytes() != edited


def test_foreign_file_is_not_overwritten(minimal, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "test.docx").write_bytes(b"someone else's file")
    with pytest.raises(DiagnosticError) as exc:
        render_project(minimal, out, libreoffice=False)
    assert [d.code for d in exc.value.diagnostics] == ["CG502"]
    assert "nicht von conceptgen geschrieben" in exc.value.diagnostics[0].message


def test_failed_write_leaves_nothing(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(DiagnosticError) as exc:
        write_outputs({blocker / "sub" / "a.docx": b"1"})
    assert exc.value.diagnostics[0].code == "CG501"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]


def _render_in_process(args):
    project, out = args
    from conceptgen.pipeline import render_project as render

    return render(project, out, libreoffice=False).outputs[0].read_bytes()


def test_concurrent_renders_do_not_corrupt(neuss_copy, tmp_path):
    out = tmp_path / "out"
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        results = pool.map(_render_in_process, [(neuss_copy, out)] * 4)
    final = (out / "Wohnungsnotfallkonzept-Rhein-Kreis-Neuss.docx").read_bytes()
    assert (out / "Angebots-und-Bedarfsanalyse-Rhein-Kreis-Neuss.docx").is_file()
    assert all(r == final for r in results)
    Document(io.BytesIO(final))  # opens
    assert not list(out.glob("*.tmp"))
    manifest = json.loads((out / MANIFEST).read_text())
    assert manifest["Wohnungsnotfallkonzept-Rhein-Kreis-Neuss.docx"] == hashlib.sha256(final).hexdigest()


def test_parallel_and_sequential_rendering_agree(neuss_copy, tmp_path, monkeypatch):
    parallel = render_project(neuss_copy, tmp_path / "p", libreoffice=False).outputs
    monkeypatch.setenv("CONCEPTGEN_WORKERS", "1")
    sequential = render_project(neuss_copy, tmp_path / "s", libreoffice=False).outputs
    assert [p.name for p in parallel] == [p.name for p in sequential]
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(parallel, sequential, strict=True))
