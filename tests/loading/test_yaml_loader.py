"""The YAML loader: positions, duplicate keys, tabs, encodings, and scalars kept as written."""

from __future__ import annotations

from pathlib import Path

import pytest

from conceptgen.diagnostics import DiagnosticError
from conceptgen.loading.yaml_loader import load_yaml


def load(tmp_path: Path, content: str | bytes):
    path = tmp_path / "x.yaml"
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return load_yaml(path, "x.yaml")


def codes(exc: pytest.ExceptionInfo[DiagnosticError]) -> list[tuple[str, int, int]]:
    return [(d.code, d.location.line, d.location.column) for d in exc.value.diagnostics]


def test_positions_of_values_and_keys(tmp_path):
    loaded = load(tmp_path, "a: 1\nlist:\n  - id: x\n    name: y\n  - id: z\n")
    smap = loaded.source_map
    assert smap.locate(("a",)).line == 1 and smap.locate(("a",)).column == 4
    assert smap.locate(("list", 1, "id")).line == 5
    assert smap.locate(("list", 0, "name"), key=True).column == 5
    # unknown paths fall back to the nearest ancestor
    assert smap.locate(("list", 1, "missing")).line == 5


def test_scalars_stay_text_as_written(tmp_path):
    loaded = load(tmp_path, "a: no\nb: 2024-05-02\nc: 1.10\nd: on\ne: 007\nf: ~\ng:\nh: 'null'\n")
    assert loaded.data == {
        "a": "no",
        "b": "2024-05-02",
        "c": "1.10",
        "d": "on",
        "e": "007",
        "f": None,
        "g": None,
        "h": "null",
    }


def test_duplicate_key_is_reported_at_second_occurrence(tmp_path):
    with pytest.raises(DiagnosticError) as exc:
        load(tmp_path, "a: 1\nb: 2\na: 3\n")
    assert codes(exc) == [("CG005", 3, 1)]
    assert "Zeile 1" in exc.value.diagnostics[0].hint


def test_several_duplicates_reported_together(tmp_path):
    with pytest.raises(DiagnosticError) as exc:
        load(tmp_path, "a: 1\na: 2\nm:\n  x: 1\n  x: 2\n")
    assert [c for c, _, _ in codes(exc)] == ["CG005", "CG005"]


def test_tab_indentation(tmp_path):
    with pytest.raises(DiagnosticError) as exc:
        load(tmp_path, "a:\n\tb: 1\nc:\n  \td: 2\n")
    assert codes(exc) == [("CG004", 2, 1), ("CG004", 4, 3)]


def test_syntax_error_located(tmp_path):
    with pytest.raises(DiagnosticError) as exc:
        load(tmp_path, "a: [1, 2\nb: 3\n")
    ((code, line, _col),) = codes(exc)
    assert code == "CG003" and line >= 1


def test_colon_in_value_gets_hint(tmp_path):
    with pytest.raises(DiagnosticError) as exc:
        load(tmp_path, "title: Ziel: mehr Beratung\n")
    d = exc.value.diagnostics[0]
    assert d.code == "CG003" and (d.location.line, d.location.column) == (1, 12)
    assert "Anführungszeichen" in d.hint


def test_empty_and_comment_only_files(tmp_path):
    for content in ("", "   \n", "# nur ein Kommentar\n"):
        with pytest.raises(DiagnosticError) as exc:
            load(tmp_path, content)
        assert codes(exc)[0][0] == "CG006"


def test_bom_is_accepted(tmp_path):
    assert load(tmp_path, b"\xef\xbb\xbfa: \xc3\xa4\n").data == {"a": "ä"}


def test_latin1_is_located_error(tmp_path):
    with pytest.raises(DiagnosticError) as exc:
        load(tmp_path, "a: 1\nb: Stra\xdfe\n".encode("latin-1"))
    assert codes(exc) == [("CG002", 2, 8)]


def test_utf16_and_binary(tmp_path):
    with pytest.raises(DiagnosticError) as exc:
        load(tmp_path, "a: 1\n".encode("utf-16"))
    assert codes(exc)[0][0] == "CG002"
    with pytest.raises(DiagnosticError) as exc:
        load(tmp_path, b"a: 1\n\x00\x01\x02")
    assert codes(exc) == [("CG002", 2, 1)]


def test_missing_file(tmp_path):
    with pytest.raises(DiagnosticError) as exc:
        load_yaml(tmp_path / "nope.yaml", "nope.yaml")
    assert exc.value.diagnostics[0].code == "CG001"


def test_tags_and_merge_keys_refused(tmp_path):
    with pytest.raises(DiagnosticError) as exc:
        load(tmp_path, "a: !!python/object:os.system x\n")
    assert codes(exc)[0][0] == "CG008"
    with pytest.raises(DiagnosticError) as exc:
        load(tmp_path, "base: &b {x: 1}\nc:\n  <<: *b\n")
    assert codes(exc) == [("CG008", 3, 3)]


def test_alias_expansion_is_bounded(tmp_path):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 8):
        refs = ", ".join([f"*a{i - 1}"] * 10)
        lines.append(f"a{i}: &a{i} [{refs}]")
    with pytest.raises(DiagnosticError) as exc:
        load(tmp_path, "\n".join(lines) + "\n")
    assert codes(exc)[0][0] == "CG008"


def test_small_aliases_work(tmp_path):
    assert load(tmp_path, "a: &x [1, 2]\nb: *x\n").data == {"a": ["1", "2"], "b": ["1", "2"]}


def test_oversized_file_is_refused(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: " + b"x" * (5 * 1024 * 1024) + b"\n")
    with pytest.raises(DiagnosticError) as exc:
        load_yaml(path, "big.yaml")
    assert exc.value.diagnostics[0].code == "CG007" and "zu groß" in exc.value.diagnostics[0].message


def test_deep_nesting_is_bounded(tmp_path):
    with pytest.raises(DiagnosticError) as exc:
        load(tmp_path, "a: " + "[" * 100 + "]" * 100 + "\n")
    assert codes(exc)[0][0] == "CG008"
