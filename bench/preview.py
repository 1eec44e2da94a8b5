"""How long a preview refresh takes after a one-line edit: the median of several edits, with LibreOffice
kept running and with a start per refresh, measured in one run
(python bench/preview.py [--edits 5] [--project projects/neuss]).
The refresh is timed from the moment the watcher sees the change to new pages (render, PDF, images)."""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from conceptgen.preview import Preview  # noqa: E402
from conceptgen.render.office_session import KeptLibreOffice  # noqa: E402


def refreshes(project: Path, kept: bool, edits: int) -> list[float]:
    office = KeptLibreOffice()
    if kept and not office.start():
        raise SystemExit("no Python with uno: cannot keep LibreOffice (apt-get install python3-uno)")
    viewer = Preview(project, 0, office)
    viewer.refresh()  # the first render warms everything up
    times = []
    text = project / "text" / "einleitung.md"
    for i in range(edits):
        text.write_text(text.read_text(encoding="utf-8") + f"\nEine Zeile mehr ({i}).\n", encoding="utf-8")
        viewer.refresh()
        assert viewer.state.status == "ok", viewer.state.diagnostics
        times.append(viewer.state.seconds)
    office.close()
    return times


def first_pages(project: Path, overlap: bool) -> float:
    """Seconds from the preview's start to its first pages: LibreOffice started and ready before the
    first render (``overlap`` False), or launched so that its start overlaps the render."""
    import time

    start = time.perf_counter()
    office = KeptLibreOffice()
    if overlap:
        office.launch()
    elif not office.start():
        raise SystemExit("no Python with uno: cannot keep LibreOffice (apt-get install python3-uno)")
    viewer = Preview(project, 0, office)
    viewer.refresh()
    assert viewer.state.status == "ok", viewer.state.diagnostics
    seconds = time.perf_counter() - start
    office.close()
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--project", action="append", help="only these (default: the fixture and neuss)")
    args = parser.parse_args()
    for name in args.project or ("tests/fixtures/minimal", "projects/neuss"):
        with tempfile.TemporaryDirectory() as folder:
            project = Path(folder) / "p"
            shutil.copytree(ROOT / name, project, ignore=shutil.ignore_patterns("build"))
            kept = refreshes(project, True, args.edits)
            cold = refreshes(project, False, args.edits)
            waited = [first_pages(project, False) for _ in range(3)]
            overlapped = [first_pages(project, True) for _ in range(3)]
        k, c = statistics.median(kept), statistics.median(cold)
        print(f"{name}: refresh after a one-line edit, median of {args.edits}: kept LibreOffice {k:.2f} s, "
              f"a start each time {c:.2f} s ({c / k:.1f}×)")  # fmt: skip
        w, o = statistics.median(waited), statistics.median(overlapped)
        print(f"{name}: first pages, median of 3: LibreOffice ready before the first render {w:.2f} s, "
              f"its start overlapping the render {o:.2f} s ({o / w:.2f}×)")  # fmt: skip


if __name__ == "__main__":
    main()
