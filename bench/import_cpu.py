"""Processor time of every import of one conceptgen command, like ``python -X importtime`` but counted in
processor time (user + system of this process), which the other work on a shared machine disturbs less
than the wall time ``-X importtime`` reports (not a test).

    python bench/import_cpu.py render /tmp/s1 -o /tmp/out --no-libreoffice --force

Runs the command in this process with the cache switched off (``CONCEPTGEN_CACHE=0`` unless set) and
prints the packages by the processor time of their own modules (without what those import), the imports'
sum and the whole process's processor time; ``--tree FILE`` writes every module with its own and its
cumulative milliseconds, indented by depth, in the order the imports finished.
"""

from __future__ import annotations

import atexit
import collections
import importlib.abc
import os
import sys
import time
from typing import Any

_stack: list[float] = []
_rows: list[tuple[str, float, float, int]] = []  # module, own, cumulative, depth


class _Timed(importlib.abc.Loader):
    def __init__(self, loader: Any):
        self.loader = loader

    def create_module(self, spec: Any) -> Any:
        return self.loader.create_module(spec)

    def exec_module(self, module: Any) -> None:
        start = time.process_time()
        _stack.append(0.0)
        try:
            self.loader.exec_module(module)
        finally:
            children = _stack.pop()
            spent = time.process_time() - start
            if _stack:
                _stack[-1] += spent
            _rows.append((module.__name__, spent - children, spent, len(_stack)))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.loader, name)


class _Finder(importlib.abc.MetaPathFinder):
    def find_spec(self, name: str, path: Any, target: Any = None) -> Any:
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None:
                if spec.loader is not None and hasattr(spec.loader, "exec_module"):
                    spec.loader = _Timed(spec.loader)
                return spec
        return None


def _report(tree: str | None) -> None:
    packages: collections.Counter[str] = collections.Counter()
    for name, own, _cumulative, _depth in _rows:
        parts = name.split(".")
        packages[".".join(parts[:2]) if parts[0] == "conceptgen" else parts[0]] += own
    for package, own in packages.most_common(30):
        print(f"{own * 1000:7.1f} ms  {package}", file=sys.stderr)
    total = sum(own for _name, own, _cumulative, _depth in _rows)
    print(f"imports {total:.3f} s of {time.process_time():.3f} s processor time", file=sys.stderr)
    if tree:
        with open(tree, "w", encoding="utf-8") as stream:
            for name, own, cumulative, depth in _rows:
                stream.write(f"{own * 1000:8.1f} {cumulative * 1000:8.1f} {'  ' * depth}{name}\n")


def main() -> None:
    args = sys.argv[1:]
    tree = None
    if "--tree" in args:
        at = args.index("--tree")
        tree = args[at + 1]
        del args[at : at + 2]
    os.environ.setdefault("CONCEPTGEN_CACHE", "0")
    sys.meta_path.insert(0, _Finder())
    atexit.register(_report, tree)
    sys.argv = ["conceptgen", *args]
    from conceptgen.cli import main as conceptgen

    conceptgen()


if __name__ == "__main__":
    main()
