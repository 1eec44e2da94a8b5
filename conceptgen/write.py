"""Stage 6: write outputs atomically — all of them or none, never a half-written file."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from conceptgen.diagnostics import DiagnosticError, Location, diagnostic, relative


def write_atomically(outputs: dict[Path, bytes]) -> None:
    """Write every output to a temporary file beside its target, then rename them all into place.

    If any write fails, no target is touched and the temporary files are removed. Raises
    DiagnosticError (CG501) when a file cannot be written.
    """
    staged: list[tuple[Path, Path]] = []
    try:
        for target, content in outputs.items():
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
                tmp = Path(tmp_name)
                staged.append((tmp, target))
                with os.fdopen(fd, "wb") as handle:
                    handle.write(content)
                    handle.flush()
                    os.fsync(handle.fileno())
            except OSError as exc:
                raise DiagnosticError(
                    diagnostic(
                        "CG501", f"cannot write output: {exc.strerror or exc}", Location(relative(target))
                    )
                ) from None
        for tmp, target in staged:
            os.chmod(tmp, 0o644)
            os.replace(tmp, target)
        staged = []
    finally:
        for tmp, _target in staged:
            with contextlib.suppress(OSError):
                tmp.unlink()
