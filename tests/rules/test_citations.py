"""Citations lead to the source they name: a project's own `short:` labels kept exactly, the letters of
one author's sources of a year chosen around them, and what a reader could not resolve refused
(CG340–CG342) — read back from the rendered text and bibliography."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conceptgen.language import Language
from conceptgen.model.citations import citation_labels
from conceptgen.model.content import Source
from conceptgen.pipeline import check_project, render_project
from tests.conftest import ROOT, replace_in
from tests.docx_text import paragraphs
from tests.examples import PROJECTS, rendered

GERMAN = Language("de")
AUTHORS = ["Stadt Bottrop", "Kreis Recklinghausen", "IT.NRW"]


def _resolve(label: str, entries: list[str]) -> list[str]:
    """The bibliography entries a reader finds for a citation ``label``: an entry that starts with the
    label („UN-BRK 2006 – …“), or — for „Autor 2023a“ — an entry of that author with „(2023a)“; a label
    without year names its author („Soziale Stadt NRW: …“) or its title („Landesprogramm. …“)."""
    found = [e for e in entries if e.startswith((f"{label} – ", f"{label}: ", f"{label}."))]
    match = re.fullmatch(r"(.+) (\d{4}[a-z]?)", label)
    if match:
        name, year = match.groups()
        found += [e for e in entries if e.startswith(f"{name} ({year}):") and e not in found]
    return found


def _sources(own: list[str | None]) -> list[Source]:
    """Three pairs of one author and year (titles in reverse order of the ids), with the own labels
    ``own`` (one per source; None: none)."""
    sources = []
    for i, label in enumerate(own):
        author = AUTHORS[i // 2]
        title = f"Bericht {'ZYXWVU'[i]}"
        sources.append(Source(id=f"Q{i + 1}", author=author, year=2023, title=title, short=label))
    return sources


OWN_LABELS = {
    "none": [None] * 6,
    "some": ["Stadt Bottrop 2023a", None, None, "Kreis Recklinghausen 2023b", "IT-Statistik 2023", None],
    "all": [
        "Stadt Bottrop 2023a",
        "Stadt Bottrop 2023b",
        "Kreis Recklinghausen 2023b",
        "Kreis Recklinghausen 2023a",
        "IT.NRW 2023b",
        "IT.NRW 2023a",
    ],
}


@pytest.mark.parametrize("case", sorted(OWN_LABELS))
def test_own_labels_kept_and_every_label_resolves_to_its_source(case):
    sources = _sources(OWN_LABELS[case])
    from conceptgen.document.bibliography import bibliography

    entries = bibliography(sources, GERMAN)
    texts = [e["text"] for e in entries]
    _labels, problems = citation_labels(sources, GERMAN)
    assert problems == []
    for source in sources:
        [entry] = [e for e in entries if e["id"] == source.id]
        if source.short:
            assert entry["short"] == source.short
        [found] = _resolve(entry["short"], texts)
        assert source.title in found


def test_letters_taken_around_own_labels():
    own = ["Stadt Bottrop 2023b", None, None, "Kreis Recklinghausen 2023a", "IT-Statistik 2023", None]
    sources = _sources(own)
    labels, _problems = citation_labels(sources, GERMAN)
    assert labels["Q1"].short == "Stadt Bottrop 2023b" and labels["Q2"].short == "Stadt Bottrop 2023a"
    assert labels["Q3"].short == "Kreis Recklinghausen 2023b"
    assert labels["Q5"].shown and labels["Q5"].year == "2023b"  # „IT-Statistik 2023 – IT.NRW (2023b): …“


def test_added_letters_skip_an_own_label_of_another_author():
    """„Stadt Bottrop 2023a“ written for a source of the Kreis: Stadt Bottrop's own two sources of 2023
    are lettered b and c, so that no citation „Stadt Bottrop 2023a“ could mean two sources."""
    sources = _sources([None, None, "Stadt Bottrop 2023a", None, None, None])
    labels, problems = citation_labels(sources, GERMAN)
    assert problems == []
    assert {labels["Q1"].short, labels["Q2"].short} == {"Stadt Bottrop 2023b", "Stadt Bottrop 2023c"}
    assert labels["Q3"].short == "Stadt Bottrop 2023a" and labels["Q3"].year == "2023a"


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["A-Stadt", "B-Kreis"]), st.sampled_from([2022, 2023]), st.sampled_from("-abcd")
        ),
        min_size=1,
        max_size=7,
    )
)
def test_every_label_names_one_source_or_is_refused(rows):
    """Any mix of authors, years and own letters: either every label leads to exactly its source in the
    list, or the mix is reported — never a label that leads to another source."""
    sources = [
        Source(id=f"Q{i}", author=a, year=y, title=f"T{i}", short=None if c == "-" else f"{a} {y}{c}")
        for i, (a, y, c) in enumerate(rows)
    ]
    from conceptgen.document.bibliography import bibliography

    _labels, problems = citation_labels(sources, GERMAN)
    entries = bibliography(sources, GERMAN)
    texts = [e["text"] for e in entries]
    if problems:
        assert {p.code for p in problems} <= {"CG340", "CG341"}
        return
    for source in sources:
        [entry] = [e for e in entries if e["id"] == source.id]
        assert entry["short"] == (source.short or entry["short"])
        [found] = _resolve(entry["short"], texts)
        assert found.startswith(f"{source.author} (") and f": {source.title}." in found


def _project(minimal: Path, own: list[str | None]) -> Path:
    lines = ["sources:"]
    for source in _sources(own):
        lines += [f"  - id: {source.id}", f"    author: {source.author}", "    year: 2023"]
        lines.append(f"    title: {source.title}")
        if source.short:
            lines.append(f"    short: {source.short}")
    (minimal / "sources.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    cites = "\n\n".join(f"Beleg {i}: [@Q{i}]." for i in range(1, len(own) + 1))
    text = minimal / "text" / "einleitung.md"
    text.write_text(text.read_text(encoding="utf-8") + "\n\n" + cites + "\n", encoding="utf-8")
    return minimal


@pytest.mark.parametrize("case", sorted(OWN_LABELS))
def test_rendered_citations_lead_to_the_source_they_name(minimal, case):
    own = OWN_LABELS[case]
    root = _project(minimal, own)
    result = render_project(root, libreoffice=False, write=False)
    [docx] = [c for p, c in result.contents.items() if p.suffix == ".docx"]
    texts = [p.text for p in paragraphs(docx)]
    titles = {s.id: s.title for s in _sources(own)}
    for i in range(1, len(own) + 1):
        [cited] = [t for t in texts if t.startswith(f"Beleg {i}: ")]
        label = re.fullmatch(rf"Beleg {i}: \((.+)\)\.", cited).group(1)
        if own[i - 1]:
            assert label == own[i - 1]
        [entry] = _resolve(label, texts)
        assert titles[f"Q{i}"] in entry


@pytest.mark.parametrize(
    ("own", "code", "line"),
    [
        (["Stadt Bottrop 2023a", "Stadt Bottrop 2023a", None, None, None, None], "CG340", 11),
        (["Stadt Bottrop 2023a", "Bottrop 2023a", None, None, None, None], "CG340", 11),
        (["Stadt Bottrop 2023", None, None, None, None, None], "CG341", 6),
        (["Amt 2023", None, "Amt 2023", None, None, None], "CG340", 15),
        (["Stadt Bottrop 2022a", None, None, None, None, None], "CG342", 6),
    ],
)
def test_ambiguous_labels_refused_where_they_are_written(minimal, own, code, line):
    root = _project(minimal, own)
    found = [d for d in check_project(root).diagnostics if d.code.startswith("CG34")]
    assert [(d.code, d.location.file.endswith("sources.yaml"), d.location.line) for d in found] == [
        (code, True, line)
    ]
    assert found[0].key_path.startswith("sources[") and found[0].hint


@pytest.mark.slow
@pytest.mark.parametrize("project", PROJECTS)
def test_every_citation_of_every_example_leads_to_its_source(project):
    """Each example's rendered citations, read back against its rendered bibliography: the label leads
    to exactly one entry, and that entry is the cited source's."""
    concept = check_project(ROOT / "projects" / project).concept
    from conceptgen.document.bibliography import bibliography

    entries = {e["short"]: e for e in bibliography(concept.sources, GERMAN)}
    checked = 0
    for docx in rendered(project).values():
        texts = [" ".join(p.text.split()) for p in paragraphs(docx)]  # no-break spaces as spaces
        listed = [t for t in texts if any(t == " ".join(e["text"].split()) for e in entries.values())]
        if not listed:
            continue
        for label, entry in entries.items():
            cited = (f"({label}", f"{label})", f"; {label}")
            if any(c in t for t in texts if t not in listed for c in cited):
                [found] = _resolve(label, listed)
                assert found == " ".join(entry["text"].split())
                checked += 1
    assert checked or not concept.sources


def _dated(minimal: Path, year: int, document_date: str | None = None) -> Path:
    (minimal / "sources.yaml").write_text(
        f"sources:\n  - id: Q1\n    author: Land NRW\n    title: Richtlinie\n    year: {year}\n",
        encoding="utf-8",
    )
    text = minimal / "text" / "einleitung.md"
    text.write_text(text.read_text(encoding="utf-8") + "\n\nNach der Richtlinie [@Q1].\n", encoding="utf-8")
    if document_date:
        replace_in(
            minimal / "project.yaml",
            "  - output: test.docx",
            f"  - output: test.docx\n    date: {document_date}",
        )
    return minimal


@pytest.mark.parametrize(
    ("year", "document_date", "warned"),
    [
        (2025, None, True),
        (2024, None, False),
        (2023, None, False),
        (2026, "2026-03-01", False),
        (2027, "2026-03-01", True),
    ],
)
def test_source_later_than_every_document_is_reported(minimal, year, document_date, warned):
    """A concept of 2 May 2024 cannot cite a source of 2025 (Lünen 2016 cited a directive of 2023); a
    progress report dated 2026 can."""
    root = _dated(minimal, year, document_date)
    found = [d for d in check_project(root).diagnostics if d.code == "CG344"]
    assert [(d.location.file.endswith("sources.yaml"), d.location.line, d.key_path) for d in found] == (
        [(True, 5, "sources[0].year")] if warned else []
    )


@pytest.mark.parametrize(("accessed", "warned"), [("2024-05-03", True), ("2024-05-02", False)])
def test_source_retrieved_after_every_document_is_reported(minimal, accessed, warned):
    root = _dated(minimal, 2024)
    replace_in(root / "sources.yaml", "    year: 2024\n", f"    year: 2024\n    accessed: {accessed}\n")
    found = [(d.location.line, d.key_path) for d in check_project(root).diagnostics if d.code == "CG344"]
    assert found == ([(6, "sources[0].accessed")] if warned else [])


@pytest.mark.slow
@pytest.mark.parametrize("project", PROJECTS)
def test_examples_cite_nothing_later_and_nothing_ambiguous(project):
    found = [d for d in check_project(ROOT / "projects" / project).diagnostics if d.code.startswith("CG34")]
    assert found == []
