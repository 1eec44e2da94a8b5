"""Command line: thin commands that call the pipeline and print diagnostics.

Exit codes: 0 success (possibly with warnings), 1 errors in the input, 2 wrong usage, 3 internal error
(a bug: rerun with --debug for the traceback).

Longer than 400 lines: every command's options and help in one place, as `conceptgen --help` lists them;
each body only calls a stage and prints its result.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Any

# pydantic looks for plugins through importlib.metadata on import (≈ 15 ms of every command); we use none
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

import typer
from typer.core import TyperGroup

from conceptgen import __version__

GLOBAL_FLAGS = ("-q", "--quiet", "-v", "--verbose", "--debug")


class _Commands(TyperGroup):
    """conceptgen's commands; the flags of every command (-q, -v, --debug) are taken before the command
    name and after it alike (``conceptgen check PROJECT -q``), up to a ``--``."""

    def parse_args(self, ctx, args: list[str]) -> list[str]:  # type: ignore[no-untyped-def]
        end = args.index("--") if "--" in args else len(args)
        flags = [a for a in args[:end] if a in GLOBAL_FLAGS]
        rest = [a for a in args[:end] if a not in GLOBAL_FLAGS]
        return super().parse_args(ctx, flags + rest + args[end:])


app = typer.Typer(
    cls=_Commands,
    name="conceptgen",
    help="Turns a folder of YAML into finished Word concept documents.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

_state = {"debug": False, "quiet": False, "verbose": False}

ProjectArg = Annotated[Path, typer.Argument(help="Project folder, e.g. projects/neuss", show_default=False)]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"conceptgen {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks of internal errors.")] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Only errors: no warnings, no list of written files.")
    ] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Also how long each step took.")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    _state["debug"] = debug
    _state["quiet"] = quiet
    _state["verbose"] = verbose and not quiet


def _report(diagnostics: list, stream=None) -> tuple[int, int]:
    from conceptgen.diagnostics import Level

    errors = sum(1 for d in diagnostics if d.level is Level.ERROR)
    warnings = len(diagnostics) - errors
    for d in diagnostics:
        if d.level is Level.ERROR or not _state["quiet"]:
            typer.echo(d.format(), file=stream)
    return errors, warnings


# The line an internal error (a bug, exit 3) starts with; tests look for it to tell a crash from a message.
INTERNAL_ERROR = "conceptgen: interner Fehler"


def _summary(errors: int, warnings: int) -> str:
    """``2 Fehler, 1 Warnung`` (German: „Fehler“ has no plural ending, „Warnung“ takes „-en“)."""
    return f"{errors} Fehler, {warnings} {'Warnung' if warnings == 1 else 'Warnungen'}"


def _run(action):
    """Run a command body: user errors → diagnostics and exit 1; bugs → one line and exit 3."""
    from conceptgen.diagnostics import DiagnosticError

    try:
        return action()
    except DiagnosticError as exc:
        from conceptgen.diagnostics import relative

        errors, warnings = _report(exc.diagnostics, sys.stderr)
        for path in exc.written:
            typer.echo(f"geschrieben: {relative(path)}")
        typer.echo(f"abgebrochen: {_summary(errors, warnings)}", err=True)
        raise typer.Exit(1) from None
    except (typer.Exit, typer.Abort):
        raise
    except KeyboardInterrupt:
        typer.echo("unterbrochen", err=True)
        raise typer.Exit(130) from None
    except Exception as exc:
        if _state["debug"]:
            trace = getattr(exc, "trace", "")  # a bug in a worker process: its own traceback
            if trace:
                typer.echo(trace, err=True)
            raise
        kind = getattr(exc, "kind", type(exc).__name__)
        typer.echo(
            f"{INTERNAL_ERROR}: {kind}: {exc} (ein Programmfehler; mit --debug erneut ausführen)", err=True
        )
        raise typer.Exit(3) from None


@app.command()
def check(project: ProjectArg) -> None:
    """Check a project: YAML, schema, IDs, references and completeness. Exit 1 on errors."""

    def action() -> None:
        from conceptgen.checked import check as checked  # remembered in build/.cache while unchanged

        result = checked(project)
        errors = sum(1 for finding in result.findings if finding.error)
        for finding in result.findings:
            if finding.error or not _state["quiet"]:
                typer.echo(finding.text)
        typer.echo(f"{project}: {_summary(errors, len(result.findings) - errors)}")
        if errors or not result.valid:
            raise typer.Exit(1)

    _run(action)


@app.command()
def render(
    project: ProjectArg,
    output_dir: Annotated[
        Path | None,
        typer.Option("--output-dir", "-o", help="Folder for the documents (default: <project>/build)."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite outputs even if they were edited by hand.")
    ] = False,
    pdf: Annotated[bool, typer.Option("--pdf", help="Also write a tagged PDF (needs LibreOffice).")] = False,
    use_libreoffice: Annotated[
        bool,
        typer.Option(
            "--libreoffice/--no-libreoffice",
            help="Fill the table of contents' page numbers with LibreOffice when it is installed.",
        ),
    ] = True,
    template: Annotated[
        list[str] | None,
        typer.Option(
            "--template",
            help="OLD=NEW: render the documents of template OLD with NEW (e.g. konzept=kreisdesign: the "
            "same concept in a client's design); repeatable.",
        ),
    ] = None,
    comments: Annotated[
        bool,
        typer.Option(
            "--comments", help="Show the open and answered comments of kommentare.yaml as Word comments."
        ),
    ] = False,
) -> None:
    """Render the project's documents (.docx) into <project>/build or --output-dir."""

    def action() -> None:
        from conceptgen.diagnostics import relative
        from conceptgen.pipeline import render_project

        instead = _template_pairs(template or [])
        result = render_project(
            project,
            output_dir,
            force=force,
            libreoffice=use_libreoffice,
            pdf=pdf,
            progress=_progress(),
            templates_instead=instead,
            comments=comments,
        )
        _report(result.diagnostics, sys.stderr)
        for path in result.outputs:
            _say(f"geschrieben: {relative(path)}")

    _run(action)


def _template_pairs(pairs: list[str]) -> dict[str, str]:
    """``--template OLD=NEW`` options as a mapping."""
    from conceptgen.diagnostics import DiagnosticError, diagnostic

    instead = {}
    for pair in pairs:
        old, sep, new = pair.partition("=")
        if not sep or not old.strip() or not new.strip():
            hint = "z. B. --template konzept=kreisdesign"
            raise DiagnosticError(
                diagnostic("CG103", f"--template „{pair}“ hat nicht die Form ALT=NEU", None, hint=hint)
            )
        instead[old.strip()] = new.strip()
    return instead


@app.command()
def new(
    folder: Annotated[Path, typer.Argument(help="Folder of the new project (must not exist or be empty)")],
    concept_type: Annotated[
        str,
        typer.Option(
            "--type", "-t", help="Concept type, e.g. sozialraumanalyse (conceptgen types lists them)"
        ),
    ] = "wohnungsnotfallkonzept",
    title: Annotated[str | None, typer.Option("--title", help="Title of the concept")] = None,
) -> None:
    """Create a small, valid project of a concept type that renders at once."""

    def action() -> None:
        from conceptgen.diagnostics import relative
        from conceptgen.scaffold import new_project

        written = new_project(folder, concept_type, title=title)
        typer.echo(
            f"angelegt: {relative(folder)} ({len(written)} Dateien); weiter mit: conceptgen render {folder}"
        )

    _run(action)


template_app = typer.Typer(
    help="Templates: a client's corporate design as a conceptgen template.", no_args_is_help=True
)
app.add_typer(template_app, name="template")


@template_app.command("new")
def template_new(
    name: Annotated[str, typer.Argument(help="Name of the new template, e.g. kreisdesign")],
    client: Annotated[
        Path,
        typer.Option("--from", help="A Word document of the client: a report, a council paper, a letter"),
    ],
    project: Annotated[
        Path | None,
        typer.Option(
            "--project", help="Project whose templates/ gets it (else ./templates of the workspace)"
        ),
    ] = None,
    base: Annotated[str, typer.Option("--base", help="Built-in template with the structure")] = "konzept",
) -> None:
    """Build a template in the design of a client's Word document: styles by role, fonts, colours, page,
    header and footer; report what came from where and what fails WCAG contrast."""

    def action() -> None:
        import re

        from conceptgen.design import build_template
        from conceptgen.diagnostics import DiagnosticError, diagnostic, did_you_mean
        from conceptgen.workspace import BUILTIN_TEMPLATES

        if not re.fullmatch(r"[\w][\w .-]{0,63}", name) or name.endswith((".", " ")):
            hint = "ein Ordnername aus Buchstaben, Ziffern, „-“, „_“, „.“, z. B. kreisdesign"
            raise DiagnosticError(
                diagnostic("CG103", f"„{name}“ taugt nicht als Name einer Vorlage", None, hint=hint)
            )
        known = sorted(p.name for p in BUILTIN_TEMPLATES.iterdir() if (p / "template.docx").is_file())
        if base not in known:
            hint = did_you_mean(base, known) or f"eingebaut: {', '.join(known)}"
            raise DiagnosticError(diagnostic("CG401", f"unbekannte Vorlage „{base}“", None, hint=hint))
        if not client.is_file():
            hint = "die .docx des Auftraggebers"
            raise DiagnosticError(diagnostic("CG001", f"{client} nicht gefunden", None, hint=hint))
        folder = (project / "templates" if project else Path("templates")) / name
        report = build_template(name, client, folder, BUILTIN_TEMPLATES / base)
        for line in report.lines():
            typer.echo(line)
        hint = f"template: {name}" + (" bei den Dokumenten (documents) in project.yaml" if project else "")
        typer.echo(f"verwenden mit: {hint}")

    _run(action)


@app.command()
def export(
    project: ProjectArg,
    xlsx: Annotated[
        bool, typer.Option("--xlsx", help="The working-group workbook (the only format so far)")
    ] = True,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="File to write (default: <project>/build/Arbeitsstand.xlsx)"),
    ] = None,
) -> None:
    """Write measures, goals, indicators and the progress report's statuses as a formatted workbook for
    the working group to fill in (conceptgen import reads it back)."""

    def action() -> None:
        from conceptgen.diagnostics import DiagnosticError, relative
        from conceptgen.exchange.export import export_workbook
        from conceptgen.pipeline import check_project
        from conceptgen.write import write_outputs

        result = check_project(project)
        if not result.ok or result.concept is None:
            raise DiagnosticError(result.diagnostics)
        target = output or project / "build" / "Arbeitsstand.xlsx"
        notes: list = []
        write_outputs({target: export_workbook(result.concept, notes=notes)})
        _report(notes, sys.stderr)
        _say(f"geschrieben: {relative(target)}")

    _run(action)


@app.command("import")
def import_(
    project: ProjectArg,
    workbook: Annotated[Path, typer.Argument(help="The workbook the working group returned")],
    apply: Annotated[bool, typer.Option("--apply", help="Write the changes into the YAML files")] = False,
) -> None:
    """Show what the returned workbook changes; with --apply write it into the YAML (comments, order and
    formatting kept). A cell that cannot be taken is reported as file:sheet:cell and nothing is applied."""

    def action() -> None:
        from conceptgen.diagnostics import DiagnosticError, has_errors, relative
        from conceptgen.exchange.apply import apply_changes
        from conceptgen.exchange.imports import read_changes
        from conceptgen.pipeline import check_project

        result = check_project(project)
        if not result.ok or result.concept is None:
            raise DiagnosticError(result.diagnostics)
        changes, problems = read_changes(result.concept, workbook)
        for change in changes:
            typer.echo(change.line())
        if has_errors(problems):
            raise DiagnosticError(problems)
        _report(problems, sys.stderr)
        if not changes:
            _say("keine Änderungen")
            return
        if not apply:
            _say(f"{len(changes)} Änderung(en); mit --apply übernehmen")
            return
        for path in apply_changes(project, changes):
            _say(f"geschrieben: {relative(path)}")
        checked = check_project(project)
        errors, warnings = _report(checked.diagnostics, sys.stderr)
        if errors:
            typer.echo(f"nach den Änderungen bleiben {_summary(errors, warnings)}: siehe oben", err=True)
            raise typer.Exit(1)

    _run(action)


@app.command()
def review(
    project: ProjectArg,
    returned: Annotated[
        Path,
        typer.Argument(
            help="The Word file the client returned with comments and changes, or its list (.xlsx) with "
            "the answers"
        ),
    ],
    apply: Annotated[
        bool,
        typer.Option("--apply", help="Carry the tracked changes of texts and plain fields into the sources"),
    ] = False,
    xlsx: Annotated[
        Path | None,
        typer.Option("--xlsx", help="Where to write the list (default: build/Rueckmeldungen-….xlsx)"),
    ] = None,
    markdown: Annotated[
        Path | None, typer.Option("--markdown", help="Also write the list as Markdown")
    ] = None,
    pages: Annotated[
        bool,
        typer.Option("--pages", help="Find the pages with LibreOffice (for files that do not record them)"),
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Overwrite a list that was edited by hand")] = False,
) -> None:
    """The client's comments and tracked changes, each with the YAML field or Markdown line it comes from:
    a table here, an XLSX for the working group, kommentare.yaml for the answers. With --apply the changes
    of texts and plain fields are written into the sources; generated parts (tables, sums) are only listed."""

    def action() -> None:
        from conceptgen.diagnostics import relative
        from conceptgen.pipeline import check_project
        from conceptgen.review import review as read_review
        from conceptgen.review.apply import apply as apply_edits
        from conceptgen.review.report import summary, table

        if returned.suffix.lower() == ".xlsx":  # the list with the working group's answers
            _take_answers(project, returned)
            return
        result = read_review(project, returned, pages=pages)
        _report(result.warnings, sys.stderr)
        if apply and result.edits:
            for path in apply_edits(project, result.source, result.edits):
                _say(f"geschrieben: {relative(path)}")
        typer.echo(table(result.entries, project))
        for path in _review_outputs(result, project, xlsx, markdown, force):
            _say(f"geschrieben: {relative(path)}")
        _say(summary(result.entries))
        if apply:
            checked = check_project(project)
            errors, warnings = _report(checked.diagnostics, sys.stderr)
            if errors:
                typer.echo(f"nach den Änderungen bleiben {_summary(errors, warnings)}: siehe oben", err=True)
                raise typer.Exit(1)
        elif result.edits:
            _say(f"{len(result.edits)} Änderung(en) übernehmbar: mit --apply in die Quellen schreiben")

    _run(action)


def _review_outputs(
    result: Any, project: Path, xlsx: Path | None, markdown: Path | None, force: bool
) -> list[Path]:
    """The review list as XLSX (and Markdown) and the new entries of kommentare.yaml; the files written."""
    from conceptgen.review.comments import merge_comments
    from conceptgen.review.report import markdown as as_markdown
    from conceptgen.review.report import workbook
    from conceptgen.write import write_atomically, write_outputs

    answers = merge_comments(result)
    stem = Path(result.document).stem
    target = xlsx or project / "build" / f"Rueckmeldungen-{stem}.xlsx"
    outputs = {target: workbook(result.entries, project, f"Rückmeldungen: {stem}", answers.numbers)}
    if markdown is not None:
        outputs[markdown] = as_markdown(result.entries, project, stem).encode("utf-8")
    write_outputs(outputs, force=force)
    if answers.changed:
        write_atomically({answers.path: answers.content})
        outputs[answers.path] = answers.content
    return list(outputs)


def _take_answers(project: Path, workbook: Path) -> None:
    """The answers of a review list back into kommentare.yaml."""
    from conceptgen.diagnostics import DiagnosticError, relative
    from conceptgen.pipeline import check_project
    from conceptgen.review.answers import read_answers, write_answers

    result = check_project(project)
    if result.concept is None:
        raise DiagnosticError(result.diagnostics)
    changes, problems = read_answers(project, result.concept, workbook)
    if problems:
        raise DiagnosticError(problems)
    for _index, field, value, ident in changes:
        typer.echo(f"{ident}  {field}: {value}")
    if changes:
        _say(f"geschrieben: {relative(write_answers(project, changes))}")
    else:
        _say("keine neuen Antworten")


@app.command()
def preview(
    project: ProjectArg,
    document: Annotated[
        str, typer.Option("--document", "-d", help="Which document: its number (1, 2 …) or output file name")
    ] = "1",
    port: Annotated[
        int,
        typer.Option("--port", min=0, max=65535, help="Port on 127.0.0.1 (0: a free one; in use: the next)"),
    ] = 0,
    browser: Annotated[bool, typer.Option("--browser/--no-browser", help="Open it in the browser")] = True,
    keep: Annotated[
        bool, typer.Option("--keep-libreoffice/--no-keep-libreoffice", help="Keep LibreOffice running")
    ] = True,
) -> None:
    """A local web page with the diagnostics and the pages of a document, rendered again on every save.
    Stop it with Ctrl+C."""

    def action() -> None:
        import signal
        import threading

        from conceptgen.preview import Preview
        from conceptgen.render.office_session import KeptLibreOffice

        def stop(*_args: object) -> None:
            raise KeyboardInterrupt  # a terminated preview closes its LibreOffice too

        signal.signal(signal.SIGTERM, stop)
        office = KeptLibreOffice()
        viewer = Preview(project, 0, office)
        server = viewer.serve(port)  # before LibreOffice starts: a port that cannot be had stops here
        try:
            if keep:  # its start (and warm-up) overlaps the check and the first render
                viewer.state.kept = office.launch() and office.running
            if document.isdigit():  # the last preview's pages at once, marked, shown while the check runs
                viewer.document = viewer.state.shown = int(document) - 1
                viewer.resume()
                _announce(server.server_address[1], port, browser)
            viewer.document, viewer.state.documents = _preview_index(project, document)
            viewer.state.shown = viewer.document
            if not document.isdigit():  # named: known once the check has read project.yaml
                viewer.resume()
                _announce(server.server_address[1], port, browser)
            viewer.refresh()
            watcher = threading.Thread(target=viewer.watch, daemon=True)
            watcher.start()
            while watcher.is_alive():
                watcher.join(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            viewer.stop()
            server.shutdown()
            office.close()

    _run(action)


def _announce(got: int, port: int, browser: bool) -> None:
    """Say where the preview is (and that the port asked for was taken); open it in the browser."""
    import webbrowser

    url = f"http://127.0.0.1:{got}/"
    typer.echo(f"Vorschau: {url}  (Ctrl+C beendet)", err=False)
    if port and got != port:
        typer.echo(f"Port {port} ist belegt; die Vorschau nimmt {got}.", err=True)
    sys.stdout.flush()
    if browser:
        webbrowser.open(url)


def _preview_index(project: Path, document: str) -> tuple[int, list[str]]:
    """The index of the document ``--document`` names (its number or output file name), and the output
    names of all. Raises DiagnosticError (CG104) for one the project does not have."""
    from conceptgen.diagnostics import DiagnosticError, diagnostic, did_you_mean
    from conceptgen.pipeline import check_project

    checked = check_project(project)
    outputs = [d.output for d in checked.concept.project.documents] if checked.concept else []
    named = outputs.index(document) if document in outputs else -1
    index = int(document) - 1 if document.isdigit() else named
    if outputs and not 0 <= index < len(outputs):
        hint = did_you_mean(document, outputs) or f"1 bis {len(outputs)} oder eines von: {', '.join(outputs)}"
        raise DiagnosticError(diagnostic("CG104", f"kein Dokument „{document}“", None, hint=hint))
    return max(index, 0), outputs


@app.command()
def diff(
    old: Annotated[str, typer.Argument(help="The older version: a folder, or folder@revision (git)")],
    new: Annotated[str, typer.Argument(help="The newer version: a folder, or folder@revision")],
    docx: Annotated[
        Path | None, typer.Option("--docx", help="Also write the list as an Änderungsnachweis (.docx)")
    ] = None,
) -> None:
    """What changed between two versions of a project: goals, indicators, measures, offers, texts."""

    def action() -> None:
        import datetime as dt

        from conceptgen.diagnostics import relative
        from conceptgen.exchange.diff import change_document, compare, load_version
        from conceptgen.write import write_outputs

        found = compare(old, new)
        for difference in found:
            typer.echo(difference.line())
        if not found:
            _say("keine Änderungen")
        if docx is not None:
            import tempfile

            with tempfile.TemporaryDirectory() as scratch:
                concept, _source = load_version(new, Path(scratch))
            date = f"{dt.date.today():%d.%m.%Y}"
            write_outputs({docx: change_document(found, old, new, concept.project.title, date)})
            _say(f"geschrieben: {relative(docx)}")

    _run(action)


@app.command()
def explain(code: Annotated[str, typer.Argument(help="A diagnostic code, e.g. CG110")]) -> None:
    """What a diagnostic code means and how to fix it (the text of docs/checks.md)."""

    def action() -> None:
        from conceptgen.diagnostics import CODES, DiagnosticError, diagnostic, did_you_mean, explanation

        wanted = code.strip().upper()
        if wanted.isdigit():
            wanted = f"CG{wanted}"
        if wanted not in CODES:
            hint = (
                did_you_mean(wanted, CODES) or "z. B. conceptgen explain CG110; alle stehen in docs/checks.md"
            )
            raise DiagnosticError(diagnostic("CG104", f"unbekannter Prüfcode „{code}“", None, hint=hint))
        typer.echo(explanation(wanted))

    _run(action)


@app.command()
def types() -> None:
    """List the concept types with their outlines (chapters, sections, texts and blocks)."""

    def action() -> None:
        from conceptgen.scaffold import describe_types

        typer.echo(describe_types(), nl=False)

    _run(action)


@app.command()
def blocks(
    markdown: Annotated[
        bool, typer.Option("--markdown", help="the catalogue as Markdown (docs/blocks.md is made so)")
    ] = False,
) -> None:
    """List the blocks an outline can place, with their parameters (docs/blocks.md shows each)."""

    def action() -> None:
        from conceptgen.scaffold import describe_blocks, describe_catalogue

        typer.echo(describe_catalogue() if markdown else describe_blocks(), nl=False)

    _run(action)


@app.command()
def terms(
    locale: Annotated[str, typer.Option("--locale", help="de or en")] = "de",
) -> None:
    """List the words conceptgen writes by itself; a project's vocabulary.terms may replace each."""

    def action() -> None:
        from conceptgen.scaffold import describe_terms

        typer.echo(describe_terms(locale), nl=False)

    _run(action)


def _say(text: str) -> None:
    """A line of what was done (``geschrieben: …``); silent with --quiet."""
    if not _state["quiet"]:
        typer.echo(text)


def _progress():
    """A progress line on the terminal for batches (nothing when the output is not a terminal); with
    --verbose a line per stage with its time, wherever the output goes."""
    if _state["verbose"]:
        import time

        started = time.perf_counter()

        def log(stage: str, done: int, total: int) -> None:
            if done == total or stage != "render":
                sys.stderr.write(f"{time.perf_counter() - started:6.2f} s  {stage} {done}/{total}\n")

        return log
    if not sys.stderr.isatty() or _state["quiet"]:
        return None
    words = {
        "render": "Dokumente erzeugt:",
        "libreoffice": "LibreOffice: Seitenzahlen für Dokumente:",
        "pdf": "LibreOffice: PDF für Dokumente:",
    }

    def show(stage: str, done: int, total: int) -> None:
        if total < 2:
            return
        line = (
            f"{words.get(stage, stage)} {done}/{total}" if stage == "render" else f"{words[stage]} {total} …"
        )
        end = "\n" if stage == "render" and done == total else ""
        sys.stderr.write(f"\r{line:<60}{end}")
        sys.stderr.flush()
        if stage != "render":
            sys.stderr.write("\n")

    return show


@app.command()
def schema(
    file: Annotated[
        str | None, typer.Argument(help="A file kind, e.g. measures.yaml: print its JSON Schema")
    ] = None,
    write: Annotated[
        Path | None,
        typer.Option("--write", help="Write every file kind's schema into PROJECT/.conceptgen/schemas/"),
    ] = None,
    modelines: Annotated[
        bool,
        typer.Option("--modelines", help="With --write: name its schema in the first line of each YAML file"),
    ] = False,
) -> None:
    """JSON Schemas of the YAML files, for editors (docs/editors.md)."""

    def action() -> None:
        import json

        from conceptgen.diagnostics import DiagnosticError, diagnostic, did_you_mean
        from conceptgen.loading.layout import FILE_SECTIONS
        from conceptgen.model.schemas import file_schema

        if write is not None:
            from conceptgen.scaffold import write_schemas

            for path in write_schemas(write, modelines=modelines):
                typer.echo(f"geschrieben: {path}")
            return
        if file is None:  # the whole model, as before: it fits no single file
            from conceptgen.model import Concept

            typer.echo("Hinweis: dieses Schema ist das ganze Modell; ein Editor braucht eines je Datei: "
                       "conceptgen schema measures.yaml oder --write PROJEKT", err=True)  # fmt: skip
            typer.echo(json.dumps(Concept.model_json_schema(), ensure_ascii=False, indent=2))
            return
        if file not in FILE_SECTIONS:
            hint = did_you_mean(file, FILE_SECTIONS) or f"Dateiarten: {', '.join(FILE_SECTIONS)}"
            raise DiagnosticError(diagnostic("CG104", f"unbekannte Dateiart „{file}“", None, hint=hint))
        from conceptgen.blocks import registry
        from conceptgen.data.survey_dialects import dialects

        schema = file_schema(file, registry().values(), dialects())
        typer.echo(json.dumps(schema, ensure_ascii=False, indent=2))

    _run(action)


def main() -> None:
    """Console-script entry point."""
    app()
