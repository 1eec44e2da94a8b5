"""Many documents through LibreOffice: none lost because one start of it stopped on the way.

LibreOffice 7.4 converted the first 245 of 490 profiles given to one start and ended without a word: a
550-area batch with PDFs lost 244 of them (CG408 for each). to_pdf_many gives one start at most
MAX_PER_RUN documents and gives the rest of a start that stopped on the way a start of their own. A
stand-in for soffice (a Python script) converts at most ``STUB_LIMIT`` documents a start, as the real one
did, by writing a one-page PDF for each."""

from __future__ import annotations

import json
import sys

import pytest

from conceptgen.render import libreoffice

STUB = """#!{python}
import json, os, sys
from pathlib import Path
args = sys.argv[1:]
outdir = Path(args[args.index("--outdir") + 1])
sources = [a for a in args if a.endswith(".docx")]
limit = int(os.environ["STUB_LIMIT"])
with open(os.environ["STUB_LOG"], "a") as log:
    log.write(json.dumps(len(sources)) + "\\n")
page = Path(os.environ["STUB_PDF"]).read_bytes()
for source in sources[:limit]:
    if Path(source).read_bytes() == b"broken":
        sys.exit(0)  # ends without a word, as LibreOffice did
    print(f"convert {{source}} -> {{outdir / (Path(source).stem + '.pdf')}} using filter : writer_pdf_Export")
    (outdir / (Path(source).stem + ".pdf")).write_bytes(page)
"""


@pytest.fixture
def stub(tmp_path, monkeypatch):
    import pikepdf

    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.save(tmp_path / "page.pdf")
    script = tmp_path / "soffice"
    script.write_text(STUB.format(python=sys.executable), encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.setenv("CONCEPTGEN_SOFFICE", str(script))
    monkeypatch.setenv("STUB_PDF", str(tmp_path / "page.pdf"))
    monkeypatch.setenv("STUB_LOG", str(tmp_path / "starts"))
    monkeypatch.setattr(libreoffice, "MAX_PER_RUN", 10)
    return tmp_path / "starts"


def _starts(log) -> list[int]:
    return [json.loads(line) for line in log.read_text().splitlines()]


@pytest.mark.skipif(sys.platform == "win32", reason="the stand-in is a script with a #! line")
@pytest.mark.parametrize(("count", "limit"), [(25, 100), (25, 7), (10, 3), (1, 1), (21, 10)])
def test_every_document_gets_its_pdf_however_few_a_start_converts(stub, monkeypatch, count, limit):
    """Chunks of at most MAX_PER_RUN (10 here) documents; a chunk whose start stopped after ``limit``
    goes on in further starts until every document has its PDF."""
    monkeypatch.setenv("STUB_LIMIT", str(limit))
    results = libreoffice.to_pdf_many(
        [f"doc {i}".encode() for i in range(count)], accessible=False, bookmarks=False
    )
    assert all(isinstance(r, bytes) and r.startswith(b"%PDF") for r in results)
    chunks = [min(10, count - start) for start in range(0, count, 10)]
    expected = [min(limit, left) for n in chunks for left in range(n, 0, -limit)]
    assert _starts(stub) == [left for n in chunks for left in range(n, 0, -limit)]
    assert max(_starts(stub)) <= 10 and len(expected) == len(_starts(stub))


@pytest.mark.skipif(sys.platform == "win32", reason="the stand-in is a script with a #! line")
def test_a_document_that_stops_libreoffice_costs_only_itself_and_is_reported(stub, monkeypatch):
    """The document LibreOffice stops on every time is reported; the documents after it are converted by
    a further start."""
    monkeypatch.setenv("STUB_LIMIT", "100")
    documents = [f"doc {i}".encode() for i in range(8)]
    documents[3] = b"broken"
    results = libreoffice.to_pdf_many(documents, accessible=False, bookmarks=False)
    assert [isinstance(r, bytes) for r in results] == [True, True, True, False, True, True, True, True]
    assert "nicht umwandeln" in str(results[3])
    assert _starts(stub) == [8, 5, 4]  # all; from the broken one (nothing converted); the rest without it


@pytest.mark.skipif(sys.platform == "win32", reason="the stand-in is a script with a #! line")
def test_a_libreoffice_that_converts_nothing_is_given_up_after_two_starts(stub, monkeypatch):
    monkeypatch.setenv("STUB_LIMIT", "0")
    results = libreoffice.to_pdf_many(
        [f"doc {i}".encode() for i in range(5)], accessible=False, bookmarks=False
    )
    assert not any(isinstance(r, bytes) for r in results)
    assert _starts(stub) == [5, 4]
