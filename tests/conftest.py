"""Shared fixtures: copies of the fixture projects that a test may edit, and a CLI runner."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conceptgen.cli import app

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
NEUSS = ROOT / "projects" / "neuss"


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    """A writable copy of tests/fixtures/minimal, a small valid project."""
    target = tmp_path / "minimal"
    shutil.copytree(FIXTURES / "minimal", target)
    return target


@pytest.fixture
def neuss_copy(tmp_path: Path) -> Path:
    """A writable copy of projects/neuss without its build folder."""
    target = tmp_path / "neuss"
    shutil.copytree(NEUSS, target, ignore=shutil.ignore_patterns("build"))
    return target


def replace_in(path: Path, old: str, new: str) -> None:
    """Replace text in a fixture file; fails loudly if the text is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def cli() -> Callable[..., object]:
    """Run the CLI in-process; returns the click Result (stdout and stderr separate)."""
    runner = CliRunner()

    def run(*args: str):
        return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)

    return run


def require_libreoffice() -> None:
    """Skip without LibreOffice and poppler locally; fail in CI, where .ci/run installs them."""
    import os
    import shutil

    from conceptgen.render.libreoffice import find_soffice

    missing = [t for t in ("pdftotext", "pdfinfo") if shutil.which(t) is None]
    if find_soffice() is None:
        missing.append("soffice")
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"missing in CI: {missing}; .ci/run must install them")
        pytest.skip(f"not installed: {missing}")


_VALIDATED: dict[str, list[str]] = {}


def pytest_configure(config):
    """Tests render without the project cache (cache.py): each makes what it checks, and nothing is
    written into the example projects' build folders — set for the whole session, so that module- and
    session-scoped fixtures render without it too. tests/test_cache.py switches it on where it tests it."""
    import os

    os.environ["CONCEPTGEN_CACHE"] = "0"


@pytest.fixture(autouse=True)
def word_opens_every_document(monkeypatch):
    """Every .docx a test renders is checked against the ISO/IEC 29500 schemas and Word's rules before it
    is written: a document Word would repair fails the test that made it."""
    import hashlib

    from conceptgen import write
    from tests.ooxml.validator import validate

    original = write.write_atomically

    def checked(outputs):
        for path, content in outputs.items():
            if path.suffix == ".docx" and content[:2] == b"PK":
                key = hashlib.sha256(content).hexdigest()
                if key not in _VALIDATED:
                    _VALIDATED[key] = validate(content, path.name)
                assert not _VALIDATED[key], "Word would repair it:\n" + "\n".join(_VALIDATED[key][:10])
        return original(outputs)

    monkeypatch.setattr(write, "write_atomically", checked)
