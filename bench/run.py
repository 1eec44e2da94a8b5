"""Benchmarks (not tests): run everything, compare with baselines measured in the same run, and write
docs/performance.md. ``python bench/run.py [--quick] [--no-city-pdf]``

Wall times are medians of several runs of whole commands (a consultant's view, interpreter start
included); peak memory is the largest sum, over the command and all its processes (render workers,
LibreOffice), of their proportional set sizes. Every figure is also given as a
ratio to a baseline measured in the same run, because the machines are shared and noisy.
"""

from __future__ import annotations

import os
import pickle
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import procmem  # noqa: E402
import synth  # noqa: E402
import synth_city  # noqa: E402
import synth_survey  # noqa: E402

CONCEPTGEN = [sys.executable, "-m", "conceptgen"]


COLD = {"CONCEPTGEN_CACHE": "0"}  # nothing from earlier renders (cache.py): every figure made anew


def run(
    command: list[str], repeat: int, env: dict[str, str] | None = None, before: object = None
) -> tuple[float, int]:
    """Median wall time (s) and peak memory (MB) of a command: the sum over the command and all its
    processes (workers, LibreOffice) of their proportional set sizes (bench/procmem.py). ``env``:
    variables set for the command (default: the cache switched off); ``before()`` runs before each
    measured run (not timed)."""
    times, peak = [], 0
    environment = {**os.environ, **(COLD if env is None else env)}
    for _ in range(repeat):
        if callable(before):
            before()
        seconds, megabytes = procmem.measure(command, environment, cwd=ROOT)
        print(
            f"{seconds:8.2f} s {megabytes:6d} MB  {' '.join(command[2:])[:120]}", file=sys.stderr, flush=True
        )
        times.append(seconds)
        peak = max(peak, megabytes)
    return statistics.median(times), peak


def bare_context(project: Path, out: Path) -> Path:
    """conceptgen's context for the project with Markdown flattened to plain paragraphs (for docxtpl)."""
    from conceptgen.document import build_context
    from conceptgen.markup import Markdown
    from conceptgen.pipeline import check_project

    result = check_project(project)
    context = build_context(result.concept, result.source, result.concept.project.documents[0], result.data)

    def plain(value):
        if isinstance(value, Markdown):
            paragraphs = [p for p in value.source.split("\n\n") if p.strip()] or [""]
            return "".join(
                f'<w:p><w:r><w:t xml:space="preserve">{escape(" ".join(p.split()))}</w:t></w:r></w:p>'
                for p in paragraphs
            )
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        if isinstance(value, str):
            return escape(value)
        return value

    context = plain(context)
    context["tables"], context["analyses"], context["charts"] = {}, {}, {}
    path = out / "context.pickle"
    path.write_bytes(pickle.dumps(context))
    return path


def chart_times(repeat: int) -> tuple[float, float]:
    """Seconds per chart for a native chart and an image chart (same data), in-process."""
    from docx import Document

    from conceptgen.language import Language
    from conceptgen.model.template import DEFAULT_PALETTE
    from conceptgen.ooxml import drawing
    from conceptgen.pipeline import check_project
    from conceptgen.render import charts

    result = check_project(ROOT / "projects" / "neuss")
    chart = result.charts["untergebrachte_kommunen"]
    language = Language.of("de")
    palette = list(DEFAULT_PALETTE)
    document = Document()
    native, image = [], []
    for _ in range(repeat):
        start = time.perf_counter()
        space, workbook = charts.native_chart(chart, palette=palette, font="Arial", language=language)
        paragraph = document.add_paragraph()
        drawing.embed_chart(
            paragraph._p,
            paragraph.part,
            space,
            workbook,
            width_emu=5760000,
            height_emu=2700000,
            description="x",
            title="x",
        )
        native.append(time.perf_counter() - start)
        start = time.perf_counter()
        charts.image_chart(chart, palette=palette, language=language, width_emu=5760000)
        image.append(time.perf_counter() - start)
    return statistics.median(native[1:] or native), statistics.median(image[1:] or image)


def profiles_only(work: Path) -> Path:
    """A copy of projects/dortmund that renders only its 62 profiles (one document per area)."""
    import yaml

    project = work / "dortmund-profile"
    shutil.copytree(ROOT / "projects" / "dortmund", project, ignore=shutil.ignore_patterns("build"))
    meta = yaml.safe_load((project / "project.yaml").read_text(encoding="utf-8"))
    meta["documents"] = [d for d in meta["documents"] if d.get("repeat")]
    (project / "project.yaml").write_text(yaml.safe_dump(meta, allow_unicode=True), encoding="utf-8")
    return project


CITY = (60, 250, 550)  # areas: a Kreisstadt, a large city, Berlin (542 Planungsräume)


def city(work: Path, out: Path, baseline: float, rows: list, checks: list, pdf: bool) -> None:
    """A synthetic Sozialraumanalyse of 60, 250 and 550 areas (report + one profile per area), rendered
    once each without LibreOffice; the largest also with page numbers and PDFs."""
    times = {}
    for units in CITY:
        project = synth_city.synth(work / f"city-{units}", units)
        command = [*CONCEPTGEN, "render", str(project), "-o", str(out / f"c{units}"), "--force"]
        seconds, mb = run([*command, "--no-libreoffice"], 1)
        times[units] = seconds
        each = seconds / (units + 1) * 1000
        note = f"{seconds / baseline:.1f}× render projects/neuss; {each:.0f} ms a document"
        if units != CITY[0]:
            growth = (seconds / times[CITY[0]]) / (units / CITY[0])
            ratio = seconds / times[CITY[0]]
            note += f"; {ratio:.1f}× the {CITY[0]} areas' time for {units / CITY[0]:.1f}× the areas"
            note += f" ({growth:.2f}× linear)"
        rows.append(
            (
                f"`render` synthetic Sozialraumanalyse of {units} areas (report + {units} profiles; "
                "--no-libreoffice)",
                f"{seconds:.1f} s",
                f"{mb} MB",
                note,
            )
        )
        if units == CITY[-1]:
            checks.append((f"{units} areas ≤ 30 s without LibreOffice", seconds <= 30, f"{seconds:.1f} s"))
            checks.append((f"{units} areas ≤ 1 GB over all processes", mb <= 1024, f"{mb} MB"))
            growth = (seconds / times[CITY[0]]) / (units / CITY[0])
            checks.append(
                ("growth linear: 550 areas ≤ 1.2 × linear from 60", growth <= 1.2, f"{growth:.2f}×")
            )
        if units == CITY[-1] and pdf and (shutil.which("soffice") or shutil.which("libreoffice")):
            with_pdf, mb_pdf = run([*command, "--pdf"], 1)
            rows.append(
                (
                    f"… the same with page numbers and `--pdf` ({units + 1} documents through LibreOffice)",
                    f"{with_pdf:.0f} s",
                    f"{mb_pdf} MB",
                    f"{with_pdf / seconds:.1f}× without LibreOffice",
                )
            )
            checks.append((f"{units} areas with PDFs ≤ 2 min", with_pdf <= 120, f"{with_pdf:.0f} s"))
            checks.append(
                (f"{units} areas with PDFs ≤ 1 GB over all processes", mb_pdf <= 1024, f"{mb_pdf} MB")
            )


HISTORY = "## Profile and what was tried"


def kept_history(page: str) -> str:
    """The part of docs/performance.md below the generated tables — each round's measurements and what
    was tried, written by hand — kept as it is (a run rewrote it from bench/notes.md, which had fallen
    320 lines behind the page)."""
    start = page.find(HISTORY)
    return page[start:].rstrip() if start >= 0 else HISTORY


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (3 instead of 5)")
    parser.add_argument("--no-city-pdf", action="store_true", help="the city scale without LibreOffice only")
    options = parser.parse_args()
    quick = options.quick
    n = 3 if quick else 5
    work = Path(tempfile.mkdtemp(prefix="conceptgen-bench-"))
    rows: list[tuple[str, str, str, str]] = []
    checks: list[tuple[str, bool, str]] = []
    # compiled as an installation is (pip compiles): a checkout run with PYTHONDONTWRITEBYTECODE would
    # compile its modules on every command (≈ 0.4 s of a check)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "conceptgen")], check=True)

    help_time, _ = run([*CONCEPTGEN, "--help"], n + 2)
    python_time, _ = run([sys.executable, "-c", "pass"], n + 2)
    rows.append(
        (
            "`conceptgen --help` (cold)",
            f"{help_time * 1000:.0f} ms",
            "",
            f"{help_time / python_time:.1f}× bare `python -c pass`",
        )
    )
    checks.append(("`--help` ≤ 150 ms", help_time <= 0.150, f"{help_time * 1000:.0f} ms"))

    synth_one = synth.synth(work / "synth-1", 1)
    neuss = work / "neuss"  # a copy: the warm runs' cache and the edits stay out of the repository
    shutil.copytree(ROOT / "projects" / "neuss", neuss, ignore=shutil.ignore_patterns("build"))
    check_time, _ = run([*CONCEPTGEN, "check", str(neuss)], n)
    check_plain, _ = run([*CONCEPTGEN, "check", str(synth_one)], n)
    rows.append(
        (
            "`check projects/neuss` (with data)",
            f"{check_time:.2f} s",
            "",
            f"{check_time / check_plain:.2f}× the same without data (pandas)",
        )
    )
    rows.append(("`check` synthetic 1× (no data)", f"{check_plain:.2f} s", "", "baseline"))
    rows.append(
        (
            "… `check projects/neuss` against the bare interpreter",
            f"{check_time:.2f} s",
            "",
            f"{check_time / python_time:.1f}× `python -c pass` ({python_time * 1000:.0f} ms); "
            f"{check_time / help_time:.1f}× `conceptgen --help`",
        )
    )
    warm = {"CONCEPTGEN_CACHE": "1"}
    run([*CONCEPTGEN, "check", str(neuss)], 1, env=warm)  # the findings kept (checked.py)
    check_warm, _ = run([*CONCEPTGEN, "check", str(neuss)], n, env=warm)
    edits = iter(range(1_000_000))
    text = neuss / "text" / "einleitung.md"
    original = text.read_bytes()

    def edit_text() -> None:
        with text.open("a", encoding="utf-8") as stream:
            stream.write(f"\n\nÄnderung {next(edits)}.\n")

    check_edit, _ = run([*CONCEPTGEN, "check", str(neuss)], n, env=warm, before=edit_text)
    text.write_bytes(original)  # the renders below take the project as it was
    rows.append(
        (
            "… checked before, nothing changed (its findings from `build/.cache`)",
            f"{check_warm:.2f} s",
            "",
            f"{check_warm / check_time:.2f}× nothing cached",
        )
    )
    rows.append(
        (
            "… after a change to one text (templates' design checks and the workbook from the cache)",
            f"{check_edit:.2f} s",
            "",
            f"{check_edit / check_time:.2f}× nothing cached",
        )
    )
    checks.append(("`check projects/neuss` ≤ 0.5 s (with data)", check_time <= 0.5, f"{check_time:.2f} s"))
    checks.append(("… checked before, nothing changed", check_warm <= 0.5, f"{check_warm:.2f} s"))
    checks.append(
        ("`check` ≤ 300 ms (project without data)", check_plain <= 0.300, f"{check_plain * 1000:.0f} ms")
    )

    out = work / "out"
    fast = [*CONCEPTGEN, "render", str(neuss), "-o", str(out), "--force", "--no-libreoffice"]
    full = [*CONCEPTGEN, "render", str(neuss), "-o", str(out), "--force"]
    warm = {"CONCEPTGEN_CACHE": "1", "CONCEPTGEN_CACHE_DIR": str(work / "cache")}
    render_fast, mem_fast = run(fast, n)
    rows.append(
        (
            "`render projects/neuss --no-libreoffice` (3 documents: concept, analysis, progress report; "
            "nothing cached)",
            f"{render_fast:.2f} s",
            f"{mem_fast} MB",
            "baseline",
        )
    )
    run(fast, 1, warm)  # fills the cache
    render_fast_warm, _ = run(fast, n, warm)
    rows.append(
        (
            "… rendered before (its chart picture from the cache)",
            f"{render_fast_warm:.2f} s",
            "",
            f"{render_fast_warm / render_fast:.2f}× nothing cached",
        )
    )
    lo_runs = max(2, n - 2)
    render_lo, mem_lo = run(full, lo_runs)
    rows.append(
        (
            "`render projects/neuss` (LibreOffice fills page numbers; nothing cached)",
            f"{render_lo:.2f} s",
            f"{mem_lo} MB",
            f"{render_lo / render_fast:.1f}× without LibreOffice",
        )
    )
    run(full, 1, warm)
    render_lo_warm, _ = run(full, lo_runs, warm)
    rows.append(
        (
            "… rendered before, nothing changed (pages from the cache, LibreOffice not started)",
            f"{render_lo_warm:.2f} s",
            "",
            f"{render_lo_warm / render_lo:.2f}× nothing cached",
        )
    )
    edits = iter(range(1000))
    text = neuss / "text" / "einleitung.md"
    original = text.read_text(encoding="utf-8")

    def edit_concept() -> None:  # a consultant's change to the concept's introduction
        text.write_text(original + f"\n\nErgänzung {next(edits)} nach der Sitzung des Arbeitskreises.\n")

    render_lo_edit, _ = run(full, lo_runs, warm, before=edit_concept)
    text.write_text(original, encoding="utf-8")
    rows.append(
        (
            "… after a change to the concept's text (LibreOffice lays out the concept only)",
            f"{render_lo_edit:.2f} s",
            "",
            f"{render_lo_edit / render_lo:.2f}× nothing cached; LibreOffice's share "
            f"{render_lo_edit - render_fast_warm:.1f} s for one document",
        )
    )
    checks.append(
        ("render projects/neuss ≤ 1.0 s (without LibreOffice)", render_fast <= 1.0, f"{render_fast:.2f} s")
    )
    checks.append(
        (
            "… rendered before",
            render_fast_warm <= 1.0,
            f"{render_fast_warm:.2f} s",
        )
    )
    checks.append(
        ("render projects/neuss ≤ 2.0 s with page numbers filled", render_lo <= 2.0, f"{render_lo:.2f} s")
    )
    checks.append(("… rendered before, nothing changed", render_lo_warm <= 2.0, f"{render_lo_warm:.2f} s"))
    checks.append(("… after a change to one document", render_lo_edit <= 2.0, f"{render_lo_edit:.2f} s"))

    dortmund = profiles_only(work)
    profiles, mem_profiles = run(
        [*CONCEPTGEN, "render", str(dortmund), "-o", str(out / "d"), "--force", "--no-libreoffice"],
        max(2, n - 2),
    )
    rows.append(
        (
            "`render` 62 profiles of projects/dortmund (62 documents, maps, charts; --no-libreoffice)",
            f"{profiles:.2f} s",
            f"{mem_profiles} MB",
            f"{profiles / render_fast:.1f}× render projects/neuss; {profiles / 62 * 1000:.0f} ms a profile",
        )
    )
    checks.append(("62 profiles ≤ 10 s without LibreOffice", profiles <= 10.0, f"{profiles:.2f} s"))
    if shutil.which("soffice") or shutil.which("libreoffice"):
        with_pdf, mem_pdf = run(
            [*CONCEPTGEN, "render", str(dortmund), "-o", str(out / "dp"), "--force", "--pdf"], 1
        )
        rows.append(
            (
                "… the same with `--pdf` (LibreOffice started once for the 62 documents)",
                f"{with_pdf:.1f} s",
                f"{mem_pdf} MB",
                f"{with_pdf / profiles:.1f}× without; LibreOffice adds {with_pdf - profiles:.1f} s "
                f"({(with_pdf - profiles) / 62:.2f} s a document)",
            )
        )

    survey = synth_survey.synth(work / "survey-5000", 5000)
    survey_small = synth_survey.synth(work / "survey-50", 50)
    survey_render, survey_mem = run(
        [*CONCEPTGEN, "render", str(survey), "-o", str(out / "sv"), "--force", "--no-libreoffice"], n
    )
    survey_small_render, _ = run(
        [*CONCEPTGEN, "render", str(survey_small), "-o", str(out / "sv50"), "--force", "--no-libreoffice"], n
    )
    survey_check, survey_check_mem = run([*CONCEPTGEN, "check", str(survey)], n)
    rows.append(
        (
            "`render` a survey of 5,000 responses × 60 columns (read, check every answer, evaluate; "
            "18 charts, 34 tables; --no-libreoffice)",
            f"{survey_render:.2f} s",
            f"{survey_mem} MB",
            f"{survey_render / survey_small_render:.2f}× the same with 50 responses; "
            f"{survey_render / render_fast:.1f}× render projects/neuss",
        )
    )
    rows.append(
        (
            "`check` the same survey (read, check every answer, evaluate)",
            f"{survey_check:.2f} s",
            f"{survey_check_mem} MB",
            f"{survey_check / survey_render:.2f}× its render",
        )
    )
    checks.append(
        (
            "survey 5,000 × 60: evaluation and render ≤ 3 s without LibreOffice",
            survey_render <= 3.0,
            f"{survey_render:.2f} s, {survey_mem} MB",
        )
    )

    try:
        city(work, out, render_fast, rows, checks, pdf=not options.no_city_pdf)
    except subprocess.CalledProcessError as exc:  # the table is written all the same, with the failure
        rows.append(("city scale: a render failed", "", "", " ".join(str(exc.stderr or "").split())[-300:]))

    native, image = chart_times(6 if quick else 11)
    rows.append(
        ("one native chart (build XML + workbook + embed)", f"{native * 1000:.0f} ms", "", "baseline")
    )
    rows.append(
        (
            "one image chart (matplotlib PNG, 200 dpi)",
            f"{image * 1000:.0f} ms",
            "",
            f"{image / native:.1f}× the native chart",
        )
    )

    sizes = [1, 10, 100]
    previous = None
    pandoc = shutil.which("pandoc")
    for k in sizes:
        project = synth.synth(work / f"synth-{k}", k)
        repeat = n if k < 100 else max(2, n - 2)
        ours, mem = run(
            [*CONCEPTGEN, "render", str(project), "-o", str(out / f"s{k}"), "--force", "--no-libreoffice"],
            repeat,
        )
        context = bare_context(project, project)
        bare, bare_mem = run(
            [
                sys.executable,
                str(ROOT / "bench" / "bare_docxtpl.py"),
                str(context),
                str(
                    ROOT / "tests" / "fixtures" / "legacy_konzept" / "template.docx"
                ),  # same chapters, no outline
                str(out / f"bare{k}.docx"),
            ],
            repeat,
        )
        note = f"{ours / bare:.2f}× bare docxtpl ({bare:.2f} s, {bare_mem} MB)"
        if pandoc:
            md = project / "content.md"
            md.write_text(synth.markdown(project), encoding="utf-8")
            pandoc_time, _ = run([pandoc, str(md), "-o", str(out / f"pandoc{k}.docx")], repeat)
            note += f"; {ours / pandoc_time:.2f}× pandoc ({pandoc_time:.2f} s)"
            if k >= 10:  # the budget: faster than pandoc from 10× content up
                checks.append(
                    (
                        f"faster than pandoc at {k}×",
                        ours < pandoc_time,
                        f"{ours:.2f} s vs {pandoc_time:.2f} s",
                    )
                )
        if previous:
            note += f"; {ours / previous:.1f}× the {sizes[sizes.index(k) - 1]}× time"
            checks.append(
                (
                    f"{k}× content ≤ 1.1 × 10 the {k // 10}× time (linear)",
                    ours / previous <= 11,
                    f"{ours / previous:.1f}×",
                )
            )
        rows.append((f"`render` synthetic {k}× (no LibreOffice)", f"{ours:.2f} s", f"{mem} MB", note))
        if k == 1:
            checks.append(
                ("overhead ≤ 1.5× bare docxtpl (1×, no charts)", ours / bare <= 1.5, f"{ours / bare:.2f}×")
            )
        checks.append((f"peak memory ≤ 300 MB at {k}×", mem <= 300, f"{mem} MB"))
        previous = ours

    pandoc_version = "pandoc not installed"
    if pandoc:
        pandoc_version = subprocess.run(
            [pandoc, "--version"], capture_output=True, text=True
        ).stdout.splitlines()[0]
    lines = [
        "# Performance",
        "",
        "Written by `python bench/run.py` (not part of the test suite). Wall times are medians of repeated",
        "runs of whole commands, interpreter start included; peak memory is the largest sum of the",
        "proportional set sizes of the command and all its processes (workers, LibreOffice). Ratios",
        "compare figures measured in the same run, on the same machine.",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {pandoc_version}",
        "",
        "| what | time | peak memory | compared with |",
        "|---|---|---|---|",
        *[f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows],
        "",
        "## Budget",
        "",
        "| budget line | met | measured |",
        "|---|---|---|",
        *[f"| {name} | {'yes' if ok else '**no**'} | {value} |" for name, ok, value in checks],
        "",
    ]
    page = ROOT / "docs" / "performance.md"
    lines += [kept_history(page.read_text(encoding="utf-8") if page.exists() else ""), ""]
    page.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
