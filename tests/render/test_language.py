"""An English document is English throughout: captions, references and chart words come from its terms."""

from __future__ import annotations

import re
import zipfile

from tests.conftest import replace_in


def test_english_document_has_english_generated_words(neuss_copy):
    from conceptgen.pipeline import render_project

    replace_in(neuss_copy / "project.yaml", "locale: de", "locale: en")
    result = render_project(neuss_copy, libreoffice=False)
    [concept] = [p for p in result.outputs if p.name.startswith("Wohnungsnotfallkonzept")]
    with zipfile.ZipFile(concept) as package:
        charts = "".join(
            package.read(n).decode() for n in package.namelist() if n.startswith("word/charts/chart")
        )
        document = package.read("word/document.xml").decode()
    series = set(re.findall(r"<c:v>([^<]*)</c:v>", charts))
    assert {"Actual value", "Target path", "Priority 1"} <= series
    assert not {"Istwert", "Zielpfad", "Beginn", "Priorität 1"} & series
    assert "SEQ Table" in document and "SEQ Tabelle" not in document
    assert 'w:val="en-GB"' in package_styles(concept)


def package_styles(path) -> str:
    with zipfile.ZipFile(path) as package:
        return package.read("word/styles.xml").decode()
