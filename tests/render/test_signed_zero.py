"""A change printed as zero carries no sign: Dortmund's profiles printed „−0,0“ and „+0,0“ where a rate
moved by less than the last shown decimal (a reader takes −0,0 for a decline). Every table cell of every
rendered example is read back."""

from __future__ import annotations

import io
import re

import docx
import pytest

from tests.examples import documents, rendered

pytestmark = pytest.mark.slow  # renders every example

SIGNED_ZERO = re.compile(r"^[+−-]0(,0+)?( ?%| Pp\.)?$")


@pytest.mark.parametrize(("project", "name"), documents())
def test_no_zero_with_a_sign_in_any_table(project, name):
    document = docx.Document(io.BytesIO(rendered(project)[name]))
    cells = [cell.text.strip() for table in document.tables for row in table.rows for cell in row.cells]
    assert [c for c in cells if SIGNED_ZERO.match(c)] == []
