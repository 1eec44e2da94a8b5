"""``check``'s document pass: what render will write, read as a second reader would before a council does.

Every document's context is built as render builds it (the texts, tables, totals and charts as resolved),
without Word or LibreOffice; what a reader would stop at is reported at the YAML or Markdown that caused
it (docs/checks.md, CG320–CG339).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

from conceptgen.data.charts import ChartResult


def document_charts(context: dict[str, Any]) -> list[ChartResult]:
    """Every chart a document's context holds: charts.yaml's, and those its blocks draw (a survey's,
    a profile's, the financing plan's, the progress report's), each once."""
    found: dict[int, ChartResult] = {}
    for value in _walk(context, set()):
        if isinstance(value, ChartResult):
            found.setdefault(id(value), value)
    return list(found.values())


def _walk(value: Any, seen: set[int]) -> Iterator[Any]:
    """``value`` and what it holds: mappings, sequences and dataclasses (a chart is not entered)."""
    if id(value) in seen:
        return
    seen.add(id(value))
    yield value
    if isinstance(value, ChartResult):
        return
    if isinstance(value, dict):
        children: Any = value.values()
    elif isinstance(value, (list, tuple)):
        children = value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        children = [getattr(value, f.name) for f in dataclasses.fields(value)]
    else:
        return
    for child in children:
        yield from _walk(child, seen)
