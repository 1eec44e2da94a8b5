"""Benchmark (not a test): resolving ``basedOn`` chains in a styles part of N chained styles — the lookup
that scanned every style per step (quadratic: 105 s at 4,000 levels in `template new --from`) against
ooxml/safety.style_depths (one pass) and transplant._chain's table (linear, cut at the depth limit).
Times in the same run, as ratios. ``python bench/style_chain.py``"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lxml import etree

from conceptgen.ooxml.base import qn
from conceptgen.ooxml.safety import style_depths

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def styles(count: int) -> etree._Element:
    xml = "".join(
        f'<w:style w:styleId="S{i}">' + (f'<w:basedOn w:val="S{i - 1}"/>' if i else "") + "</w:style>"
        for i in range(count)
    )
    return etree.fromstring(f'<w:styles xmlns:w="{W}">{xml}</w:styles>')


def old_chain(root: etree._Element, style: etree._Element) -> int:
    """The lookup before: every step scanned all styles for the id (transplant.style_by_id)."""
    steps, seen = 0, set()
    while style is not None and style.get(qn("w:styleId")) not in seen:
        seen.add(style.get(qn("w:styleId")))
        steps += 1
        based = style.find(qn("w:basedOn"))
        wanted = based.get(qn("w:val")) if based is not None else None
        style = next((s for s in root.iter(qn("w:style")) if s.get(qn("w:styleId")) == wanted), None)
    return steps


def timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def main() -> None:
    print("levels  old lookup (deepest style)  style_depths (all styles)  ratio")
    for count in (250, 500, 1000, 2000):
        root = styles(count)
        deepest = root[-1]
        old = timed(lambda root=root, deepest=deepest: old_chain(root, deepest))
        new = timed(lambda root=root: style_depths(root))
        print(f"{count:6}  {old:10.3f} s                  {new:10.4f} s                {old / new:8.0f}×")


if __name__ == "__main__":
    main()
