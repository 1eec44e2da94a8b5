"""The rendered neuss concept that the review tests return with comments and changes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import NEUSS

DOCUMENT = "Wohnungsnotfallkonzept-Rhein-Kreis-Neuss.docx"


@pytest.fixture(scope="session")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    """A copy of neuss and its concept as rendered (once for the session)."""
    from typer.testing import CliRunner

    from conceptgen.cli import app

    root = tmp_path_factory.mktemp("rendered") / "neuss"
    shutil.copytree(NEUSS, root, ignore=shutil.ignore_patterns("build"))
    result = CliRunner().invoke(app, ["render", str(root), "--no-libreoffice"])
    assert result.exit_code == 0, result.output
    return root, (root / "build" / DOCUMENT).read_bytes()
