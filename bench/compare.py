"""Compare two revisions of conceptgen on the same machine in the same run (not a test).

    python bench/compare.py 1b0ede0 HEAD [--project projects/neuss] [--runs 7] [--warm]
                            [--commands check,help]

Each revision is checked out into a temporary git worktree; ``check`` and ``render --no-libreoffice``
of the project run alternately for both revisions (interpreter start included, as a consultant sees it),
and the medians are printed with the ratio new/old — of the wall time and of the processor time (user +
system, the command's processes together), which a machine shared with others disturbs less; the
revisions take turns at running first. Each revision renders the project folder of its own
checkout (with its own templates). Uses this interpreter and its installed dependencies. Renders run
with the project cache switched off (``CONCEPTGEN_CACHE=0``: every picture and page number made anew)
unless ``--warm`` (which also keeps check's cache: the second and later checks are warm; with ``--edit
FILE`` each run follows a change to that one file). ``--commands``
chooses among ``check``, ``render`` and ``help`` (``conceptgen --help``); default: check and render.
``--bare`` runs bench/bare_docxtpl.py in every run too, after each render pair (the project's context
made once by this checkout, as bench/run.py makes it, into the template without an outline), ``--pandoc``
pandoc on the same content as Markdown (a bench/synth.py project), and each revision's render is printed
as a multiple of them — issue 28's budget lines, measured in the same run:

    python bench/synth.py /tmp/s1 1
    python bench/compare.py main HEAD --project /tmp/s1 --commands render --bare
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("--project", default="projects/neuss")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--warm", action="store_true", help="keep the project cache between runs")
    parser.add_argument("--commands", default="check,render", help="comma-separated: check, render, help")
    parser.add_argument(
        "--edit",
        metavar="FILE",
        help="a text of the project (e.g. text/einleitung.md) that gets a new sentence before every run: "
        "with --warm, a check after a one-file change",
    )
    parser.add_argument("--bare", action="store_true", help="also bare docxtpl in every run (render)")
    parser.add_argument(
        "--pandoc", action="store_true", help="also pandoc in every run (a bench/synth.py project)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        trees = {}
        for name, rev in (("old", args.old), ("new", args.new)):
            tree = Path(tmp) / name
            subprocess.run(["git", "worktree", "add", "--detach", "-q", str(tree), rev], cwd=ROOT, check=True)
            # compiled as pip compiles an installed package: without it, a checkout run with
            # PYTHONDONTWRITEBYTECODE compiles its ≈ 150 modules on every command (≈ 0.4 s)
            subprocess.run([sys.executable, "-m", "compileall", "-q", str(tree / "conceptgen")], check=True)
            trees[name] = tree
        try:
            out = Path(tmp) / "out"
            known = {
                "check": ["check", args.project],
                "render": ["render", args.project, "-o", str(out), "--no-libreoffice", "--force"],
                "help": ["--help"],
            }
            commands = {name: known[name] for name in args.commands.split(",")}
            baselines = {}
            if args.bare:
                baselines["bare docxtpl"] = _bare_command(Path(args.project).resolve(), Path(tmp))
            if args.pandoc:
                baselines["pandoc"] = _pandoc_command(Path(args.project).resolve(), Path(tmp))
            times: dict[tuple[str, str], list[float]] = {(t, c): [] for t in trees for c in commands}
            cpu: dict[tuple[str, str], list[float]] = {(t, c): [] for t in trees for c in commands}
            for run in range(args.runs):
                for command, words in commands.items():
                    order = list(trees.items()) if run % 2 == 0 else list(trees.items())[::-1]
                    for name, tree in order:  # each revision first in every other run
                        env = dict(
                            os.environ, PYTHONPATH=str(tree), CONCEPTGEN_CACHE="1" if args.warm else "0"
                        )
                        if args.edit:
                            edited = tree / args.project / args.edit
                            with edited.open("a", encoding="utf-8") as stream:
                                stream.write(f"\n\nÄnderung {run}.\n")
                        before = resource.getrusage(resource.RUSAGE_CHILDREN)
                        start = time.perf_counter()
                        done = subprocess.run(
                            [sys.executable, "-m", "conceptgen", *words],
                            cwd=tree,
                            env=env,
                            capture_output=True,
                            text=True,
                        )
                        if done.returncode:
                            raise SystemExit(f"{name} ({tree.name}) {command} failed:\n{done.stderr[-2000:]}")
                        times[(name, command)].append(time.perf_counter() - start)
                        after = resource.getrusage(resource.RUSAGE_CHILDREN)
                        used = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
                        cpu[(name, command)].append(used)
                    for baseline, words in baselines.items() if command == "render" else ():
                        seconds, used = _timed(words)
                        times.setdefault((baseline, command), []).append(seconds)
                        cpu.setdefault((baseline, command), []).append(used)
            for command in commands:
                old = statistics.median(times[("old", command)])
                new = statistics.median(times[("new", command)])
                old_cpu = statistics.median(cpu[("old", command)])
                new_cpu = statistics.median(cpu[("new", command)])
                print(
                    f"{command}: {args.old} {old:.2f} s, {args.new} {new:.2f} s, ratio {new / old:.2f}; "
                    f"processor time {old_cpu:.2f} s, {new_cpu:.2f} s, ratio {new_cpu / old_cpu:.2f}"
                )
                for baseline in baselines if command == "render" else ():
                    base_wall = statistics.median(times[(baseline, command)])
                    base_cpu = statistics.median(cpu[(baseline, command)])
                    print(
                        f"  {baseline} {base_wall:.2f} s, processor time {base_cpu:.2f} s: {args.old} "
                        f"{old_cpu / base_cpu:.2f}×, {args.new} {new_cpu / base_cpu:.2f}× {baseline} "
                        f"(processor time; wall {old / base_wall:.2f}×, {new / base_wall:.2f}×)"
                    )
        finally:
            for tree in trees.values():
                subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT, check=False)


def _bare_command(project: Path, tmp: Path) -> list[str]:
    """bench/bare_docxtpl.py on the project's context (made by this checkout, as bench/run.py does)."""
    sys.path.insert(0, str(ROOT / "bench"))
    from run import bare_context

    context = bare_context(project, tmp)
    template = ROOT / "tests" / "fixtures" / "legacy_konzept" / "template.docx"  # bench/run.py's
    return [
        sys.executable,
        str(ROOT / "bench" / "bare_docxtpl.py"),
        str(context),
        str(template),
        str(tmp / "bare.docx"),
    ]


def _pandoc_command(project: Path, tmp: Path) -> list[str]:
    """pandoc on the same content as Markdown (bench/synth.py's, as bench/run.py runs it)."""
    import shutil

    sys.path.insert(0, str(ROOT / "bench"))
    import synth

    markdown = tmp / "content.md"
    markdown.write_text(synth.markdown(project), encoding="utf-8")
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        raise SystemExit("--pandoc: pandoc is not installed")
    return [pandoc, str(markdown), "-o", str(tmp / "pandoc.docx")]


def _timed(command: list[str]) -> tuple[float, float]:
    """Wall and processor time (user + system) of a command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return seconds, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


if __name__ == "__main__":
    main()
