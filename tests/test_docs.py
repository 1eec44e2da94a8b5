"""Docs move with the code: check codes, the field reference and the template contract."""

from __future__ import annotations

import re

from conceptgen.diagnostics import CODES, TITLES_DE, explanation
from conceptgen.model.reference import BEGIN, END, reference
from tests.conftest import ROOT
from tests.document.test_context import neuss_context


def test_every_code_documented_and_no_stale_codes():
    text = (ROOT / "docs" / "checks.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| (CG\d{3}) \|", text, re.M))
    assert documented == set(CODES)


def test_every_code_has_its_german_summary_and_explain_shows_both():
    """Issue 25, item 17: the product speaks German; ``explain`` gives the English code text too."""
    missing, stale = sorted(set(CODES) - set(TITLES_DE)), sorted(set(TITLES_DE) - set(CODES))
    assert not missing, f"add the German summary of {missing} to TITLES_DE (conceptgen/diagnostics.py)"
    assert not stale, f"remove {stale} from TITLES_DE"
    for code, (level, summary) in CODES.items():
        german = TITLES_DE[code]
        assert german and german != summary, code
        lines = explanation(code).splitlines()
        assert lines[0] == f"{code} ({'Fehler' if level.value == 'error' else 'Warnung'}): {german}"
        assert lines[1] == f"{code} ({level.value}): {summary}"


def test_field_reference_is_current():
    text = (ROOT / "docs" / "project-format.md").read_text(encoding="utf-8")
    embedded = text.split(BEGIN, 1)[1].split(END, 1)[0].strip()
    assert embedded == reference().strip(), "run: python -m conceptgen.model.reference and update the docs"


def test_template_contract_mentions_every_context_key():
    text = (ROOT / "docs" / "templates.md").read_text(encoding="utf-8")
    context = neuss_context()
    missing = set()

    def walk(value):
        if isinstance(value, dict):
            for key, item in value.items():
                if (
                    key not in ("text",)
                    and f"`{key}`" not in text
                    and f"`{key}[]`" not in text
                    and f"{key} (" not in text
                ):
                    missing.add(key)
                if key != "text":
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(context)
    assert missing == set()


def test_block_catalogue_documents_every_block_with_a_picture():
    from conceptgen.blocks import registry

    BLOCKS = registry()

    text = (ROOT / "docs" / "blocks.md").read_text(encoding="utf-8")
    documented = re.findall(r"^### (\w+)$", text, re.M)
    assert sorted(documented) == sorted(BLOCKS)
    for name in BLOCKS:
        assert f"![{name}](blocks/{name}.png)" in text
        assert (ROOT / "docs" / "blocks" / f"{name}.png").is_file()


def test_every_environment_variable_is_documented():
    """Each CONCEPTGEN_… variable the code reads is named in README.md or docs/ (issue 28: the template
    limit's variable was undocumented)."""
    import re

    pattern = re.compile(r"CONCEPTGEN_[A-Z_]+")
    used = {
        m for path in (ROOT / "conceptgen").rglob("*.py") for m in pattern.findall(path.read_text("utf-8"))
    }
    documents = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
    named = {m for path in documents for m in pattern.findall(path.read_text("utf-8"))}
    assert used and sorted(used - named) == []
