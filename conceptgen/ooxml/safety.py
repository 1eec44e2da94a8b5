"""What makes a Word package unfit to be a template: checked on a client's document before
``template new --from`` reads it, and by ``check`` on a project's own template.

- A document type declaration or entity declarations in any part (CG414): Word never writes them; they
  carry external entities (XXE) or entity bombs, and a DTD copied into a template makes every rendered
  concept invalid. The raw bytes are searched, before any parser sees the part.
- A picture whose relationship points outside the package or to nothing (CG415): Word asks to fetch it
  or repairs the document.
- A field that fetches or runs something when Word updates it (CG416): INCLUDEPICTURE, INCLUDETEXT,
  DDE, DDEAUTO, LINK, IMPORT.
- A picture that is no picture (CG417), a colour that is not six hexadecimal digits (CG418), a chain of
  ``basedOn`` styles deeper than MAX_STYLE_DEPTH (CG419; resolved in one pass over the styles).

:func:`sanitized` removes the pictures and fields of CG415 and CG416 from the headers and footers of a
client's document (the parts a template takes) and relationships that lead nowhere, and says what it
removed.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from conceptgen.language import grouped
from conceptgen.ooxml.base import A, Element, R, W, local_name, qn

MAX_STYLE_DEPTH = 50  # Word's own styles nest a few levels; a template needs no more
ACTIVE_FIELDS = ("INCLUDEPICTURE", "INCLUDETEXT", "DDEAUTO", "DDE", "LINK", "IMPORT")
PACKAGE_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_DTD = re.compile(r"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_HEX = re.compile(r"[0-9A-Fa-f]{6}")
_STORY = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml")
_RASTER = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff")
_V = "urn:schemas-microsoft-com:vml"
_O = "urn:schemas-microsoft-com:office:office"
MAX_FINDINGS = 20
_THEME_SLOTS = {"dk1", "lt1", "dk2", "lt2", "hlink", "folHlink", *(f"accent{i}" for i in range(1, 7))}


@dataclass(frozen=True)
class Finding:
    code: str
    part: str  # the part of the package, e.g. word/theme/theme1.xml
    message: str
    hint: str


def has_dtd(raw: bytes) -> bool:
    """Whether an XML part declares a document type or entities (in UTF-8 or UTF-16)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in raw[:200]:
        text = raw.decode("utf-16", errors="ignore")
    else:
        text = raw.decode("utf-8", errors="ignore")
    return bool(_DTD.search(text))


def _parse(raw: bytes) -> Element | None:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        return etree.fromstring(raw, parser)
    except etree.XMLSyntaxError:
        return None


def package_findings(source: Path | bytes, parts: re.Pattern[str] | None = None) -> list[Finding]:
    """Every finding of the module docstring in the package ``source``; ``parts`` limits the pictures,
    fields and colours looked at to the parts it matches (a DTD is found in any part)."""
    found: list[Finding] = []
    with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source) as package:
        names = set(package.namelist())
        for name in sorted(names):
            if len(found) >= MAX_FINDINGS:
                break
            if not name.endswith((".xml", ".rels")):
                continue
            raw = package.read(name)
            if has_dtd(raw):
                found.append(
                    Finding(
                        "CG414",
                        name,
                        "erklärt einen Dokumenttyp oder Entitäten (<!DOCTYPE>, <!ENTITY>)",
                        "Word schreibt so etwas nie; die Datei in Word öffnen und als neue .docx speichern",
                    )
                )
                continue
            if parts is not None and not parts.fullmatch(name):
                continue
            story, styles = bool(_STORY.fullmatch(name)), name == "word/styles.xml"
            coloured = name.startswith("word/") and (styles or "theme" in name or story)
            if not (story or styles or coloured):
                continue  # nothing below looks at it (stylesWithEffects.xml: 0.4 MB not parsed)
            root = _parse(raw)
            if root is None:
                continue
            if story:
                found += _story_findings(package, names, name, root)
            if styles:
                found += _depth_findings(name, root)
            if coloured:
                found += _colour_findings(name, root)
    return found[:MAX_FINDINGS]


def relationships(package: zipfile.ZipFile, names: set[str], part: str) -> dict[str, tuple[str, bool]]:
    """A part's relationships: id → (target path inside the package, or the URL; external?)."""
    folder, file = posixpath.split(part)
    rels = f"{folder}/_rels/{file}.rels"
    if rels not in names:
        return {}
    root = _parse(package.read(rels))
    found = {}
    for rel in root.iter(f"{{{PACKAGE_REL}}}Relationship") if root is not None else []:
        target, external = rel.get("Target") or "", rel.get("TargetMode") == "External"
        if not external:
            target = posixpath.normpath(posixpath.join(folder, target)).lstrip("/")
        found[rel.get("Id") or ""] = (target, external)
    return found


def _picture_refs(root: Element) -> list[tuple[Element, str]]:
    """(element, relationship id) of every picture reference in a story."""
    refs = []
    for node in root.iter(f"{{{A}}}blip", f"{{{_V}}}imagedata", f"{{{_V}}}fill"):
        for attr in (f"{{{R}}}embed", f"{{{R}}}link", f"{{{R}}}id", f"{{{_O}}}href"):
            if node.get(attr):
                refs.append((node, node.get(attr)))
    return refs


def _story_findings(package: zipfile.ZipFile, names: set[str], part: str, root: Element) -> list[Finding]:
    from PIL import Image, UnidentifiedImageError

    found = []
    rels = relationships(package, names, part)
    for _node, rid in _picture_refs(root):
        target, external = rels.get(rid, ("", False))
        if external or not target or target not in names:
            what = f", verknüpft mit {target}" if external else ", dessen Datei im Paket fehlt"
            found.append(
                Finding(
                    "CG415",
                    part,
                    f"ein Bild{what}",
                    "das Bild selbst in Word einfügen (nicht als Verknüpfung)",
                )
            )
        elif target.lower().endswith(_RASTER):
            try:
                with Image.open(io.BytesIO(package.read(target))) as image:
                    image.verify()
            except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
                found.append(
                    Finding(
                        "CG417",
                        part,
                        f"das Bild {target} ist kein lesbares Bild",
                        "das Logo neu einfügen",
                    )
                )
    for instruction in _field_instructions(root):
        found.append(
            Finding(
                "CG416",
                part,
                f"ein Feld {instruction.split()[0]} holt oder startet etwas, wenn Word es aktualisiert",
                "das Feld in Word entfernen (Alt+F9 zeigt Feldfunktionen); stattdessen ein Bild oder Text",
            )
        )
    return found


def _field_instructions(root: Element) -> list[str]:
    """The instructions of the active fields of ACTIVE_FIELDS in a story."""
    found = []
    for node in root.iter(qn("w:instrText")):
        text = (node.text or "").strip()
        if text.upper().startswith(ACTIVE_FIELDS):
            found.append(text)
    for node in root.iter(qn("w:fldSimple")):
        text = (node.get(qn("w:instr")) or "").strip()
        if text.upper().startswith(ACTIVE_FIELDS):
            found.append(text)
    return found


def _colour_findings(part: str, root: Element) -> list[Finding]:
    found = []
    attributes = {
        qn("w:color"): (qn("w:val"),),
        qn("w:shd"): (qn("w:fill"), qn("w:color")),
        f"{{{A}}}srgbClr": ("val",),
    }
    for node in root.iter(*attributes):
        for attr in attributes[node.tag]:
            value = node.get(attr)
            if value is None or value == "auto" or _HEX.fullmatch(value):
                continue
            found.append(
                Finding(
                    "CG418",
                    part,
                    f"die Farbe „{value}“{_owner(node)} besteht nicht aus sechs Hexadezimalziffern",
                    "die Farbe in Word neu wählen (eine Farbe schreibt sich wie 1F4E79)",
                )
            )
            if len(found) >= 5:
                return found
    return found


def _owner(node: Element) -> str:
    parent = node
    while parent is not None:
        if local_name(parent) == "style":
            name = parent.find(qn("w:name"))
            shown = name.get(qn("w:val")) if name is not None else parent.get(qn("w:styleId"))
            return f" in der Formatvorlage „{shown}“"
        if local_name(parent) in _THEME_SLOTS:
            return f" (Designfarbe {local_name(parent)})"
        parent = parent.getparent()
    return ""


def style_depths(styles: Element) -> dict[str, int]:
    """How many ``basedOn`` steps each style has to its root, computed once per style (a loop counts as
    ending where it closes)."""
    based = {}
    for style in styles.iter(f"{{{W}}}style"):
        link = style.find(qn("w:basedOn"))
        based[style.get(qn("w:styleId")) or ""] = link.get(qn("w:val")) if link is not None else None
    depth: dict[str, int] = {}
    for start in based:
        path, seen, current = [], set(), start
        while current in based and current not in depth and current not in seen:
            seen.add(current)
            path.append(current)
            current = based[current]
        level = depth.get(current, -1)  # a root, an unknown id or a loop: -1
        for style_id in reversed(path):
            level += 1
            depth[style_id] = level
    return depth


def _depth_findings(part: str, root: Element) -> list[Finding]:
    depths = style_depths(root)
    deepest = max(depths.items(), key=lambda item: item[1], default=("", 0))
    if deepest[1] <= MAX_STYLE_DEPTH:
        return []
    return [
        Finding(
            "CG419",
            part,
            f"die Formatvorlage „{deepest[0]}“ baut auf einer Kette von {grouped(deepest[1])} Formatvorlagen "
            f"auf (höchstens {MAX_STYLE_DEPTH})",
            "die Formatvorlagen in Word auf Standard aufbauen (Formatvorlage ändern → Formatvorlage "
            "basiert auf)",
        )
    ]


def sanitized(data: bytes) -> tuple[bytes, list[tuple[str, str]]]:
    """The package ``data`` without external or dangling pictures and active fields in its headers and
    footers, and without relationships to parts it does not hold; (part, what was removed) for each."""
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(data)) as package:
        infos = package.infolist()
        parts = {info.filename: package.read(info.filename) for info in infos}
        names = set(parts)
        removed: list[tuple[str, str]] = []
        for name in sorted(names):
            if not re.fullmatch(r"word/(header|footer)\d*\.xml", name):
                continue
            root = _parse(parts[name])
            if root is None:
                continue
            what = strip_story(root, relationships(package, names, name), names)
            if what:
                parts[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
                removed += [(name, w) for w in what]
    for name in sorted(names):
        if not name.endswith(".rels"):
            continue
        root = _parse(parts[name])
        if root is None:
            continue
        owner = posixpath.dirname(posixpath.dirname(name))
        story = re.search(r"/(header|footer)\d*\.xml\.rels$", name) is not None
        dropped = False
        for rel in list(root.iter(f"{{{PACKAGE_REL}}}Relationship")):
            target, external = rel.get("Target") or "", rel.get("TargetMode") == "External"
            inside = posixpath.normpath(posixpath.join(owner, target)).lstrip("/")
            if (not external and inside not in names) or (
                external and story and (rel.get("Type") or "").endswith("/image")
            ):
                root.remove(rel)
                dropped = True
        if dropped:
            parts[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for info in infos:
            package.writestr(info, parts[info.filename])
    return out.getvalue(), removed


def strip_story(root: Element, rels: dict[str, tuple[str, bool]], names: set[str]) -> list[str]:
    """Remove from a header or footer being copied the pictures whose relationship is external or leads
    nowhere, and the active fields (with their results); returns what was removed, for the report."""
    removed = []
    for node, rid in _picture_refs(root):
        target, external = rels.get(rid, ("", False))
        if external or not target or target not in names:
            holder = _holder(node)
            if holder is not None and holder.getparent() is not None:
                holder.getparent().remove(holder)
                removed.append(f"ein Bild{', verknüpft mit ' + target if external else ' ohne seine Datei'}")
    for paragraph in root.iter(qn("w:p")):
        removed += _strip_fields(paragraph)
    for simple in list(root.iter(qn("w:fldSimple"))):
        instruction = (simple.get(qn("w:instr")) or "").strip()
        if instruction.upper().startswith(ACTIVE_FIELDS) and simple.getparent() is not None:
            simple.getparent().remove(simple)
            removed.append(f"das Feld {instruction.split()[0]}")
    return removed


def _holder(node: Element) -> Element | None:
    """The run (or drawing/pict) that holds a picture reference."""
    current = node
    while current is not None and local_name(current) not in ("r", "drawing", "pict"):
        current = current.getparent()
    return current


def _strip_fields(paragraph: Element) -> list[str]:
    """Remove the runs of active complex fields (begin … end) of one paragraph."""
    removed: list[str] = []
    runs = [child for child in paragraph if local_name(child) == "r"]
    i = 0
    while i < len(runs):
        begin = runs[i].find(qn("w:fldChar"))
        if begin is None or begin.get(qn("w:fldCharType")) != "begin":
            i += 1
            continue
        depth, j, instruction = 0, i, ""
        while j < len(runs):
            char = runs[j].find(qn("w:fldChar"))
            kind = char.get(qn("w:fldCharType")) if char is not None else ""
            depth += 1 if kind == "begin" else -1 if kind == "end" else 0
            text = runs[j].find(qn("w:instrText"))
            if text is not None and depth == 1:
                instruction += text.text or ""
            if depth == 0:
                break
            j += 1
        if instruction.strip().upper().startswith(ACTIVE_FIELDS):
            for run in runs[i : j + 1]:
                paragraph.remove(run)
            removed.append(f"das Feld {instruction.split()[0]}")
        i = j + 1
    return removed
