"""``conceptgen check`` with a memory: the diagnostics of a project whose inputs did not change come from
build/.cache (conceptgen/cache.py) instead of running every stage again.

The entry's address is a fingerprint of everything the check's answer depends on:

- every file and folder name under the project folder, each file by the SHA-256 of its content; in
  ``build/`` (which the check reads nothing from) the names only, ``build/.cache`` left out: a missing
  data file's hint names the nearest file of the project, an exported workbook in build/ included;
- the workspace's templates (the first ``templates/`` folder above the project, workspace.template_roots),
  each file by content;
- conceptgen itself (cache.code_fingerprint): every file of the package and of the built-in templates by
  name, size and time of change, the libraries that read and judge the inputs the same way, Python's
  version;
- where and how it runs: the working directory and the project as given (both appear in the messages'
  paths), the ``CONCEPTGEN_*`` and ``PYDANTIC_*`` variables.

A project that holds a link or anything but files and folders is not remembered (a link could lead to a
file that changes elsewhere): such a check runs whole, as does any check with the cache switched off
(``CONCEPTGEN_CACHE=0``). The entry holds the formatted lines only (JSON, never code).

Only a check that passed is kept: one that found an error — where a render stops, the project cannot be
read or a folder has no project.yaml — writes no entry (a folder without project.yaml is not even read
for a fingerprint, nor gets a build/ folder), and an entry that holds an error is not trusted. An entry is
written only when the inputs' fingerprint after the check is the one before it (a file saved while the
check ran could otherwise be remembered under the content it had before).

This module imports no stage: a remembered check costs the fingerprint, not pandas and pydantic.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

from conceptgen.cache import BUILTIN_TEMPLATES, MAX_ENTRY_BYTES, Cache, code_fingerprint, read_regular

BUILD = "build"  # pipeline.DEFAULT_BUILD_DIR


@dataclass(frozen=True)
class Finding:
    """One diagnostic as ``check`` prints it."""

    error: bool
    text: str


@dataclass(frozen=True)
class Checked:
    """What ``check`` prints and decides: the diagnostics' lines, whether the project could be read."""

    findings: list[Finding]
    valid: bool  # a model was made (check_project's ``concept`` is not None)
    remembered: bool = False  # served from the cache

    @property
    def passed(self) -> bool:
        """The project can be rendered: a model and no error (a render stops at the first one)."""
        return self.valid and not any(finding.error for finding in self.findings)


def check(root: Path) -> Checked:
    """The findings of ``check_project(root)``, from the cache when the project's inputs are unchanged.
    Raises DiagnosticError as check_project does (a missing project folder)."""
    cache = Cache.of_project(root)
    key = None
    if cache.folder is not None and (root / "project.yaml").is_file():  # else nothing to remember (CG001)
        key = _key(root)
    if key is not None:
        stored = cache.get(key)
        if stored is not None:
            remembered = _decode(stored)
            if remembered is not None:
                return remembered
    checked = _check(root)
    if key is not None and checked.passed and _key(root) == key:  # unchanged while it ran
        cache.put(key, _encode(checked))
        cache.prune()  # a consultant who only checks still keeps the folder within its limit
    return Checked(checked.findings, checked.valid)


def _key(root: Path) -> str | None:
    fingerprint = inputs_fingerprint(root)
    return Cache.key("check", fingerprint) if fingerprint is not None else None


def _check(root: Path) -> Checked:
    from conceptgen.diagnostics import Level
    from conceptgen.pipeline import check_project

    result = check_project(root)
    findings = [Finding(d.level is Level.ERROR, d.format()) for d in result.diagnostics]
    return Checked(findings, result.concept is not None)


def _encode(checked: Checked) -> bytes:
    record = {"valid": checked.valid, "findings": [[f.error, f.text] for f in checked.findings]}
    return json.dumps(record, ensure_ascii=False).encode("utf-8")


def _decode(data: bytes) -> Checked | None:
    try:
        record = json.loads(data)
        findings = [Finding(bool(error), str(text)) for error, text in record["findings"]]
        remembered = Checked(findings, bool(record["valid"]), remembered=True)
    except (ValueError, KeyError, TypeError):
        return None
    return remembered if remembered.passed else None  # a failed check is never kept (module docstring)


def inputs_fingerprint(root: Path) -> str | None:
    """The fingerprint of everything check's answer depends on (module docstring); None when the project
    cannot be fingerprinted (a link, a special file, a file that cannot be read)."""
    digest = hashlib.sha256()

    def add(*words: str | bytes) -> None:
        for word in words:
            data = word.encode("utf-8", "surrogatepass") if isinstance(word, str) else word
            digest.update(len(data).to_bytes(8, "little"))
            digest.update(data)

    try:
        resolved = root.resolve()
    except OSError:
        return None
    add(os.getcwd(), str(root), str(resolved), sys.version)
    for name in sorted(os.environ):
        if name.startswith(("CONCEPTGEN_", "PYDANTIC_")):
            add(name, os.environ[name])
    add("code", code_fingerprint())
    if not resolved.is_dir() or not _add_tree(add, resolved, skip=BUILD):
        return None
    add("build")
    _add_names(add, resolved / BUILD)
    workspace = workspace_templates(resolved)
    add("workspace", str(workspace))
    if workspace is not None and workspace != BUILTIN_TEMPLATES and not _add_tree(add, workspace):
        return None
    return digest.hexdigest()


def workspace_templates(resolved_root: Path) -> Path | None:
    """The first ``templates`` folder above the project (workspace.template_roots' second place)."""
    for parent in resolved_root.parents:
        candidate = parent / "templates"
        if candidate.is_dir():
            return candidate.resolve()
    return None


def _add_names(add, folder: Path) -> None:  # type: ignore[no-untyped-def]
    """Every name under ``folder`` with its kind (folder, link, other), links not followed, ``.cache``
    left out (it changes with every check)."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name == ".cache":
            continue
        try:
            mode = entry.stat(follow_symlinks=False).st_mode
        except OSError:
            mode = 0
        if stat.S_ISDIR(mode):
            add("dir", entry.name)
            _add_names(add, Path(entry.path))
            add("end")
        else:
            add("link" if stat.S_ISLNK(mode) else "name", entry.name)


def _add_tree(add, folder: Path, skip: str | None = None) -> bool:  # type: ignore[no-untyped-def]
    """Every name under ``folder`` and every file's content hash into ``add``; False at a link, a special
    file or a file that cannot be read whole."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return False
    for entry in entries:
        if entry.name == skip:
            continue
        try:
            mode = entry.stat(follow_symlinks=False).st_mode
        except OSError:
            return False
        if stat.S_ISDIR(mode):
            add("dir", entry.name)
            if not _add_tree(add, Path(entry.path)):
                return False
            add("end")
        elif stat.S_ISREG(mode):
            content = read_regular(Path(entry.path), MAX_ENTRY_BYTES)
            if content is None:
                return False
            add("file", entry.name, hashlib.sha256(content).digest())
        else:  # a link, a pipe, a device
            return False
    return True
