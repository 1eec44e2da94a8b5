"""What LibreOffice's PDF/UA export leaves out, added to its PDF (pikepdf).

LibreOffice (``PDFUACompliance``) writes the structure tree, the XMP identification, the language and the
title shown; measured on 7.4 it also leaves out:
- the alternative text of native charts (a chart's ``Figure`` has none, though ``wp:docPr/@descr`` holds
  it): taken from the .docx, figure by figure in reading order — only when the counts agree and every
  figure that has a text carries the .docx's text at the same position, else nothing is guessed;
- the scope of header cells (``TH``): column for the cells of a header row, row for a first column;
- paragraph and table borders drawn outside any marked content: marked as artefacts (decoration);
- footnote links outside the structure: a ``Link`` element inside the footnote's ``Note`` (or the
  document), the annotation described („Fußnote 1“), the page's tab order by structure;
- a paragraph style named like a standard type (``Quote``) remapped onto ``P``: the elements take the
  standard type itself;
- a stable file: the dates are the document's (docProps/core.xml), the file ID is derived from the content.
What this module cannot add is left to render/pdf_check.py to report.
"""

from __future__ import annotations

import io
from typing import Any

from conceptgen.ooxml.package_facts import PackageFacts, read_facts, xmp_properties

PATH_CONSTRUCTION = frozenset(["m", "l", "c", "v", "y", "h", "re"])
PATH_PAINTING = frozenset(["S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "n"])
# a paragraph style that shares a standard type's name: what the element is instead of LibreOffice's P
RENAMED = {"/Quote": "/BlockQuote"}
FOOTNOTE = {"de": "Fußnote", "en": "Footnote"}


def make_accessible(pdf: bytes, docx: bytes) -> tuple[bytes, list[str]]:
    """``pdf`` (LibreOffice's export of ``docx``) with what PDF/UA-1 needs and LibreOffice left out;
    returns the new PDF and notes on what could not be added."""
    import pikepdf

    facts = read_facts(docx)
    notes: list[str] = []
    with pikepdf.open(io.BytesIO(pdf)) as document:
        tree = document.Root.get("/StructTreeRoot")
        if tree is None:
            return pdf, ["das PDF hat keine Struktur (LibreOffice exportierte es ungetaggt)"]
        elements = list(_elements(tree))
        notes += _alt_texts(elements, facts)
        _header_scopes(elements)
        _renamed_types(tree, elements)
        _annotations(document, tree, elements, facts)
        for page in document.pages:
            _decoration_as_artifacts(document, page)
        _metadata(document, facts)
        output = io.BytesIO()
        document.save(output, deterministic_id=True, compress_streams=True)
    return output.getvalue(), notes


def _elements(tree: Any) -> Any:
    """The structure elements below ``tree`` in reading order (depth first)."""
    import pikepdf

    stack = [tree]
    while stack:
        node = stack.pop()
        kids = node.get("/K")
        items = list(kids) if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]
        children = [k for k in items if isinstance(k, pikepdf.Dictionary) and "/S" in k]
        if node is not tree:
            yield node
        stack.extend(reversed(children))


def _alt_texts(elements: list[Any], facts: PackageFacts) -> list[str]:
    import pikepdf

    figures = [e for e in elements if str(e.get("/S")) == "/Figure"]
    missing = [f for f in figures if not str(f.get("/Alt", "")).strip()]
    if not missing:
        return []
    aligned = len(figures) == len(facts.figures) and all(
        not str(f.get("/Alt", "")).strip() or (descr or title)[:40] in str(f.get("/Alt"))
        for f, (title, descr) in zip(figures, facts.figures, strict=True)
    )
    if not aligned:
        return [
            f"{len(missing)} Abbildungen ohne Alternativtext: die {len(figures)} Abbildungen des PDF "
            f"lassen sich den {len(facts.figures)} des Dokuments nicht sicher zuordnen"
        ]
    for figure, (title, descr) in zip(figures, facts.figures, strict=True):
        if not str(figure.get("/Alt", "")).strip() and (descr or title):
            figure.Alt = pikepdf.String(descr or title)
    return []


def _header_scopes(elements: list[Any]) -> None:
    """Scope for every TH: /Column in a row of header cells only, else /Row."""
    import pikepdf

    for row in (e for e in elements if str(e.get("/S")) == "/TR"):
        cells = [c for c in _kids(row) if str(c.get("/S")) in {"/TH", "/TD"}]
        header_row = all(str(c.get("/S")) == "/TH" for c in cells)
        for cell in cells:
            if str(cell.get("/S")) != "/TH" or _has_scope(cell):
                continue
            scope = pikepdf.Name.Column if header_row else pikepdf.Name.Row
            attribute = pikepdf.Dictionary(O=pikepdf.Name.Table, Scope=scope)
            existing = cell.get("/A")
            if existing is None:
                cell.A = attribute
            elif isinstance(existing, pikepdf.Array):
                existing.append(attribute)
            else:
                cell.A = pikepdf.Array([existing, attribute])


def _kids(element: Any) -> list[Any]:
    import pikepdf

    kids = element.get("/K")
    items = list(kids) if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]
    return [k for k in items if isinstance(k, pikepdf.Dictionary) and "/S" in k]


def _has_scope(cell: Any) -> bool:
    import pikepdf

    attributes = cell.get("/A")
    entries = attributes if isinstance(attributes, pikepdf.Array) else [attributes]
    return any(isinstance(a, pikepdf.Dictionary) and "/Scope" in a for a in entries)


def _renamed_types(tree: Any, elements: list[Any]) -> None:
    """A role map entry that remaps a standard type (a style called "Quote") is removed; its elements
    become what they are."""
    import pikepdf

    from conceptgen.render.pdf_check import STANDARD_TYPES

    role_map = tree.get("/RoleMap")
    if role_map is None:
        return
    remapped = {str(k): str(v) for k, v in role_map.items() if str(k)[1:] in STANDARD_TYPES}
    for name, target in remapped.items():
        del role_map[name]
        if name == target:
            continue
        replacement = pikepdf.Name(RENAMED.get(name, target))
        for element in elements:
            if str(element.get("/S")) == name:
                element.S = replacement


def _annotations(document: Any, tree: Any, elements: list[Any], facts: PackageFacts) -> None:
    """Annotations outside the structure (LibreOffice's footnote links) get a Link element, a
    description and the tab order by structure."""
    import pikepdf

    notes = [e for e in elements if str(e.get("/S")) == "/Note"]
    documents = [e for e in elements if str(e.get("/S")) == "/Document"]
    word = FOOTNOTE.get(facts.language.split("-")[0].lower(), FOOTNOTE["en"])
    orphans = []
    for page in document.pages:
        annotations = [a for a in page.obj.get("/Annots", []) if isinstance(a, pikepdf.Dictionary)]
        if annotations:
            page.obj.Tabs = pikepdf.Name.S
        orphans += [(page, a) for a in annotations if "/StructParent" not in a]
    if not orphans:
        return
    parent_tree = tree.get("/ParentTree")
    if parent_tree is None or "/Nums" not in parent_tree:
        return  # a number tree with kids: left to the check to report
    numbers = parent_tree.Nums
    next_key = int(tree.get("/ParentTreeNextKey", 0))
    used = [int(numbers[i]) for i in range(0, len(numbers), 2)]
    next_key = max([next_key, *(k + 1 for k in used)])
    for index, (page, annotation) in enumerate(orphans):
        parent = notes[index] if len(notes) == len(orphans) else (documents[0] if documents else tree)
        link = document.make_indirect(
            pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.Link, P=parent, Pg=page.obj)
        )
        link.K = pikepdf.Dictionary(Type=pikepdf.Name.OBJR, Obj=annotation, Pg=page.obj)
        kids = parent.get("/K")
        if kids is None:
            parent.K = pikepdf.Array([link])
        elif isinstance(kids, pikepdf.Array):
            kids.insert(0, link)
        else:
            parent.K = pikepdf.Array([link, kids])
        annotation.StructParent = next_key
        numbers.append(next_key)
        numbers.append(link)
        next_key += 1
        label = str(annotation.get("/Contents", "")).strip()
        if label.isdigit():
            annotation.Contents = pikepdf.String(f"{word} {label}")
    tree.ParentTreeNextKey = next_key


def _decoration_as_artifacts(document: Any, page: Any) -> None:
    """Paths painted outside any marked content (borders, rules) wrapped as /Artifact."""
    import pikepdf

    operations = list(pikepdf.parse_content_stream(page))
    depth = 0
    path_start: int | None = None
    inserts: list[tuple[int, int]] = []  # (first operation of the path, painting operation)
    for index, (_operands, operator) in enumerate(operations):
        name = str(operator)
        if name in {"BDC", "BMC"}:
            depth += 1
        elif name == "EMC":
            depth = max(0, depth - 1)
        if name in PATH_CONSTRUCTION:
            if path_start is None:
                path_start = index
        elif name in PATH_PAINTING:
            if depth == 0 and path_start is not None:
                inserts.append((path_start, index))
            path_start = None
        elif name not in {"W", "W*"}:
            path_start = None
    if not inserts:
        return
    result = []
    starts = {s for s, _ in inserts}
    ends = {e for _, e in inserts}
    for index, operation in enumerate(operations):
        if index in starts:
            result.append(pikepdf.ContentStreamInstruction([pikepdf.Name.Artifact], pikepdf.Operator("BMC")))
        result.append(operation)
        if index in ends:
            result.append(pikepdf.ContentStreamInstruction([], pikepdf.Operator("EMC")))
    page.obj.Contents = document.make_stream(pikepdf.unparse_content_stream(result))


def _metadata(document: Any, facts: PackageFacts) -> None:
    """XMP with the PDF/UA identification, title and language; the document's own dates (a PDF of the
    same .docx is the same file)."""
    import pikepdf

    if facts.language:
        document.Root.Lang = pikepdf.String(facts.language)
    preferences = document.Root.get("/ViewerPreferences")
    if preferences is None:
        document.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
    else:
        preferences.DisplayDocTitle = True
    mark_info = document.Root.get("/MarkInfo")
    if mark_info is None:
        document.Root.MarkInfo = pikepdf.Dictionary(Marked=True)
    else:
        mark_info.Marked = True
    with document.open_metadata(set_pikepdf_as_editor=False, update_docinfo=True) as meta:
        for key, value in xmp_properties(facts).items():
            meta[key] = value
