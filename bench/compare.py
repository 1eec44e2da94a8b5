"""Compare two revisions of conceptgen on the same machine in the same run (not a test).

    python bench/compare.py 1b0ede0 HEAD [--project projects/neuss] [--runs 7] [--warm]

Each revision is checked out into a temporary git worktree; ``check`` and ``render --no-libreoffice``
of the project run alternately for both revisions (interpreter start included, as a consultant sees it),
and the medians are printed with the ratio new/old. Each revision renders the project folder of its own
checkout (with its own templates). Uses this interpreter and its installed dependencies. Renders run
with the project cache switched off (``CONCEPTGEN_CACHE=0``: every picture and page number made anew)
unless ``--warm``.
"""

from __future__ import annotations

import argparse
import os
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
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        trees = {}
        for name, rev in (("old", args.old), ("new", args.new)):
            tree = Path(tmp) / name
            subprocess.run(["git", "worktree", "add", "--detach", "-q", str(tree), rev], cwd=ROOT, check=True)
            trees[name] = tree
        try:
            out = Path(tmp) / "out"
            commands = {
                "check": ["check", args.project],
                "render": ["render", args.project, "-o", str(out), "--no-libreoffice", "--force"],
            }
            times: dict[tuple[str, str], list[float]] = {(t, c): [] for t in trees for c in commands}
            for _ in range(args.runs):
                for command, words in commands.items():
                    for name, tree in trees.items():
                        env = dict(
                            os.environ, PYTHONPATH=str(tree), CONCEPTGEN_CACHE="1" if args.warm else "0"
                        )
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
            for command in commands:
                old = statistics.median(times[("old", command)])
                new = statistics.median(times[("new", command)])
                print(f"{command}: {args.old} {old:.2f} s, {args.new} {new:.2f} s, ratio {new / old:.2f}")
        finally:
            for tree in trees.values():
                subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT, check=False)


if __name__ == "__main__":
    main()
