"""A client's corporate design as a conceptgen template (``conceptgen template new NAME --from client.docx``).

The result is conceptgen's own template (cover, contents, ``{{p body }}``, block library — by default
the built-in konzept) in the client's design: the client's styles found by role (docs/templates.md) give
their look to the template's styles of the same role; the client's document defaults, theme (colours,
fonts), page size and margins, header and footer (logo and texts; page numbers added where missing)
replace the template's; conceptgen's own styles (cover, source lines, table text) take the client's fonts
and colours; the chart palette comes from the theme's accent colours and every coloured table header gets
the text colour that reaches WCAG AA. The template stays an ordinary folder a designer can edit.
"""

from __future__ import annotations

import io
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from conceptgen.colours import AA_GRAPHICS, AA_TEXT, WHITE, best_text, contrast, ratio_text, tint
from conceptgen.design.roles import ROLES, Match, match_roles
from conceptgen.diagnostics import DiagnosticError, Location, diagnostic, relative
from conceptgen.ooxml import sections, settings, transplant
from conceptgen.template_design import STORY, cm, template_findings

TEMPLATE_PRIMARY, TEMPLATE_ACCENT = "1F4E79", "C55A11"  # the konzept design's colours, replaced
TEMPLATE_BAND, TEMPLATE_GROUP = "EEF3F8", "D6E0EB"
TEMPLATE_FONT = "Arial"
TABLE_STYLE = "Konzept Tabelle"
_FONT_ROLES = {"text": "Text", "headings": "Überschriften"}


@dataclass
class DesignReport:
    """What ``template new`` did: the roles and where they came from, colours, fonts, warnings."""

    folder: Path
    matches: list[Match] = field(default_factory=list)
    palette: list[str] = field(default_factory=list)
    primary: str = ""
    header_text: str = ""
    fonts: dict[str, str] = field(default_factory=dict)
    pictures: int = 0
    page_numbers_added: bool = False
    warnings: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"geschrieben: {relative(self.folder)}/ (template.docx, template.yaml)"]
        for match in self.matches:
            if match.style is not None:
                ident = transplant.style_id(match.style)
                out.append(f"  {match.role.key}: „{match.name}“ (ID {ident}, erkannt an: {match.how})")
            else:
                own = "die von conceptgen, in seinen Schriften"
                out.append(f"  {match.role.key}: keine im Dokument des Kunden — {own}")
        fonts = ", ".join(f"{_FONT_ROLES.get(k, k)} {v}" for k, v in self.fonts.items())
        out.append(f"  Schriften: {fonts or 'die Standardschrift des Dokuments'}")
        palette = " ".join(self.palette)
        out.append(
            f"  Farben: Hauptfarbe {self.primary}, Text der Tabellenköpfe {self.header_text}; "
            f"Palette {palette}"
        )
        added = ", Seitenzahlen ergänzt" if self.page_numbers_added else ""
        out.append(f"  Kopf- und Fußzeile: {self.pictures} Bild(er){added}")
        out += [f"  Warnung: {w}" for w in self.warnings]
        return out


def build_template(name: str, client: Path, target: Path, base: Path) -> DesignReport:
    """Write the template folder ``target`` (must not exist) from ``base`` (a template folder) in the
    design of ``client``. Raises DiagnosticError: CG403 for a client file Word could not open, CG501 when
    ``target`` exists."""
    from docx import Document

    if target.exists():
        hint = "einen anderen Namen wählen; conceptgen überschreibt nie eine Vorlage"
        raise DiagnosticError(
            diagnostic("CG501", f"{relative(target)} gibt es schon", Location(relative(target)), hint=hint)
        )
    from conceptgen.data.tabular import check_package

    check_package(client, relative(client), "DOCX")  # not a zip, or a decompression bomb: CG603, CG608
    clean, stripped = _safe_client(client)
    try:
        source = Document(io.BytesIO(clean))
    except Exception as exc:  # python-docx raises many kinds for a broken package
        hint = "es als .docx (Word 2007 oder neuer) speichern und noch einmal versuchen"
        message = f"das Dokument des Kunden ist nicht lesbar: {exc}"
        raise DiagnosticError(diagnostic("CG403", message, Location(relative(client)), hint=hint)) from None
    document = Document(str(base / "template.docx"))
    report = DesignReport(target)
    report.warnings += [f"{part}: entfernt: {what}" for part, what in stripped]
    colours, fonts = transplant.theme(source)
    report.matches = match_roles(source)
    transplant.copy_doc_defaults(document, source)
    transplant.copy_theme(document, source)
    for match in report.matches:
        if match.style is None:
            continue
        own = transplant.find_style(document, [match.role.target], match.role.kind)
        if own is not None:
            transplant.copy_look(document, own, source, match.style)
    transplant.drop_fonts(document, TEMPLATE_FONT)
    report.fonts = _fonts(source, report.matches, fonts)
    _colours(document, source, report, colours)
    factor = sections.copy_page(document, source)
    sections.scale_tables(document, factor)
    report.pictures = max(sections.copy_story(document, source, "header"), 0)
    report.pictures += max(sections.copy_story(document, source, "footer"), 0)
    footer = document.sections[0].footer._element
    if not sections.has_page_number(footer):
        footer_style = transplant.find_style(document, ["footer"])
        style_id = transplant.style_id(footer_style) if footer_style is not None else "Footer"
        sections.add_page_numbers(document, style_id)
        report.page_numbers_added = True
    settings.complete_zoom(document)  # a template that Word opens without repair, too
    report.warnings += design_warnings(document, report.matches)
    _write(document, target, name, client, base, report)
    return report


_REFUSED = re.compile(r"word/(styles\.xml|theme/theme\d*\.xml|header\d*\.xml|footer\d*\.xml)")


def _safe_client(client: Path) -> tuple[bytes, list[tuple[str, str]]]:
    """The client's package with what ooxml/safety.py strips removed; refused (DiagnosticError) for a
    DTD in any part (CG414), and for a broken picture (CG417), a colour that is none (CG418) or a style
    chain beyond the limit (CG419) in the parts a template takes — each located as ``file:part``."""
    from conceptgen.ooxml import safety

    data = client.read_bytes()
    refused = [
        f for f in safety.package_findings(data, _REFUSED) if f.code in ("CG414", "CG417", "CG418", "CG419")
    ]
    if refused:
        raise DiagnosticError(
            [
                diagnostic(f.code, f.message, Location(f"{relative(client)}:{f.part}"), hint=f.hint)
                for f in refused
            ]
        )
    return safety.sanitized(data)


def _fonts(source: Any, matches: list[Match], theme_fonts: dict[str, str]) -> dict[str, str]:
    found = {}
    for key in ("body", "heading 1"):
        match = next((m for m in matches if m.role.key == key and m.style is not None), None)
        if match is not None:
            font = transplant.font_of(source, match.style, theme_fonts)
            if font:
                found["text" if key == "body" else "headings"] = font
    return found


def _colours(document: Any, source: Any, report: DesignReport, colours: dict[str, str]) -> None:
    """Primary colour (the client's heading colour, else its first accent), the palette from the theme's
    accents, the template's colours replaced, table header text by contrast."""
    heading = next((m for m in report.matches if m.role.key == "heading 1" and m.style is not None), None)
    primary = transplant.run_colour(source, heading.style, colours) if heading else None
    if not primary or primary in (WHITE, "000000"):
        primary = colours.get("accent1", TEMPLATE_PRIMARY)
    secondary = colours.get("accent2", TEMPLATE_ACCENT)
    client_table = transplant.find_style(source, ["Table Grid", "Tabellenraster"], "table")
    fill, _text = (
        transplant.table_header(source, transplant.style_id(client_table))
        if client_table is not None
        else (None, None)
    )
    header_fill = (fill or primary).upper()
    mapping = {
        TEMPLATE_PRIMARY: primary,
        TEMPLATE_ACCENT: secondary,
        TEMPLATE_BAND: tint(primary, 0.9),
        TEMPLATE_GROUP: tint(primary, 0.8),
    }
    transplant.recolour(document.styles.element, mapping)
    transplant.recolour(document.element.body, mapping)
    table = transplant.find_style(document, [TABLE_STYLE], "table")
    if table is not None:
        transplant.recolour(table, {primary: header_fill})
        text, ratio = best_text(header_fill)
        transplant.set_table_header_text(document, transplant.style_id(table), text)
        white = contrast(WHITE, header_fill)
        if white < AA_TEXT:
            report.warnings.append(
                f"weißer Text auf der Farbe des Kunden {header_fill} erreicht {ratio_text(white)}, unter "
                f"WCAG AA ({AA_TEXT:.1f}:1): die Tabellenköpfe bekommen schwarzen Text ({ratio_text(ratio)})"
            )
        report.header_text = text
    report.primary = primary
    for match in report.matches:  # text in the client's colours on the white page
        if match.style is None or match.role.key in ("header", "footer"):
            continue
        colour = transplant.run_colour(source, match.style, colours)
        large = match.role.level is not None or match.role.key in ("title", "subtitle")
        needed = 3.0 if large else AA_TEXT  # WCAG 1.4.3: large text (headings) 3:1, other text 4.5:1
        if colour and contrast(WHITE, colour) < needed:
            report.warnings.append(
                f"{match.role.key} in {colour} auf Weiß erreicht {ratio_text(contrast(WHITE, colour))}, "
                f"unter WCAG AA ({needed:.1f}:1): in template.docx eine dunklere Farbe dafür wählen"
            )
    accents = [colours[f"accent{i}"] for i in range(1, 7) if f"accent{i}" in colours]
    report.palette = list(dict.fromkeys([primary, *accents])) or [TEMPLATE_PRIMARY]
    for colour in report.palette:
        if contrast(WHITE, colour) < AA_GRAPHICS:
            report.warnings.append(
                f"die Diagrammfarbe {colour} hebt sich von der weißen Seite nur mit "
                f"{ratio_text(contrast(WHITE, colour))} ab (WCAG verlangt {AA_GRAPHICS:.0f}:1 für Balken und "
                "Linien); Beschriftungen darauf werden schwarz gesetzt"
            )


def design_warnings(document: Any, matches: list[Match] | None = None) -> list[str]:
    """What a template's design lacks: roles without a style, pictures without alternative text, a
    header taller than the top margin (also read by ``check``, CG410–CG412)."""
    found = []
    if matches is not None:
        missing = [m.role.key for m in matches if m.style is None and m.role.required]
        if missing:
            found.append(
                f"das Dokument des Kunden hat keine Formatvorlage für {', '.join(missing)}: die von "
                "conceptgen werden verwendet"
            )
    for picture in sections.pictures(document):
        if not picture.description:
            found.append(f"Bild „{picture.name}“ in der {STORY[picture.story]} hat keinen Alternativtext")
    height, top = sections.header_overlap(document)
    if height > top:
        found.append(
            f"die Kopfzeile ist etwa {cm(height)} hoch, der obere Rand {cm(top)}: der Text "
            "rutscht auf jeder Seite nach unten"
        )
    return found


def _write(document: Any, target: Path, name: str, client: Path, base: Path, report: DesignReport) -> None:
    """template.docx and template.yaml into a new folder, all or nothing."""
    import yaml

    base_config = yaml.safe_load((base / "template.yaml").read_text(encoding="utf-8")) or {}
    config = {
        **base_config,
        "name": name,
        "description": f"{base_config.get('description', 'Konzept')} — im Design aus {client.name}",
        "palette": report.palette,
        "font": report.fonts.get("text", TEMPLATE_FONT),
    }
    header = (
        f"# Template {name}: conceptgen's {base.name} structure in the design of {client.name}.\n"
        "# Made by `conceptgen template new --from`; edit template.docx in Word, palette and styles here.\n"
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{name}-", dir=target.parent))
    try:
        document.save(str(staging / "template.docx"))
        _verify(staging / "template.docx", target)
        text = header + yaml.safe_dump(config, allow_unicode=True, sort_keys=False)
        (staging / "template.yaml").write_text(text, encoding="utf-8", newline="\n")
        os.replace(staging, target)
    except BaseException:
        for path in staging.glob("*"):
            path.unlink()
        staging.rmdir()
        raise


def _verify(written: Path, target: Path) -> None:
    """The template passes the rules ``check`` applies to a project's template (ooxml/safety.py)."""
    from conceptgen.ooxml import safety

    left = safety.package_findings(written)
    if left:
        where = f"{relative(target)}/template.docx"
        raise DiagnosticError(
            [diagnostic(f.code, f.message, Location(f"{where}:{f.part}"), hint=f.hint) for f in left]
        )


__all__ = ["ROLES", "DesignReport", "build_template", "design_warnings", "template_findings"]
