"""Paths stay inside the project: the one check every stage uses before it opens a file."""

from __future__ import annotations

from pathlib import Path

from conceptgen.diagnostics import Diagnostic, Location, diagnostic, relative


def inside(path: Path, root: Path) -> bool:
    """True when ``path`` (following symlinks) lies inside ``root``."""
    try:
        return path.resolve().is_relative_to(root.resolve())
    except OSError:
        return False


def outside_diagnostic(path: Path, root: Path) -> Diagnostic:
    """CG010 for a file or link that leads out of ``root``."""
    return diagnostic(
        "CG010",
        f"path leads outside the project (to {path.resolve()})",
        Location(relative(path)),
        hint="copy the file into the project folder instead of linking to it",
    )
