"""What a template's design must offer, checked by ``check`` on a project's own template (CG410–CG413)
and by ``conceptgen template new --from`` (conceptgen/design): the roles its styles play, pictures with
alternative text, a header that fits its margin, table headers whose text reaches WCAG AA."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from conceptgen.colours import AA_TEXT, best_text, contrast, ratio_text
from conceptgen.ooxml import sections, transplant

STORY = {"header": "Kopfzeile", "footer": "Fußzeile"}  # where a picture sits, as a message names it


def cm(twips: float) -> str:
    """A length in twips as a German message writes it: ``1928`` → ``3,4 cm``."""
    return f"{twips / 567:.1f} cm".replace(".", ",")


@dataclass(frozen=True)
class Role:
    key: str  # how the report names it
    target: str  # the template's style (built-in konzept names)
    names: tuple[str, ...]  # names in a client's document, most specific first
    required: bool = False  # a template without it is incomplete (CG410)
    kind: str = "paragraph"
    level: int | None = None  # a heading: its outline level (0 = heading 1)


ROLES = (
    Role("Normal", "Normal", ("Normal", "Standard"), required=True),
    Role("body", "Body Text", ("Body Text", "Textkörper", "Fließtext", "Grundtext", "Text"), required=True),
    Role("heading 1", "Heading 1", ("heading 1", "Überschrift 1"), required=True, level=0),
    Role("heading 2", "Heading 2", ("heading 2", "Überschrift 2"), required=True, level=1),
    Role("heading 3", "Heading 3", ("heading 3", "Überschrift 3"), required=True, level=2),
    Role("title", "Title", ("Title", "Titel")),
    Role("subtitle", "Subtitle", ("Subtitle", "Untertitel")),
    Role("list", "List Paragraph", ("List Paragraph", "Listenabsatz", "List Bullet", "Aufzählungszeichen")),
    Role("caption", "Caption", ("caption", "Beschriftung"), required=True),
    Role("quote", "Quote", ("Quote", "Zitat")),
    Role("table text", "Table Text", ("Table Text", "Tabellentext", "Tabelle Text", "Tabelleninhalt")),
    Role("footnote", "Footnote Text", ("footnote text", "Fußnotentext")),
    Role("header", "Header", ("header", "Kopfzeile")),
    Role("footer", "Footer", ("footer", "Fußzeile")),
)


def package_findings(docx: Path) -> list[tuple[str, str, str, str]]:
    """What makes a template unsafe or invalid (ooxml/safety.py, CG414–CG419): (code, part, message,
    hint)."""
    from conceptgen.ooxml import safety

    return [(f.code, f.part, f.message, f.hint) for f in safety.package_findings(docx)]


def template_findings(docx: Path, table_style: str, concept: bool = True) -> list[tuple[str, str, str]]:
    """What ``check`` reports on a project's own template: (code, message, hint) for required styles
    that are missing (CG410), pictures in header or footer without alternative text (CG411), a header
    taller than the top margin (CG412) and table-header text below WCAG AA (CG413). ``concept``: the
    template takes an outline (``{{p body }}``), so it needs headings, captions and the table style."""
    from docx import Document

    document = Document(str(docx))
    found = []
    missing = [
        role.target
        for role in ROLES
        if role.required and transplant.find_style(document, [role.target, *role.names], role.kind) is None
    ]
    if transplant.find_style(document, [table_style], "table") is None:
        missing.append(table_style)
    if missing and concept:
        hint = "in Word ergänzen (Formatvorlagen) oder die Vorlage mit conceptgen template new erzeugen"
        styles = "fehlt die Formatvorlage" if len(missing) == 1 else "fehlen die Formatvorlagen"
        found.append(("CG410", f"der Vorlage {styles} {', '.join(missing)}", hint))
    for picture in sections.pictures(document):
        if not picture.description:
            message = f"Bild „{picture.name}“ in der {STORY[picture.story]} hat keinen Alternativtext"
            hint = "in Word: Rechtsklick auf das Bild → Alternativtext bearbeiten"
            hint += " (z. B. „Wappen des Kreises“)"
            found.append(("CG411", message, hint))
    height, top = sections.header_overlap(document)
    if height > top:
        message = f"die Kopfzeile ist etwa {cm(height)} hoch, der obere Rand {cm(top)}"
        hint = "der Text rutscht auf jeder Seite nach unten: das Logo verkleinern oder den oberen Rand "
        hint += "vergrößern"
        found.append(("CG412", message, hint))
    table = transplant.find_style(document, [table_style], "table")
    if table is not None:
        fill, text = transplant.table_header(document, transplant.style_id(table))
        if fill and fill != "auto" and text and text != "auto":
            ratio = contrast(fill, text)
            if ratio < AA_TEXT:
                better, better_ratio = best_text(fill)
                message = f"Tabellenköpfe: Text {text} auf {fill} erreicht {ratio_text(ratio)}, unter WCAG AA"
                found.append(("CG413", message, f"Text in {better} setzen ({ratio_text(better_ratio)})"))
    return found
