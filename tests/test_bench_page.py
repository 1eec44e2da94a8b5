"""bench/run.py rewrites only the generated tables of docs/performance.md: the history below them (each
round's measurements, written by hand) is kept — a run rewrote it from bench/notes.md, 320 lines behind."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_a_run_keeps_the_pages_history():
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from run import HISTORY, kept_history
    finally:
        sys.path.remove(str(ROOT / "bench"))
    page = (ROOT / "docs" / "performance.md").read_text(encoding="utf-8")
    kept = kept_history(page)
    assert kept.startswith(HISTORY) and page.rstrip().endswith(kept)
    assert len(kept.splitlines()) > 100  # the rounds' sections, not the heading alone
    assert kept_history("# Performance\n\n| table |\n") == HISTORY


def test_bench_run_has_help_and_starts_nothing():
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--help"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0 and "--no-city-pdf" in done.stdout
