"""Speed work must not change what we write: the example projects render to the recorded bytes."""

from __future__ import annotations

import json

import pytest

from tests.golden.digests import PROJECTS, RECORD, render_digests, versions

pytestmark = pytest.mark.slow  # renders the example projects


@pytest.fixture(scope="module")
def record() -> dict:
    return json.loads(RECORD.read_text(encoding="utf-8"))


@pytest.mark.parametrize("project", PROJECTS)
def test_output_is_byte_identical_to_the_record(project: str, record: dict) -> None:
    expected = record["projects"][project]
    found = render_digests(project)
    assert sorted(found) == sorted(expected), "the project writes other files than recorded"
    changed = []
    for name, digest in expected.items():
        if found[name]["sha256"] == digest["sha256"]:
            continue
        parts, now = digest.get("parts", {}), found[name].get("parts", {})
        differing = sorted(p for p in parts.keys() | now.keys() if parts.get(p) != now.get(p))
        changed.append(f"{name}: {', '.join(differing) or 'zip layout'}")
    if changed:
        drift = {k: (v, versions()[k]) for k, v in record["versions"].items() if versions().get(k) != v}
        pytest.fail(
            "rendered bytes differ from tests/golden/digests.json in\n  "
            + "\n  ".join(changed)
            + (f"\nlibrary versions differ from the record: {drift}" if drift else "")
            + "\nA speed change must not alter output; an intended change is recorded with"
            " `python -m tests.golden.digests --update` after looking at the documents."
        )


def test_output_from_a_warm_cache_is_the_recorded_output(record: dict, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("CONCEPTGEN_CACHE", "1")
    monkeypatch.setenv("CONCEPTGEN_CACHE_DIR", str(tmp_path / "cache"))
    from conceptgen.render import sandbox

    for _run in ("fills the cache", "reads it"):
        monkeypatch.setattr(sandbox, "_COMPILED", {})  # as in a new process: the parts' code from the cache
        assert render_digests("neuss") == record["projects"]["neuss"]
    kinds = {entry.name.split("-")[0] for entry in (tmp_path / "cache").iterdir()}
    assert {"jinja", "docxtpl"} <= kinds
