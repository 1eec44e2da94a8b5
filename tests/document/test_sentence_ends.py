"""Notes joined of parts end a sentence before the next begins: Lindenhorst's profile printed
„…Datenschutz) Ein Teil dieser Werte…“. Over every paragraph (body, tables, footnotes) of every
example document: a closing bracket is not followed by a sentence's capitalised first word."""

from __future__ import annotations

import re

import pytest

from tests.docx_text import paragraphs
from tests.examples import documents, rendered

# words that begin a sentence, not a name or noun that may follow a bracket („(SkF) Neuss“)
RUN_ON = re.compile(r"\) (Ein|Eine|Der|Die|Das|Dies\w*|Es|Sie|Er|Wir|Zur|Im|Bei|Für|Werte) ")


@pytest.mark.slow  # renders every example
@pytest.mark.parametrize(("project", "name"), documents())
def test_a_sentence_ends_before_the_next_begins(project, name):
    run_on = [p.text for p in paragraphs(rendered(project)[name]) if RUN_ON.search(p.text)]
    assert run_on == [], f"{name}: {run_on[:3]}"
