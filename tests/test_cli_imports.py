"""What the command line imports before any work (conceptgen/cli.py): a remembered ``check``, ``explain``
and ``--help`` run without pydantic, which typer (0.2x) would import to convert a path or a text; the
conversion without it gives what typer's gives."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import NEUSS

PROBE = textwrap.dedent(
    """
    import runpy, sys
    sys.argv = ["conceptgen", *sys.argv[1:]]
    try:
        runpy.run_module("conceptgen", run_name="__main__")
    except SystemExit as exc:
        code = exc.code
    else:
        code = 0
    heavy = ("pydantic", "typer._adapters", "importlib.metadata", "pandas", "numpy", "openpyxl", "lxml")
    heavy += ("rich",)
    print("EXIT", code, "IMPORTED", ",".join(m for m in heavy if m in sys.modules))
    """
)


def imported(*args: str, cwd: Path, env: dict[str, str]) -> tuple[int, set[str]]:
    """The exit code of ``conceptgen ARGS`` in a fresh interpreter and the heavy modules it imported."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], cwd=cwd, env=env, capture_output=True, text=True, check=True
    )
    last = done.stdout.strip().splitlines()[-1].split()
    assert last[0] == "EXIT" and last[2] == "IMPORTED", done.stdout + done.stderr
    return int(last[1]), set(filter(None, (last[3] if len(last) > 3 else "").split(",")))


@pytest.fixture()
def environment(tmp_path) -> dict[str, str]:
    env = dict(os.environ, CONCEPTGEN_CACHE="1", CONCEPTGEN_USER_DIR=str(tmp_path / "user"))
    env.pop("CONCEPTGEN_CACHE_DIR", None)
    return env


@pytest.mark.parametrize("project", ["neuss", "minimal"])
def test_a_remembered_check_imports_no_pydantic(tmp_path, environment, project):
    """The second check of an unchanged project comes from build/.cache: neither pydantic (the model,
    typer's conversion of the project's path) nor pandas is imported for it."""
    from tests.conftest import FIXTURES

    source = NEUSS if project == "neuss" else FIXTURES / "minimal"
    shutil.copytree(source, tmp_path / project, ignore=shutil.ignore_patterns("build"))
    first = imported("check", project, cwd=tmp_path, env=environment)
    assert first[0] == 0 and "pydantic" in first[1]  # the first check makes the model
    assert imported("check", project, cwd=tmp_path, env=environment) == (0, set())
    assert imported("check", "-q", project, cwd=tmp_path, env=environment) == (0, set())


@pytest.mark.parametrize("project", ["minimal", "synth"])
def test_a_project_without_data_is_checked_without_pandas(tmp_path, environment, project):
    """A project without data.yaml (the test fixture, bench/run.py's synthetic project) is checked without
    importing pandas, numpy or openpyxl — the first check, which makes the model, and the remembered one."""
    from tests.conftest import FIXTURES

    if project == "synth":
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
        try:
            import synth
        finally:
            sys.path.pop(0)
        synth.synth(tmp_path / project, 1)
    else:
        shutil.copytree(FIXTURES / "minimal", tmp_path / project, ignore=shutil.ignore_patterns("build"))
    assert not (tmp_path / project / "data.yaml").exists()
    for _ in range(2):
        code, modules = imported("check", project, cwd=tmp_path, env=environment)
        assert code == 0 and not modules & {"pandas", "numpy", "openpyxl"}, modules
    text = sorted((tmp_path / project / "text").glob("*.md"))[0]
    text.write_text(text.read_text(encoding="utf-8") + "\n\nEin neuer Satz.\n", encoding="utf-8")
    code, modules = imported("check", project, cwd=tmp_path, env=environment)  # made again: the model
    assert code == 0 and "pydantic" in modules and not modules & {"pandas", "numpy", "openpyxl", "lxml"}, (
        modules  # the template's layout kept by its content (Template.layout_from): no lxml to read it
    )


@pytest.mark.parametrize(
    "args, code",
    [
        (["--help"], 0),
        (["check", "--help"], 0),
        (["explain", "CG110"], 0),
        (["--version"], 0),
        (["check"], 2),  # the project missing: typer's usage error
    ],
)
def test_commands_without_a_model_import_no_pydantic(tmp_path, environment, args, code):
    assert imported(*args, cwd=tmp_path, env=environment) == (code, set())


def _params():
    """Each path, text and flag parameter of every command (and the group's own), as typer builds them."""
    import typer.main

    from conceptgen.cli import app

    group = typer.main.get_command(app)
    ctx = group.make_context("conceptgen", ["--version"], resilient_parsing=True)
    commands = [group]
    for command in group.commands.values():
        commands += [command, *getattr(command, "commands", {}).values()]
    return [
        (command, param)
        for command in commands
        for param in command.get_params(ctx)
        if param.type_descriptor.annotation in (Path, str, bool)
    ], ctx


VALUES = ["projects/neuss", "", "-", ".", "~", "ä ö/ü", "nicht/da", "a" * 300, None, Path("x"), b"b", "true"]


def _outcome(runtime, value, param, ctx):
    try:
        got = runtime.coerce(value, param=param, ctx=ctx)
    except Exception as exc:  # the same refusal, in the same words
        return ("refused", type(exc).__name__, str(exc))
    return ("value", type(got), got)


def test_plain_conversion_gives_what_typer_gives(tmp_path, monkeypatch):
    """For every path, text and flag parameter of the CLI and values of each kind (a file, a folder,
    nothing there, '-', an empty word, None, a Path, bytes), conceptgen's conversion without pydantic
    returns the value typer's own returns — or refuses it in the same words."""
    from typer._coercion import build_runtime_param

    from conceptgen.cli import _plain_conversion

    monkeypatch.chdir(tmp_path)
    (tmp_path / "projects" / "neuss").mkdir(parents=True)
    (tmp_path / "datei.txt").write_text("x", encoding="utf-8")
    params, ctx = _params()
    assert {p.type_descriptor.annotation for _c, p in params} == {Path, str, bool}
    compared = 0
    for _command, param in params:
        _plain_conversion(param)
        plain = param._runtime_param
        assert plain is not None and type(plain).__name__ == "Plain", param.name
        typers = build_runtime_param(param.type_descriptor)
        for value in [*VALUES, "datei.txt"]:
            expected = _outcome(typers, value, param, ctx)
            assert _outcome(plain, value, param, ctx) == expected, (param.name, value)
            compared += 1
    assert compared > 100
