"""How long the preview takes from saving an edit to seeing it, for this revision and a baseline
revision in the same run (not a test):

    python bench/preview.py [--edits 5] [--project projects/neuss] [--baseline 688598d] [--rounds 1]

Each revision runs in its own process (its checkout in a temporary git worktree, as bench/compare.py;
this interpreter and its libraries), the revisions alternately, on a fresh copy of the project each:

- **first pages**: from the start (LibreOffice launched, its start overlapping the first render, as
  ``conceptgen preview`` does) to the first page's picture being served; then again as a preview
  started a second time on the same project (what the project's cache keeps counts);
- **edit**: a sentence appended to text/einleitung.md while the preview's watcher runs, timed from the
  write to the picture of the page with the edit being served (``page with the edit``) and to every
  page's (``all pages``); the median of ``--edits`` edits; then twice a long paragraph (60 sentences),
  which moves the pages after it. The baseline (before pages were drawn incrementally) serves all pages
  at once, so both are its refresh;
- where the page with the edit is exported alone before the whole document (``State.early``), ``page
  with the edit`` is the time to its picture;
- this revision started again also shows the last preview's pages at once (``resume``), marked as an
  earlier state: the time to the first of them.

The stages of this revision's refreshes (render, LibreOffice, pages: signatures, texts) are printed too
(``State.stages``). Figures are seconds of wall time on this machine, as it is loaded."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASELINE = "688598d"  # main before the preview drew only changed pages (issue 28)


def _ready(viewer, version: int, first: bool) -> bool:
    """Whether the refresh after ``version`` is served: its page with the edit (``first``) or all."""
    with viewer._lock:
        state = viewer.state
        early = getattr(state, "early", None)  # the page with the edit, exported ahead of the rest
        if first and early and early["after"] == version and viewer.pictures.ready(early["key"]):
            return True
        if state.version <= version or state.status != "ok":
            return False
        if not hasattr(viewer, "pictures"):  # the baseline: all pages at once
            return True
        if not first:
            return state.seconds is not None
        edited = state.edited if state.edited is not None else 0
        return viewer.pictures.ready(state.pages[edited]["key"])


def _wait(viewer, version: int, first: bool, timeout: float = 600.0) -> float:
    deadline = time.perf_counter() + timeout
    while not _ready(viewer, version, first):
        if time.perf_counter() > deadline:
            raise SystemExit(f"no new pages within {timeout:.0f} s: {viewer.state.diagnostics}")
        time.sleep(0.01)
    return time.perf_counter()


def measure(tree: Path, project: Path, edits: int) -> dict:
    """One revision's figures (run in a process whose conceptgen is ``tree``'s)."""
    sys.path.insert(0, str(tree))
    from conceptgen.preview import Preview
    from conceptgen.render.office_session import KeptLibreOffice

    found: dict = {"first": [], "resumed": [], "stages": []}
    for start in range(2):  # a first start, and a second on the same project
        began = time.perf_counter()
        office = KeptLibreOffice()
        office.launch()
        viewer = Preview(project, 0, office)
        before = 0
        if start == 1 and hasattr(viewer, "resume") and viewer.resume():  # the last preview's pages
            while not viewer.pictures.ready(viewer.state.pages[0]["key"]):
                time.sleep(0.01)
            found["resumed"].append(time.perf_counter() - began)
            before = viewer.state.version
        refresh = threading.Thread(target=viewer.refresh, daemon=True)
        refresh.start()
        found["first"].append(_wait(viewer, before, first=True) - began)
        refresh.join()
        _wait(viewer, before, first=False)
        if start == 0:
            _edits(viewer, project, edits, found)
        viewer.stop()
        office.close()
    return found


def _edits(viewer, project: Path, edits: int, found: dict) -> None:
    """``edits`` one-line edits, then two long paragraphs (which move the pages after them)."""
    watcher = threading.Thread(target=viewer.watch, daemon=True)
    watcher.start()
    time.sleep(0.5)  # the watcher's first look at the files
    text = project / "text" / "einleitung.md"
    kinds = [("line", f"Eine Zeile mehr ({i}).") for i in range(edits)]
    kinds += [("paragraph", f"Ein langer Absatz ({i}), Satz für Satz. " * 60) for i in range(2)]
    for kind, added in kinds:
        version = viewer.state.version
        written = time.perf_counter()
        text.write_text(text.read_text(encoding="utf-8") + f"\n{added}\n", encoding="utf-8")
        found.setdefault(f"{kind}_first", []).append(_wait(viewer, version, first=True) - written)
        found.setdefault(f"{kind}_all", []).append(_wait(viewer, version, first=False) - written)
        found.setdefault(f"{kind}_changed", []).append(getattr(viewer.state, "changed", None))
        early = getattr(viewer.state, "early", None)
        found.setdefault(f"{kind}_early", []).append(bool(early and early["after"] == version))
        if early and early["after"] == version:
            viewer.wait_drawn(120)
            found.setdefault("early_same", []).append(early.get("same"))
            found.setdefault("early_patched", []).append(early.get("patched"))
        if kind == "line":
            found["stages"].append(dict(getattr(viewer.state, "stages", {})))


def run(revision: str, tree: Path, name: str, edits: int) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder) / "p"
        shutil.copytree(tree / name, project, ignore=shutil.ignore_patterns("build"))
        done = subprocess.run(
            [sys.executable, __file__, "--measure", str(tree), str(project), str(edits)],
            capture_output=True, text=True, env=dict(os.environ, CONCEPTGEN_CACHE="1"),
        )  # fmt: skip
    if done.returncode:
        raise SystemExit(f"{revision} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def report(name: str, baseline: str, old: list[dict], new: list[dict], edits: int) -> None:
    def median(runs: list[dict], key: str, index: int | None = None) -> float:
        values = [v for r in runs for v in (r[key] if index is None else r[key][index : index + 1])]
        return statistics.median(values) if values else float("nan")

    def line(label: str, key: str, index: int | None = None) -> None:
        o, n = median(old, key, index), median(new, key, index)
        print(f"  {label}: {baseline} {o:.2f} s, this revision {n:.2f} s ({n / o:.2f}×)")

    print(f"{name}: medians over {len(new)} round(s), LibreOffice kept running")
    changed = sorted({c for r in new for c in r["line_changed"]})
    line(f"one-line edit ({edits}×; pages changed: {changed}) → page with the edit served", "line_first")
    early = sum(e for r in new for e in r.get("line_early", []))
    print(
        f"    this revision: the page with the edit exported ahead of the rest: {early} of {edits * len(new)}"
    )
    patched = [s for r in new for s in r.get("early_patched", [])]
    print(f"    … applied to the document loaded (not loaded anew): {patched.count(True)} of {len(patched)}")
    same = [s for r in new for s in r.get("early_same", [])]
    print(f"    … the same picture as the whole document's page there: {same.count(True)} of {len(same)}")
    line("one-line edit → all pages served", "line_all")
    stages = [s for r in new for s in r["stages"]]
    names = list(dict.fromkeys(name for s in stages for name in s))  # "early": LibreOffice to the early page
    if names:
        parts = ", ".join(
            f"{name} {statistics.median(s[name] for s in stages if name in s):.2f} s" for name in names
        )
        print(f"    this revision's one-line refresh: {parts} (the rest: the watcher, drawing the page)")
    changed = sorted({c for r in new for c in r["paragraph_changed"]})
    line(f"a long paragraph (2×; pages changed: {changed}) → page with the edit served", "paragraph_first")
    line("a long paragraph → all pages served", "paragraph_all")
    line("first pages", "first", 0)
    line("first pages, the preview started again", "first", 1)
    resumed = [v for r in new for v in r["resumed"]]
    if resumed:
        print(f"    this revision, started again: the last preview's pages (marked) after "
              f"{statistics.median(resumed):.2f} s")  # fmt: skip


def main() -> None:
    if len(sys.argv) == 5 and sys.argv[1] == "--measure":
        print(json.dumps(measure(Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4]))))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--baseline", default=BASELINE)
    parser.add_argument("--project", action="append", help="only these (default: the fixture and neuss)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        old_tree = Path(tmp) / "baseline"
        subprocess.run(
            ["git", "worktree", "add", "--detach", "-q", str(old_tree), args.baseline], cwd=ROOT, check=True
        )
        try:
            for name in args.project or ("tests/fixtures/minimal", "projects/neuss"):
                old, new = [], []
                for _ in range(args.rounds):
                    old.append(run(args.baseline, old_tree, name, args.edits))
                    new.append(run("this revision", ROOT, name, args.edits))
                report(name, args.baseline, old, new, args.edits)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(old_tree)], cwd=ROOT, check=False)


if __name__ == "__main__":
    main()
