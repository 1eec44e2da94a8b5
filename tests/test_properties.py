"""Property-based tests: whatever the input, conceptgen answers with diagnostics, never a crash."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conceptgen.diagnostics import DiagnosticError
from conceptgen.loading.yaml_loader import load_yaml
from conceptgen.pipeline import check_project, render_project
from tests.conftest import FIXTURES, NEUSS

pytestmark = pytest.mark.slow  # hypothesis: hundreds of projects

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _load_text(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.yaml"
        path.write_text(text, encoding="utf-8")
        try:
            load_yaml(path, "x.yaml")
        except DiagnosticError as exc:
            assert exc.diagnostics and all(d.code.startswith("CG0") for d in exc.diagnostics)


YAML_CHARS = st.sampled_from([*list("abcZ19 :-[]{},'\"#&*!|>%@`\t\n.?~"), "  ", "\n  ", "- ", ": ", "ä"])


@FAST
@given(st.lists(YAML_CHARS, max_size=80).map("".join))
def test_loader_never_crashes_on_yaml_like_text(text):
    _load_text(text)


@FAST
@given(st.text(max_size=200))
def test_loader_never_crashes_on_any_text(text):
    _load_text(text)


@FAST
@given(st.binary(max_size=200))
def test_loader_never_crashes_on_bytes(blob):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.yaml"
        path.write_bytes(blob)
        with contextlib.suppress(DiagnosticError):
            load_yaml(path, "x.yaml")


# Arbitrary YAML documents (as data) placed into a project file: the model answers with diagnostics.
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=12))
documents = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.sampled_from(["id", "title", "goals", "tasks", "priority", "x", "1", "value"]),
            children,
            max_size=4,
        ),
    ),
    max_leaves=20,
)
FILES = [
    "project.yaml",
    "measures.yaml",
    "goals.yaml",
    "indicators.yaml",
    "inventory.yaml",
    "participation.yaml",
]


@settings(max_examples=120, deadline=None)
@given(
    st.sampled_from(FILES),
    st.sampled_from(["measures", "goals", "indicators", "offers", "title", None]),
    documents,
)
def test_arbitrary_documents_give_diagnostics(file_name, key, document):
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "p"
        shutil.copytree(FIXTURES / "minimal", project)
        data = {key: document} if key else document
        (project / file_name).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        result = check_project(project)
        for d in result.diagnostics:
            assert d.location is not None and d.code


def _lines(project: Path) -> list[tuple[str, int]]:
    return [
        (p.name, i)
        for p in sorted(project.glob("*.yaml"))
        for i in range(len(p.read_text(encoding="utf-8").splitlines()))
    ]


NEUSS_LINES = _lines(NEUSS)
EDITS = st.sampled_from(["delete", "duplicate", "dedent", "indent", "replace_value", "truncate"])


def _edit(text: str, line: int, edit: str, value: str) -> str:
    lines = text.splitlines()
    current = lines[line]
    if edit == "delete":
        del lines[line]
    elif edit == "duplicate":
        lines.insert(line, current)
    elif edit == "dedent":
        lines[line] = current[2:]
    elif edit == "indent":
        lines[line] = "  " + current
    elif edit == "replace_value" and ":" in current:
        lines[line] = current.split(":", 1)[0] + ": " + value
    elif edit == "truncate":
        lines[line] = current[: len(current) // 2]
    return "\n".join(lines) + "\n"


@settings(max_examples=int(os.environ.get("CONCEPTGEN_EDIT_EXAMPLES", "60")), deadline=None)
@given(st.lists(st.tuples(st.sampled_from(NEUSS_LINES), EDITS, st.text(max_size=10)), min_size=1, max_size=3))
def test_arbitrary_edits_of_neuss_never_crash(edits):
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "neuss"
        shutil.copytree(NEUSS, project, ignore=shutil.ignore_patterns("build"))
        for (file_name, line), edit, value in edits:
            path = project / file_name
            lines = path.read_text(encoding="utf-8").splitlines()
            if line < len(lines):
                path.write_text(_edit("\n".join(lines), line, edit, value), encoding="utf-8")
        result = check_project(project)
        if result.ok:
            # a still-valid project must also render (into a temp folder)
            try:
                render_project(project, Path(tmp) / "out", libreoffice=False)
            except DiagnosticError as exc:
                assert exc.diagnostics
