"""What a render leaves behind (issue 25, item 13): ``--force`` meeting a folder where an output goes
moved that folder aside as a hidden ``.previous`` that blocked every later render; an empty lock file
stayed in the output folder; a killed LibreOffice left its ``lu*.tmp`` folders in the system's temporary
folder."""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from pathlib import Path

import pytest

from conceptgen.render import libreoffice
from conceptgen.write import write_outputs


def _hidden(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".") and p.name != ".cache")


@pytest.mark.parametrize("force", [False, True])
def test_a_folder_where_an_output_goes_is_refused_and_kept(minimal, cli, force):
    taken = minimal / "build" / "test.docx"
    taken.mkdir(parents=True)
    (taken / "notizen.txt").write_text("meine Notizen", encoding="utf-8")
    result = cli("render", minimal, "--no-libreoffice", *(["--force"] if force else []))
    assert result.exit_code == 1, result.output
    assert "CG501" in result.output and "Ordner" in result.output
    assert (taken / "notizen.txt").read_text(encoding="utf-8") == "meine Notizen"
    assert not any(".previous" in name for name in _hidden(minimal / "build"))


@pytest.mark.parametrize("kind", ["folder", "file"])
def test_a_previous_left_by_an_older_render_does_not_block(minimal, cli, kind):
    assert cli("render", minimal, "--no-libreoffice").exit_code == 0
    left = minimal / "build" / ".test.docx.previous"
    if kind == "folder":
        left.mkdir()
        (left / "x").write_bytes(b"x")
    else:
        left.write_bytes(b"old")
    (minimal / "text" / "einleitung.md").write_text("Neu geschrieben.\n", encoding="utf-8")
    for _ in range(2):
        result = cli("render", minimal, "--no-libreoffice")
        assert result.exit_code == 0, result.output


def test_no_lock_file_is_left_in_the_output_folder(minimal, cli, tmp_path):
    assert cli("render", minimal, "--no-libreoffice").exit_code == 0
    assert not [p.name for p in (minimal / "build").iterdir() if "lock" in p.name]
    out = tmp_path / "out"
    write_outputs({out / "a.docx": b"1", out / "b.pdf": b"2"})
    assert sorted(p.name for p in out.iterdir()) == [".conceptgen-manifest.json", "a.docx", "b.pdf"]


@pytest.mark.skipif(sys.platform == "win32", reason="a shell script stands in for LibreOffice")
def test_a_killed_libreoffice_leaves_no_temporary_folders(tmp_path, monkeypatch):
    """The stand-in does what a LibreOffice killed mid-conversion does: it makes its ``lu….tmp`` folder in
    the temporary folder it is given and dies without removing it."""
    system_temp = tmp_path / "tmp"
    system_temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(system_temp))
    monkeypatch.setattr(tempfile, "tempdir", str(system_temp))
    fake = tmp_path / "soffice"
    fake.write_text(
        '#!/bin/sh\nmkdir -p "${TMPDIR:-/tmp}/lu$$abc.tmp"\n'
        'echo x > "${TMPDIR:-/tmp}/lu$$abc.tmp/f"\nkill -9 $$\n',
        encoding="utf-8",
    )
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("CONCEPTGEN_SOFFICE", str(fake))
    results = libreoffice.to_pdf_many([b"PK not really a docx"], bookmarks=False)
    assert isinstance(results[0], libreoffice.LibreOfficeError)
    assert list(system_temp.rglob("lu*.tmp")) == []
    assert os.listdir(system_temp) == []
