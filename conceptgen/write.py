"""Stage 6: write outputs safely — atomically, all or none, never over a consultant's hand edits.

Every output folder keeps a manifest (``.conceptgen-manifest.json``) with the SHA-256 of each file
conceptgen wrote. A file whose content no longer matches was edited by hand (or was never ours) and is
only overwritten with ``force``. A lock serialises concurrent renders into the same folder; it is kept in
the user's conceptgen folder (named by the output folder's path), so nothing but the documents and the
manifest is left in the output folder. A folder (or anything but a file) where an output goes is
refused, ``force`` or not: it is never moved aside.

All files of one render — every document, its PDF and the manifest — are replaced together: each is
first written beside its target, then the targets are swapped in; if any step fails, the files that were
already replaced are put back, so a folder never holds half of a render.
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

    Raises DiagnosticError: CG504 when a target is open in Word or LibreOffice, CG502 when a target
    was changed since conceptgen wrote it (unless ``force``), CG503 when another render holds the
    folder's lock too long, CG501 when a folder or file cannot be written. In every error case no target
    is changed.
    """
    from filelock import FileLock, Timeout

    blocked = [d for d in (_occupied(t) or _open_elsewhere(t) for t in outputs) if d is not None]
    if blocked:
        raise DiagnosticError(blocked)
    folders = sorted({target.parent for target in outputs})
    for folder in folders:
        _ensure_writable(folder)
    with contextlib.ExitStack() as stack:
        for folder in folders:
            lock = lock_path(folder)
            try:
                stack.enter_context(FileLock(str(lock), timeout=LOCK_TIMEOUT_S))
            except Timeout:
                raise DiagnosticError(
                    diagnostic(
                        "CG503",
                        f"eine andere Erzeugung schreibt hier seit {LOCK_TIMEOUT_S:.0f} s",
                        Location(relative(folder)),
                        hint=f"auf sie warten, oder {lock} löschen, wenn keine läuft",
                    )
                ) from None
            except OSError as exc:
                raise DiagnosticError(_cannot_write(lock, exc)) from None
        manifests = {folder: _read_manifest(folder) for folder in folders}
        if not force:
            changed = [_changed(target, manifests[target.parent]) for target in outputs]
            problems = [d for d in changed if d is not None]
            if problems:
                raise DiagnosticError(problems)
        everything = dict(outputs)
        for folder in folders:
            manifest = manifests[folder]
            for target, content in outputs.items():
                if target.parent == folder:
                    manifest[target.name] = hashlib.sha256(content).hexdigest()
            everything[folder / MANIFEST] = json.dumps(manifest, indent=2, sort_keys=True).encode()
        write_atomically(everything)


def lock_path(folder: Path) -> Path:
    """The lock of renders into ``folder``: in the user's conceptgen folder (else the system's temporary
    folder), named by the folder's resolved path — never a file in the output folder itself."""
    from conceptgen.cache import user_folder

    name = hashlib.sha256(str(folder.resolve()).encode("utf-8", "surrogatepass")).hexdigest()[:32] + ".lock"
    for base in (user_folder() / "locks", Path(tempfile.gettempdir()) / f"conceptgen-locks-{_user()}"):
        try:
            base.mkdir(parents=True, exist_ok=True)
        except OSError:
            continue
        return base / name
    return folder / LOCK  # nowhere else to keep it


def _user() -> str:
    getuid = getattr(os, "getuid", None)
    return str(getuid()) if getuid else os.environ.get("USERNAME", "user")


def _occupied(target: Path) -> Diagnostic | None:
    """CG501 when something other than a file stands where an output goes (a folder): it is never moved
    aside, not even with ``--force``."""
    if not os.path.lexists(target) or target.is_file():
        return None
    kind = "ein Ordner" if target.is_dir() else "etwas, das keine Datei ist,"
    return diagnostic(
        "CG501",
        f"{kind} steht, wo {target.name} geschrieben wird",
        Location(relative(target)),
        hint="ihn umbenennen oder verschieben, oder dem Dokument einen anderen Namen geben (output:)",
    )


def owner_files(target: Path) -> list[Path]:
    """The files an office program keeps beside a document it has open: Word's owner file (``~$`` and
    the name, its first one or two letters dropped for longer names) and LibreOffice's lock file."""
    name = target.name
    names = {f"~${name}", f"~${name[1:]}", f"~${name[2:]}", f".~lock.{name}#"}
    return [target.with_name(n) for n in sorted(names)]


def _open_elsewhere(target: Path) -> Diagnostic | None:
    """CG504 when the document is open in Word or LibreOffice: writing would fail on Windows or be lost."""
    if not target.exists():
        return None
    for owner in owner_files(target):
        if owner.exists():
            program = "LibreOffice" if owner.name.startswith(".~lock") else "Word"
            return diagnostic(
                "CG504",
                f"{target.name} ist in {program} geöffnet ({owner.name} ist da)",
                Location(relative(target)),
                hint=f"in {program} schließen, neu erzeugen ({owner.name} löschen, wenn {program} abstürzte)",
            )
    return None


def _ensure_writable(folder: Path) -> None:
    """Create ``folder`` and prove that a file can be made in it (a read-only folder, /proc, a full disk
    fail here, at once, instead of after the lock's timeout)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".conceptgen-probe-", dir=folder)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise DiagnosticError(_cannot_write(folder, exc)) from None


def _cannot_write(path: Path, exc: OSError) -> Diagnostic:
    return diagnostic(
        "CG501",
        f"kann hier nicht schreiben: {exc.strerror or exc}",
        Location(relative(path)),
        hint="mit -o einen anderen Ausgabeordner wählen, oder seine Berechtigungen prüfen",
    )


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
            "CG501", f"vorhandene Ausgabe nicht lesbar: {exc.strerror or exc}", Location(relative(target))
        )
    if manifest.get(target.name) == current:
        return None
    reason = (
        "wurde geändert, nachdem conceptgen sie schrieb"
        if target.name in manifest
        else "wurde nicht von conceptgen geschrieben"
    )
    return diagnostic(
        "CG502",
        f"{target.name} {reason}; sie wird nicht überschrieben",
        Location(relative(target)),
        hint="die bearbeitete Fassung unter anderem Namen speichern, oder mit --force überschreiben",
    )


def write_atomically(outputs: dict[Path, bytes]) -> None:
    """Replace every target by its content, all together or not at all.

    Each content is written (and synced) to a temporary file beside its target; then each existing
    target is moved aside and the temporary file renamed into place. If anything fails, the targets
    already replaced get their old files back and every temporary file is removed. Raises
    DiagnosticError (CG501) naming the file that could not be written.
    """
    staged: list[tuple[Path, Path]] = []  # (temporary file, target)
    swapped: list[tuple[Path, Path | None]] = []  # (target, its previous content moved aside or None)
    try:
        for target, content in outputs.items():
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
                staged.append((Path(tmp_name), target))
                with os.fdopen(fd, "wb") as handle:
                    handle.write(content)
                    handle.flush()
                    os.fsync(handle.fileno())
                os.chmod(tmp_name, 0o644)
            except OSError as exc:
                raise DiagnosticError(_cannot_write(target, exc)) from None
        for tmp, target in staged:
            try:
                backup = None
                if target.exists():  # aside under a name of its own: a leftover never blocks
                    backup = target.with_name(f".{target.name}.{os.getpid()}-{os.urandom(4).hex()}.previous")
                    os.replace(target, backup)
                swapped.append((target, backup))
                os.replace(tmp, target)
            except OSError as exc:
                raise DiagnosticError(_cannot_write(target, exc)) from None
        for _target, backup in swapped:
            if backup is not None:
                with contextlib.suppress(OSError):
                    backup.unlink()
        staged, swapped = [], []
    finally:
        for target, backup in reversed(swapped):  # a failure: put the old files back
            with contextlib.suppress(OSError):
                if backup is not None:
                    os.replace(backup, target)
                elif target.exists():
                    target.unlink()
        for tmp, _target in staged:
            with contextlib.suppress(OSError):
                tmp.unlink()
