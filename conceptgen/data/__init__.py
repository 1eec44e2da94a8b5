"""Stage 3: data — CSV/XLSX sources, views, table blocks, supply-and-need analyses, indicator values and
chart data. :func:`analyse` runs it all; pandas is imported only by projects that declare data.

- ``sources``: reading a data file into a typed DataFrame, with located errors
- ``frames``: a dataset or view with its column descriptions; lookup, column checks, filters
- ``views``: joins, filters, aggregation and computed columns
- ``tables``: table blocks as raw values
- ``supply``: the Angebots- und Bedarfsanalyse
- ``indicators``: indicator values from data
- ``charts``: the values behind each chart
- ``analysis``: the whole stage
"""

from __future__ import annotations

from conceptgen.data.analysis import DataResult, analyse

__all__ = ["DataResult", "analyse"]
