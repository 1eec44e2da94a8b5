"""Command line: thin commands that call the pipeline and print diagnostics.

Exit codes: 0 success (possibly with warnings), 1 errors in the input, 2 wrong usage, 3 internal error
(a bug: rerun with --debug for the traceback).

Longer than 400 lines: every command's options and help in one place, as `conceptgen --help` lists them;
each body only calls a stage and prints its result.
"""

# no ``from __future__ import annotations`` here: typer reads every command's annotations, and strings
# are compiled and evaluated twice per command on each start (≈ 8 ms of a --help's 0.13 s)
import functools
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
        for param in self.get_params(ctx):  # --debug, -q …, --help, --install-completion (None unless given)
            _plain_conversion(param)
        return super().parse_args(ctx, flags + rest + args[end:])

    def get_command(self, ctx, cmd_name: str):  # type: ignore[no-untyped-def]
        command = super().get_command(ctx, cmd_name)
        for param in command.get_params(ctx) if command is not None else ():
            _plain_conversion(param)
        return command


def _plain_conversion(param: Any) -> None:
    """A path, text or flag converted without pydantic. typer (0.2x) converts every value through a
    pydantic TypeAdapter — a path too (``TypeAdapter(Path)``, then its own checks): importing pydantic for
    that was ≈ 0.1 s of processor time of a remembered ``check`` (≈ 0.3 s), which needs no model. Here a
    path is ``Path(value)`` and typer's own checks (``coerce_cli_path``), a text the text itself, a flag not
    given (None) stays None; any other value (a flag's word, bytes, a Path already) goes to typer's
    conversion. Where typer's internals differ (another version), nothing is changed: typer converts as
    it always does (tests/test_cli_imports.py compares both conversions and notices pydantic imported)."""
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is None or getattr(param, "_runtime_param", False) is not None:
        return
    if param.nargs != 1 or param.multiple or descriptor.is_file or descriptor.parameter_info.parser:
        return
    plain = _plain_runtime_param()
    if plain is None or descriptor.annotation not in (Path, str, bool):
        return
    path_options = descriptor.is_path and descriptor.parameter_info.path_type is None
    if descriptor.annotation is Path and not path_options:
        return
    param._runtime_param = plain(parameter_info=descriptor.parameter_info, annotation=descriptor.annotation)


@functools.cache
def _plain_runtime_param() -> type | None:
    """typer's RuntimeParam for a path, a text or a flag without pydantic (None: not this typer)."""
    try:
        from typer._coercion import RuntimeParam, build_runtime_param, resolve_type_descriptor
        from typer._param_types import coerce_cli_path
    except ImportError:
        return None

    class Plain(RuntimeParam):  # its fields and frozen dataclass methods: RuntimeParam's
        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            if not isinstance(value, str) or self.annotation is bool:  # typer's own way
                typed = build_runtime_param(resolve_type_descriptor(self.annotation, self.parameter_info))
                return typed._coerce_value(value, param=param, ctx=ctx)
            if self.annotation is str:
                return value
            return coerce_cli_path(Path(value), self.parameter_info, path_type=Path, param=param, ctx=ctx)

    return Plain


app = typer.Typer(
    cls=_Commands,
    name="conceptgen",
    help="Macht aus einem Ordner mit YAML fertige Konzepte als Word-Dokumente.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

_state = {"debug": False, "quiet": False, "verbose": False}

ProjectArg = Annotated[Path, typer.Argument(help="Projektordner, z. B. projects/neuss", show_default=False)]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"conceptgen {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    debug: Annotated[
        bool, typer.Option("--debug", help="Bei einem Programmfehler den Traceback zeigen.")
    ] = False,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet", "-q", help="Nur Fehler: keine Warnungen, keine Liste der geschriebenen Dateien."
        ),
    ] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Auch, wie lange jeder Schritt gedauert hat.")
    ] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Die Version zeigen.")
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


@app.command(
    help=("Ein Projekt prüfen: YAML, Schema, IDs, Verweise und Vollständigkeit. Exit 1 bei Fehlern.")
)
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


@app.command(help=("Die Dokumente des Projekts (.docx) nach <Projekt>/build oder --output-dir setzen."))
def render(
    project: ProjectArg,
    output_dir: Annotated[
        Path | None,
        typer.Option("--output-dir", "-o", help="Ordner für die Dokumente (sonst <Projekt>/build)."),
    ] = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="Ausgaben überschreiben, auch wenn sie von Hand bearbeitet wurden."),
    ] = False,
    pdf: Annotated[
        bool, typer.Option("--pdf", help="Auch ein barrierefreies PDF schreiben (braucht LibreOffice).")
    ] = False,
    use_libreoffice: Annotated[
        bool,
        typer.Option(
            "--libreoffice/--no-libreoffice",
            help="Die Seitenzahlen des Inhaltsverzeichnisses mit LibreOffice füllen (wenn installiert).",
        ),
    ] = True,
    template: Annotated[
        list[str] | None,
        typer.Option(
            "--template",
            help="ALT=NEU: die Dokumente der Vorlage ALT mit NEU setzen (z. B. konzept=kreisdesign: dasselbe "
            "Konzept im Design eines Auftraggebers); mehrfach möglich.",
        ),
    ] = None,
    comments: Annotated[
        bool,
        typer.Option(
            "--comments",
            help="Die offenen und beantworteten Kommentare aus kommentare.yaml als Word-Kommentare zeigen.",
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


@app.command(help=("Ein kleines, gültiges Projekt einer Konzeptart anlegen, das sich sofort setzen lässt."))
def new(
    folder: Annotated[
        Path, typer.Argument(help="Ordner des neuen Projekts (darf nicht bestehen oder muss leer sein)")
    ],
    concept_type: Annotated[
        str,
        typer.Option(
            "--type", "-t", help="Konzeptart, z. B. sozialraumanalyse (conceptgen types listet sie)"
        ),
    ] = "wohnungsnotfallkonzept",
    title: Annotated[str | None, typer.Option("--title", help="Titel des Konzepts")] = None,
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
    help="Vorlagen: das Corporate Design eines Auftraggebers als Vorlage für conceptgen.",
    no_args_is_help=True,
)
app.add_typer(template_app, name="template")


@template_app.command(
    "new",
    help=(
        "Eine Vorlage im Design eines Word-Dokuments des Auftraggebers bauen: Formatvorlagen nach "
        "Rolle, Schriften, Farben, Seite, Kopf- und Fußzeile; melden, was woher kam und was den "
        "WCAG-Kontrast verfehlt."
    ),
)
def template_new(
    name: Annotated[str, typer.Argument(help="Name der neuen Vorlage, z. B. kreisdesign")],
    client: Annotated[
        Path,
        typer.Option(
            "--from", help="Ein Word-Dokument des Auftraggebers: ein Bericht, eine Ratsvorlage, ein Brief"
        ),
    ],
    project: Annotated[
        Path | None,
        typer.Option(
            "--project",
            help="Projekt, in dessen templates/ sie kommt (sonst ./templates des Arbeitsbereichs)",
        ),
    ] = None,
    base: Annotated[str, typer.Option("--base", help="Mitgelieferte Vorlage mit der Gliederung")] = "konzept",
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


@app.command(
    help=(
        "Maßnahmen, Ziele, Kennzahlen und die Stände des Fortschrittsberichts als Arbeitsmappe für "
        "den Arbeitskreis schreiben (conceptgen import liest sie zurück)."
    )
)
def export(
    project: ProjectArg,
    xlsx: Annotated[
        bool, typer.Option("--xlsx", help="Die Arbeitsmappe für den Arbeitskreis (bisher das einzige Format)")
    ] = True,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Zu schreibende Datei (sonst <Projekt>/build/Arbeitsstand.xlsx)"),
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


@app.command(
    "import",
    help=(
        "Zeigen, was die zurückgegebene Arbeitsmappe ändert; mit --apply in die YAML-Dateien "
        "schreiben (Kommentare, Reihenfolge und Formatierung bleiben). Eine Zelle, die nicht "
        "übernommen werden kann, wird als Datei:Blatt:Zelle gemeldet, und nichts wird übernommen."
    ),
)
def import_(
    project: ProjectArg,
    workbook: Annotated[
        Path, typer.Argument(help="Die Arbeitsmappe, die der Arbeitskreis zurückgegeben hat")
    ],
    apply: Annotated[
        bool, typer.Option("--apply", help="Die Änderungen in die YAML-Dateien schreiben")
    ] = False,
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


@app.command(
    help=(
        "Die Kommentare und nachverfolgten Änderungen des Auftraggebers, jede mit dem YAML-Feld "
        "oder der Markdown-Zeile, aus der sie stammt: als Tabelle hier, als XLSX für den "
        "Arbeitskreis, in kommentare.yaml für die Antworten. Mit --apply werden Änderungen an "
        "Texten und einfachen Feldern in die Quellen geschrieben; erzeugte Teile (Tabellen, Summen) "
        "werden nur aufgelistet."
    )
)
def review(
    project: ProjectArg,
    returned: Annotated[
        Path,
        typer.Argument(
            help="Die Word-Datei, die der Auftraggeber mit Kommentaren und Änderungen zurückgab, oder ihre "
            "Liste (.xlsx) mit den Antworten"
        ),
    ],
    apply: Annotated[
        bool, typer.Option("--apply", help="Nachverfolgte Änderungen an Texten und Feldern übernehmen")
    ] = False,
    xlsx: Annotated[
        Path | None,
        typer.Option("--xlsx", help="Wohin die Liste kommt (sonst build/Rueckmeldungen-….xlsx)"),
    ] = None,
    markdown: Annotated[
        Path | None, typer.Option("--markdown", help="Die Liste auch als Markdown schreiben")
    ] = None,
    pages: Annotated[
        bool, typer.Option("--pages", help="Seiten mit LibreOffice bestimmen (fehlen sie in der Datei)")
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Eine von Hand bearbeitete Liste überschreiben")
    ] = False,
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


@app.command(
    help=(
        "Eine lokale Webseite mit den Meldungen und den Seiten eines Dokuments, bei jedem Speichern "
        "neu gesetzt. Beenden mit Strg+C."
    )
)
def preview(
    project: ProjectArg,
    document: Annotated[
        str,
        typer.Option("--document", "-d", help="Welches Dokument: seine Nummer (1, 2 …) oder sein Dateiname"),
    ] = "1",
    port: Annotated[
        int,
        typer.Option(
            "--port", min=0, max=65535, help="Port auf 127.0.0.1 (0: ein freier; belegt: der nächste)"
        ),
    ] = 0,
    browser: Annotated[bool, typer.Option("--browser/--no-browser", help="Im Browser öffnen")] = True,
    keep: Annotated[
        bool, typer.Option("--keep-libreoffice/--no-keep-libreoffice", help="LibreOffice laufen lassen")
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


@app.command(
    help=(
        "Was sich zwischen zwei Fassungen eines Projekts geändert hat: Ziele, Kennzahlen, "
        "Maßnahmen, Angebote, Texte."
    )
)
def diff(
    old: Annotated[str, typer.Argument(help="Die ältere Fassung: ein Ordner oder Ordner@Revision (git)")],
    new: Annotated[str, typer.Argument(help="Die neuere Fassung: ein Ordner oder Ordner@Revision")],
    docx: Annotated[
        Path | None, typer.Option("--docx", help="Die Liste auch als Änderungsnachweis (.docx) schreiben")
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


@app.command(help=("Was ein Diagnosecode bedeutet und wie man ihn behebt (der Text aus docs/checks.md)."))
def explain(code: Annotated[str, typer.Argument(help="Ein Diagnosecode, z. B. CG110")]) -> None:
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


@app.command(
    help=("Die Konzeptarten mit ihren Gliederungen auflisten (Kapitel, Abschnitte, Texte und Bausteine).")
)
def types() -> None:
    """List the concept types with their outlines (chapters, sections, texts and blocks)."""

    def action() -> None:
        from conceptgen.scaffold import describe_types

        typer.echo(describe_types(), nl=False)

    _run(action)


@app.command(
    help=(
        "Die Bausteine auflisten, die eine Gliederung setzen kann, mit ihren Parametern "
        "(docs/blocks.md zeigt jeden)."
    )
)
def blocks(
    markdown: Annotated[
        bool, typer.Option("--markdown", help="den Katalog als Markdown (so entsteht docs/blocks.md)")
    ] = False,
) -> None:
    """List the blocks an outline can place, with their parameters (docs/blocks.md shows each)."""

    def action() -> None:
        from conceptgen.scaffold import describe_blocks, describe_catalogue

        typer.echo(describe_catalogue() if markdown else describe_blocks(), nl=False)

    _run(action)


@app.command(
    help=(
        "Die Wörter auflisten, die conceptgen selbst schreibt; vocabulary.terms eines Projekts kann "
        "jedes ersetzen."
    )
)
def terms(
    locale: Annotated[str, typer.Option("--locale", help="de oder en")] = "de",
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


@app.command(help=("JSON-Schemas der YAML-Dateien, für Editoren (docs/editors.md)."))
def schema(
    file: Annotated[
        str | None, typer.Argument(help="Eine Dateiart, z. B. measures.yaml: ihr JSON-Schema ausgeben")
    ] = None,
    write: Annotated[
        Path | None,
        typer.Option("--write", help="Das Schema jeder Dateiart nach PROJEKT/.conceptgen/schemas/ schreiben"),
    ] = None,
    modelines: Annotated[
        bool,
        typer.Option(
            "--modelines", help="Mit --write: in der ersten Zeile jeder YAML-Datei ihr Schema nennen"
        ),
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
