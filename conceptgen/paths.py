"""Paths stay inside the project: the one check every stage uses before it opens a file."""

from __future__ import annotations

from pathlib import Path

from conceptgen.diagnostics import Diagnostic, DiagnosticError, Location, diagnostic, did_you_mean, relative


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
        f"Pfad führt aus dem Projekt hinaus (nach {path.resolve()})",
        Location(relative(path)),
        hint="die Datei in den Projektordner kopieren, statt auf sie zu verweisen",
    )


def project_file(
    root: Path,
    declared: str,
    what: str,
    where: Location | None,
    key_path: str,
    *,
    kinds: tuple[str, ...] = (),
) -> Path:
    """The file ``declared`` in a project file (relative to ``root``), checked before it is opened:
    CG010 when it leads outside the project, CG001 when it does not exist — with the nearest file of the
    same kind (``kinds``: suffixes, default the declared one's) as hint. ``what`` names it in the message
    („data file“, „response file“)."""
    file = root / declared
    if not inside(file, root):
        raise DiagnosticError(
            diagnostic(
                "CG010",
                f"{what} „{declared}“ liegt außerhalb des Projekts",
                where,
                key_path=key_path,
                hint="die Datei ins Projekt kopieren (z. B. nach data/)",
            )
        )
    if not file.is_file():
        suffixes = kinds or (file.suffix.lower(),)
        found = (p for p in root.rglob("*.*") if p.suffix.lower() in suffixes)
        candidates = [p.relative_to(root).as_posix() for p in found]
        raise DiagnosticError(
            diagnostic(
                "CG001",
                f"{what} „{declared}“ nicht gefunden",
                where,
                key_path=key_path,
                hint=did_you_mean(declared, candidates) or "Pfade gelten relativ zum Projektordner",
            )
        )
    return file
