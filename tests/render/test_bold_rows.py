"""Bold sets a row apart (a measure from its tasks, a total from its rows): a table whose every row is
bold sets nothing apart and shouts. Lünen's „Zeitplan der Maßnahmen“ printed its twelve measures bold
because the schedule bolds a measure against its tasks, and Lünen's measures have none. Every table of
every example document is read back."""

from __future__ import annotations

import pytest

from tests.docx_text import read_tables
from tests.examples import documents, rendered

pytestmark = pytest.mark.slow  # renders every example


@pytest.mark.parametrize(("project", "name"), documents())
def test_no_table_is_bold_in_every_row(project, name):
    shouting = []
    for table in read_tables(rendered(project)[name]):
        body = [r for r in table.rows if not r.header and any(c.strip() for c in r.cells)]
        if len(body) >= 2 and all(r.bold for r in body):
            shouting.append(table.caption)
    assert shouting == []
