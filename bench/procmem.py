"""Run a command and measure its wall time and the peak memory of it and all its descendants together
(the render's workers and LibreOffice included): the sum of their proportional set sizes (PSS: a page
shared by a forked worker and its parent counts half for each), sampled every 100 ms (Linux; elsewhere
the peak RSS of the largest child).

    python bench/procmem.py COMMAND ...   → prints "SECONDS PEAK_MB"
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

PROC = Path("/proc")


def _tree(root: int) -> list[int]:
    """``root`` and its descendants, from every process's parent in /proc/<pid>/stat."""
    children: dict[int, list[int]] = {}
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parent = int(stat[stat.rindex(")") + 2 :].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    pids, stack = [], [root]
    while stack:
        pid = stack.pop()
        pids.append(pid)
        stack += children.get(pid, [])
    return pids


def _pss_kb(pid: int) -> int:
    try:
        for line in (PROC / str(pid) / "smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def measure(
    command: list[str], env: dict[str, str] | None = None, cwd: Path | None = None
) -> tuple[float, int]:
    """Wall seconds and peak MB over the process tree of ``command`` (raises CalledProcessError)."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command,
        env=env,
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        text=True,
    )
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.wait(0.1):
            peak = max(peak, sum(_pss_kb(pid) for pid in _tree(process.pid)))

    sampler = threading.Thread(target=sample, daemon=True)
    if (PROC / "self" / "smaps_rollup").exists():
        sampler.start()
    output, errors = process.communicate()
    seconds = time.perf_counter() - start
    done.set()
    if sampler.is_alive():
        sampler.join()
    else:
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if process.returncode:
        raise subprocess.CalledProcessError(process.returncode, command, output, errors)
    return seconds, peak // 1024


if __name__ == "__main__":
    seconds, mb = measure(sys.argv[1:], dict(os.environ))
    print(f"{seconds:.3f} {mb}")
