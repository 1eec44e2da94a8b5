"""The command line: exit codes, diagnostics output, and bad input that never writes anything."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import replace_in

LOCATED = re.compile(r"^(?P<file>[^\s:]+):(?P<line>\d+):(?P<col>\d+): (?P<code>CG\d{3}) Fehler: ", re.M)


def test_help_and_version(cli):
    result = cli("--help")
    assert result.exit_code == 0 and "render" in result.stdout and "check" in result.stdout
    assert cli("--version").stdout.startswith("conceptgen ")


def test_usage_error_exits_2(cli):
    assert cli("render").exit_code == 2
    assert cli("frobnicate").exit_code == 2


def test_check_clean_project(cli, minimal):
    result = cli("check", minimal)
    assert result.exit_code == 0
    assert "0 Fehler, 0 Warnungen" in result.stdout


def test_check_warnings_exit_0(cli, minimal):
    replace_in(minimal / "measures.yaml", "    lead: Sozialamt\n", "")
    result = cli("check", minimal)
    assert result.exit_code == 0
    assert "CG303 Warnung" in result.stdout and "0 Fehler, 1 Warnung" in result.stdout


def test_check_errors_exit_1_sorted_by_file_and_line(cli, minimal):
    replace_in(minimal / "measures.yaml", "goals: [Z1.1]", "goals: [Z7]")
    replace_in(minimal / "inventory.yaml", "area: stadt", "area: dorf")
    result = cli("check", minimal)
    assert result.exit_code == 1
    lines = [m.group("file").rsplit("/", 1)[-1] for m in LOCATED.finditer(result.stdout)]
    assert lines == ["inventory.yaml", "measures.yaml"]
    assert "2 Fehler, 1 Warnung" in result.stdout


@pytest.mark.parametrize("drop", [(), ("lead",), ("lead", "period")])
def test_summary_counts_the_printed_lines_in_german(cli, minimal, drop):
    """The summary line is German and its numbers are the lines printed above it (varying how many
    warnings a project has)."""
    if "lead" in drop:
        replace_in(minimal / "measures.yaml", "    lead: Sozialamt\n", "")
    if "period" in drop:
        replace_in(minimal / "measures.yaml", "    period: {start: 2024, end: 2026}\n", "")
    result = cli("check", minimal)
    warnings = len(re.findall(r": CG\d{3} Warnung: ", result.stdout))
    errors = len(re.findall(r": CG\d{3} Fehler: ", result.stdout))
    word = "Warnung" if warnings == 1 else "Warnungen"
    assert errors == 0 and warnings >= len(drop)
    assert result.stdout.rstrip().endswith(f": {errors} Fehler, {warnings} {word}"), result.stdout


def test_summary_declines_in_german():
    """„Fehler“ has no plural ending, „Warnung“ takes „-en“ for every number but one."""
    from conceptgen.cli import _summary

    assert [_summary(n, n) for n in (0, 1, 2, 11)] == [
        "0 Fehler, 0 Warnungen",
        "1 Fehler, 1 Warnung",
        "2 Fehler, 2 Warnungen",
        "11 Fehler, 11 Warnungen",
    ]


def test_internal_error_is_one_german_line_and_exit_3(cli, minimal, monkeypatch):
    """A bug (an exception that is no diagnostic) exits 3 with the marker tests look for, without
    traceback; the marker is what test_bad_inputs and test_hardening assert is absent."""
    from conceptgen import pipeline
    from conceptgen.cli import INTERNAL_ERROR

    def broken(*args, **kwargs):
        raise RuntimeError("kaputt")

    monkeypatch.setattr(pipeline, "check_project", broken)
    result = cli("check", minimal)
    assert result.exit_code == 3
    assert result.output.strip().splitlines() == [
        f"{INTERNAL_ERROR}: RuntimeError: kaputt (ein Programmfehler; mit --debug erneut ausführen)"
    ]


def test_render_writes_docx(cli, minimal, tmp_path):
    out = tmp_path / "out"
    result = cli("render", minimal, "-o", out, "--no-libreoffice")
    assert result.exit_code == 0, result.output
    assert (out / "test.docx").is_file()
    assert "geschrieben:" in result.stdout
    assert [p.name for p in out.iterdir() if not p.name.startswith(".conceptgen")] == ["test.docx"]
    assert not list(out.glob("*.tmp"))  # no temporary files left


def test_render_default_build_folder(cli, minimal):
    assert cli("render", minimal, "--no-libreoffice").exit_code == 0
    assert (minimal / "build" / "test.docx").is_file()


def _syntax(p: Path) -> None:
    (p / "goals.yaml").write_text("goals:\n  - id: Z1\n    title: [unclosed\n", encoding="utf-8")


def _duplicate_key(p: Path) -> None:
    replace_in(p / "measures.yaml", "    lead: Sozialamt\n", "    lead: Sozialamt\n    lead: Kreis\n")


def _tab(p: Path) -> None:
    replace_in(p / "measures.yaml", "    lead: Sozialamt", "\tlead: Sozialamt")


def _wrong_type(p: Path) -> None:
    replace_in(p / "measures.yaml", "priority: 1", "priority: sehr hoch")


def _unknown_key(p: Path) -> None:
    replace_in(p / "measures.yaml", "    title: Maßnahme eins", "    titel: Maßnahme eins")


def _missing_field(p: Path) -> None:
    replace_in(p / "indicators.yaml", "    unit: Personen\n", "")


def _broken_reference(p: Path) -> None:
    replace_in(p / "measures.yaml", "indicators: [K1]", "indicators: [K2]")


def _duplicate_id(p: Path) -> None:
    replace_in(
        p / "goals.yaml",
        "      - {id: Z1.1, title: Handlungsziel eins}",
        "      - {id: Z1.1, title: Handlungsziel eins}\n      - {id: Z1.1, title: nochmal}",
    )


def _empty_file(p: Path) -> None:
    (p / "goals.yaml").write_text("", encoding="utf-8")


def _latin1(p: Path) -> None:
    (p / "goals.yaml").write_bytes("goals:\n  - id: Z1\n    title: Maßnahme\n".encode("latin-1"))


def _unknown_template(p: Path) -> None:
    replace_in(p / "project.yaml", "  - output: test.docx", "  - output: test.docx\n    template: konzpet")


def _missing_text(p: Path) -> None:
    (p / "text" / "rahmen.md").unlink()


BAD_INPUTS = {
    "syntax": (_syntax, "CG003", "goals.yaml", 3),
    "duplicate-key": (_duplicate_key, "CG005", "measures.yaml", 7),
    "tab": (_tab, "CG004", "measures.yaml", 6),
    "wrong-type": (_wrong_type, "CG103", "measures.yaml", 4),
    "unknown-key": (_unknown_key, "CG101", "measures.yaml", 3),
    "missing-field": (_missing_field, "CG102", "indicators.yaml", 2),
    "broken-reference": (_broken_reference, "CG202", "measures.yaml", 10),
    "duplicate-id": (_duplicate_id, "CG201", "goals.yaml", 6),
    "empty-file": (_empty_file, "CG006", "goals.yaml", 1),
    "non-utf8": (_latin1, "CG002", "goals.yaml", 3),
    "unknown-template": (_unknown_template, "CG401", "project.yaml", 9),
    "missing-text": (_missing_text, "CG404", "project.yaml", 8),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_is_located_exit_1_and_writes_nothing(cli, minimal, tmp_path, case):
    mutate, code, file, line = BAD_INPUTS[case]
    out = tmp_path / "out"
    out.mkdir()
    previous = out / "test.docx"
    previous.write_bytes(b"previous output")
    mutate(minimal)
    for command in (("check", minimal), ("render", minimal, "-o", out)):
        result = cli(*command)
        assert result.exit_code == 1, result.output
        assert "Traceback" not in result.output
        found = [
            (m.group("code"), Path(m.group("file")).name, int(m.group("line")))
            for m in LOCATED.finditer(result.output)
        ]
        assert (code, file, line) in found, result.output
    assert previous.read_bytes() == b"previous output"
    assert sorted(p.name for p in out.iterdir()) == ["test.docx"]  # not even a manifest or lock


def test_missing_project_folder(cli, tmp_path):
    result = cli("check", tmp_path / "nowhere")
    assert result.exit_code == 1
    assert "CG001" in result.output and "nowhere" in result.output


def test_folder_without_project_yaml(cli, tmp_path):
    result = cli("render", tmp_path)
    assert result.exit_code == 1
    assert re.search(r"project\.yaml: CG001 Fehler", result.output)


def test_real_process_exit_codes_and_no_traceback(minimal, tmp_path):
    _syntax(minimal)
    run = subprocess.run(
        [sys.executable, "-m", "conceptgen", "render", str(minimal)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 1
    assert "Traceback" not in run.stderr and "CG003" in run.stderr
    # nothing written but check's cache (build/.cache: findings of unchanged inputs, conceptgen/checked.py)
    build = minimal / "build"
    assert [p for p in build.rglob("*") if ".cache" not in p.relative_to(build).parts] == []


def test_schema_command(cli):
    result = cli("schema")
    assert result.exit_code == 0
    assert '"measures"' in result.stdout and "Federführung" in result.stdout


def test_explain_prints_the_checks_text(cli):
    result = cli("explain", "cg705")
    assert result.exit_code == 0
    first, second = result.output.splitlines()[:2]
    assert first == "CG705 (Warnung): Artikel der Konvention von keinem Ziel und keiner Maßnahme behandelt"
    assert second.startswith("CG705 (warning): article of the convention addressed by no goal")
    assert "Leave it out of `relevant:`" in result.output.replace("\n", " ")
    unknown = cli("explain", "CG999")
    assert unknown.exit_code == 1 and "CG104" in unknown.output


@pytest.mark.parametrize("owner", ["~$st.docx", "~$test.docx", ".~lock.test.docx#"])
def test_output_open_in_word_is_not_written(minimal, tmp_path, cli, owner):
    out = tmp_path / "out"
    assert cli("render", minimal, "-o", out, "--no-libreoffice").exit_code == 0
    before = (out / "test.docx").read_bytes()
    (out / owner).write_bytes(b"owner")
    (minimal / "text" / "einleitung.md").write_text("Neu.\n", encoding="utf-8")
    result = cli("render", minimal, "-o", out, "--no-libreoffice")
    assert result.exit_code == 1 and "CG504" in result.output and "geöffnet" in result.output
    assert (out / "test.docx").read_bytes() == before


def test_quiet_and_verbose(minimal, tmp_path, cli):
    quiet = cli("--quiet", "render", minimal, "-o", tmp_path / "q", "--no-libreoffice")
    assert quiet.exit_code == 0 and quiet.output == ""
    verbose = cli("--verbose", "render", minimal, "-o", tmp_path / "v", "--no-libreoffice")
    assert verbose.exit_code == 0 and "render 1/1" in verbose.output and "geschrieben:" in verbose.output


@pytest.mark.parametrize("flag", ["-q", "--quiet", "-v", "--verbose"])
def test_the_global_flags_are_taken_after_the_command_too(minimal, cli, flag):
    """Issue 25, item 17: ``check PROJECT -q`` was „No such option: -q“ (exit 2)."""
    before = cli(flag, "check", minimal)
    for args in (("check", flag, minimal), ("check", minimal, flag)):
        after = cli(*args)
        assert after.exit_code == before.exit_code == 0, after.output
        assert after.output == before.output


def test_quiet_after_the_command_hides_the_warnings(minimal, cli):
    (minimal / "text" / "unbenutzt.md").write_text("Ein Text, den kein Dokument zeigt.\n", encoding="utf-8")
    loud, quiet = cli("check", minimal), cli("check", minimal, "-q")
    assert loud.exit_code == quiet.exit_code == 0
    assert "CG117" in loud.output and "CG117" not in quiet.output


def test_a_flag_after_double_dash_is_an_argument(cli):
    result = cli("explain", "--", "-q")
    assert result.exit_code == 1 and "unbekannter Prüfcode „-q“" in result.output
