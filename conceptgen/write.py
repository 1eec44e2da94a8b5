"""Stage 6: write outputs safely — atomically, all or none, never over a consultant's hand edits.

Every output folder keeps a manifest (``.conceptgen-manifest.json``) with the SHA-256 of each file
conceptgen wrote. A file whose content no longer matches was edited by hand (or was never ours) and is
only overwritten with ``force``. A lock file serialises concurrent renders into the same folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from pathlib import Path

from conceptgen.diagnostics import Diagnostic, DiagnosticError, Location, diagnostic, relative

MANIFEST = ".conceptgen-manifest.json"
LOCK = ".conceptgen.lock"
LOCK_TIMEOUT_S = 120.0


def write_outputs(outputs: dict[Path, bytes], *, force: bool = False) -> None:
    """Write ``outputs`` (target path → content) safely.

    Raises DiagnosticError: CG502 when a target was changed since conceptgen wrote it (unless
    ``force``), CG503 when another render holds the folder's lock too long, CG501 on I/O errors. In
    every error case no target is changed.
    """
    from filelock import FileLock, Timeout

    folders = sorted({target.parent for target in outputs})
    for folder in folders:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DiagnosticError(
                diagnostic(
                    "CG501", f"cannot create folder: {exc.strerror or exc}", Location(relative(folder))
                )
            ) from None
    with contextlib.ExitStack() as stack:
        for folder in folders:
            try:
                stack.enter_context(FileLock(str(folder / LOCK), timeout=LOCK_TIMEOUT_S))
            except Timeout:
                raise DiagnosticError(
                    diagnostic(
                        "CG503",
                        f"another render has been writing here for {LOCK_TIMEOUT_S:.0f} s",
                        Location(relative(folder)),
                        hint=f"wait for it, or delete {LOCK} if none runs",
                    )
                ) from None
        manifests = {folder: _read_manifest(folder) for folder in folders}
        if not force:
            changed = [_changed(target, manifests[target.parent]) for target in outputs]
            problems = [d for d in changed if d is not None]
            if problems:
                raise DiagnosticError(problems)
        write_atomically(outputs)
        for folder in folders:
            manifest = manifests[folder]
            for target, content in outputs.items():
                if target.parent == folder:
                    manifest[target.name] = hashlib.sha256(content).hexdigest()
            write_atomically({folder / MANIFEST: json.dumps(manifest, indent=2, sort_keys=True).encode()})


def _read_manifest(folder: Path) -> dict[str, str]:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def _changed(target: Path, manifest: dict[str, str]) -> Diagnostic | None:
    if not target.exists():
        return None
    try:
        current = hashlib.sha256(target.read_bytes()).hexdigest()
    except OSError as exc:
        return diagnostic(
            "CG501", f"cannot read existing output: {exc.strerror or exc}", Location(relative(target))
        )
    if manifest.get(target.name) == current:
        return None
    reason = (
        "was changed after conceptgen wrote it"
        if target.name in manifest
        else "was not written by conceptgen"
    )
    return diagnostic(
        "CG502",
        f"{target.name} {reason}; not overwriting it",
        Location(relative(target)),
        hint="save your edited copy under another name, or rerun with --force to overwrite it",
    )


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
