"""The bad-input corpus (tests/bad_inputs/): every case is a located error, exit 1, nothing written.

Each case folder holds ``case.yaml`` (expected code, file name, line; files to remove) and a ``project/``
overlay that is copied over tests/fixtures/minimal. A line of 0 means the diagnostic names the file
without a line (a folder, a Word template).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from conceptgen.cli import INTERNAL_ERROR
from tests.conftest import FIXTURES

CORPUS = Path(__file__).resolve().parent / "bad_inputs"
CASES = sorted(p.name for p in CORPUS.iterdir() if (p / "case.yaml").is_file())
LINE = re.compile(
    r"^(?P<file>\S+?)(?::(?P<line>\d+):(?P<col>\d+))?: (?P<code>CG\d{3}) (?P<level>Fehler|Warnung): ", re.M
)


def test_corpus_is_large_enough():
    assert len(CASES) >= 60
    codes = {yaml.safe_load((CORPUS / c / "case.yaml").read_text(encoding="utf-8"))["code"] for c in CASES}
    assert len(codes) >= 25


# Cases whose message still holds English (a library's own words): to be emptied (issue 25 item 17).
ENGLISH_NOT_YET = {"survey-structure-not-xml"}  # expat's „syntax error: line 1, column 0“ (data/, msgs-b)


def _english(line: str) -> list[str]:
    """English words in a printed line's message and hint (its key path in brackets, the level word and a
    list of allowed values left out): the scan of tests/test_messages_german.py, at runtime."""
    from tests.test_messages_german import english

    text = LINE.sub("", line, count=1).split(" — erlaubt:", 1)[0]
    return english(re.sub(r" \[\S*\](?= —|$)", " ", text))


def build(case: str, tmp_path: Path) -> tuple[Path, dict]:
    meta = yaml.safe_load((CORPUS / case / "case.yaml").read_text(encoding="utf-8"))
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "minimal", project)
    for rel in meta.get("remove", []):
        (project / rel).unlink()
    overlay = CORPUS / case / "project"
    if overlay.is_dir():
        for path in overlay.rglob("*"):
            target = project / path.relative_to(overlay)
            if path.is_symlink() and target.is_file():
                target.unlink()  # a link in the overlay replaces the fixture's file
        shutil.copytree(overlay, project, dirs_exist_ok=True, symlinks=True)
    return project, meta


@pytest.mark.parametrize("case", CASES)
def test_case(case, tmp_path, cli):
    project, meta = build(case, tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    (out / "test.docx").write_bytes(b"previous output")
    commands = [("check", project), ("render", project, "-o", out)]
    for command in commands:
        result = cli(*command)
        assert result.exit_code == 1, f"{case}: exit {result.exit_code}\n{result.output}"
        assert "Traceback" not in result.output and INTERNAL_ERROR not in result.output
        found = [
            (m.group("code"), Path(m.group("file")).name, int(m.group("line") or 0))
            for m in LINE.finditer(result.output)
            if m.group("level") == "Fehler"
        ]
        english = [(_english(line), line) for line in result.output.splitlines() if _english(line)]
        assert english == [] or case in ENGLISH_NOT_YET, f"{case}: an English message (issue 25 item 17)"
        expected = (meta["code"], meta["file"], meta["line"])
        if meta["line"]:
            assert expected in found, f"{case}: {meta['description']}\n{result.output}"
        else:
            assert expected[:2] in [f[:2] for f in found], f"{case}: {meta['description']}\n{result.output}"
    assert (out / "test.docx").read_bytes() == b"previous output"
    assert sorted(p.name for p in out.iterdir()) == ["test.docx"]


def test_a_clean_check_means_render_succeeds(tmp_path):
    """check knows everything render knows: no case of the corpus gets past check to fail in render, and
    a case that check passed would have to render."""
    from conceptgen.pipeline import check_project, render_project

    for case in CASES:
        project, meta = build(case, tmp_path / case)
        assert "stage" not in meta, f"{case}: found only when rendering"
        if check_project(project).ok:
            render_project(project, tmp_path / case / "out", libreoffice=False)
