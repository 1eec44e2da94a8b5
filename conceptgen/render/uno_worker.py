"""Run by LibreOffice's own Python (it has the ``uno`` module; conceptgen's Python usually has not):
connect to a running LibreOffice and convert documents to PDF on request, so that a preview does not
start LibreOffice for every refresh (half a second instead of three).

Protocol: one JSON object a line on stdin (``{"docx": path, "pdf": path, "tagged": bool, "bookmarks":
bool}``), one a line on stdout (``{"ok": true}`` or ``{"ok": false, "error": "…"}``). A request may add
``"find": text, "early": path``: the page on which ``text`` stands (once only) is exported alone to
``early`` before the whole document (PDF export takes time by the page), announced by a line
``{"early": page, "patched": false}`` (1-based) before the final one; nothing is announced when the text
is not found. The document converted last stays loaded (``"digest"`` names its .docx): a request with
``"patch"`` (one operation, conceptgen/preview/edits.py) and ``"base"`` (that digest) has it applied to
that document and the page it changed exported early (``"patched": true``), in a fraction of the time
loading the new .docx takes; the new .docx is loaded and converted after it all the same. The first
argument is the UNO connection string. When stdin closes — conceptgen ended, or was killed — the worker ends
LibreOffice too. This file imports nothing of conceptgen.
"""

from __future__ import annotations

import contextlib
import json
import sys
import time


def main() -> None:
    import uno
    from com.sun.star.beans import PropertyValue

    def prop(name, value):
        p = PropertyValue()
        p.Name, p.Value = name, value
        return p

    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.time() + 60
    while True:
        try:
            context = resolver.resolve(f"uno:{sys.argv[1]};urp;StarOffice.ComponentContext")
            break
        except Exception:  # LibreOffice is still starting
            if time.time() > deadline:
                raise
            time.sleep(0.2)
    desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
    if len(sys.argv) > 2:
        warm_up(desktop, prop, sys.argv[2])
    print(json.dumps({"ok": True, "ready": True}), flush=True)
    kept: list = [None, None]  # the digest and the document of the last .docx converted (for a patch)
    for line in sys.stdin:
        request = json.loads(line)
        try:
            options = (
                prop("UseTaggedPDF", bool(request.get("tagged", False))),
                prop("ExportBookmarksToPDFDestination", bool(request.get("bookmarks", False))),
                prop("ExportBookmarks", True),
            )
            shown = False
            if request.get("patch") and request.get("early") and kept[1] is not None:
                if request.get("base") == kept[0]:
                    shown = patched(kept[1], prop, options, request["patch"], request["early"])
                kept[0] = None  # patched or not: no longer the .docx it was
            document = desktop.loadComponentFromURL(
                uno.systemPathToFileUrl(request["docx"]), "_blank", 0, (prop("Hidden", True),)
            )
            old, kept[:] = kept[1], [None, document]
            if old is not None:
                with contextlib.suppress(Exception):
                    old.close(True)
            if not shown and request.get("find") and request.get("early"):
                found = find(document, request["find"])
                if found is not None:
                    early(document, prop, options, found, request["early"])
            export(document, prop, options, request["pdf"])
            kept[0] = request.get("digest")
            print(json.dumps({"ok": True}), flush=True)
        except Exception as exc:  # report, keep serving
            print(json.dumps({"ok": False, "error": str(exc)}), flush=True)
    with contextlib.suppress(Exception):  # our parent is gone: LibreOffice goes too
        desktop.terminate()


def find(document, text: str):
    """The only place ``text`` stands in ``document`` (None: nowhere, or more than once)."""
    search = document.createSearchDescriptor()
    search.SearchString = text
    search.SearchCaseSensitive = True
    found = document.findAll(search)
    return found.getByIndex(0) if found is not None and found.getCount() == 1 else None


def patched(document, prop, options, patch: dict, pdf: str) -> bool:
    """Apply ``patch`` (conceptgen/preview/edits.py) to the loaded ``document`` and export the page it
    changed alone to ``pdf`` (announced); False, announcing nothing, when a text to find is not there
    exactly once or anything fails."""
    try:
        if patch["kind"] == "insert":
            anchor = find(document, patch["after"])
            if anchor is None:
                return False
            from com.sun.star.text.ControlCharacter import PARAGRAPH_BREAK

            text = anchor.getText()
            cursor = text.createTextCursorByRange(anchor.getEnd())
            cursor.gotoEndOfParagraph(False)
            text.insertControlCharacter(cursor, PARAGRAPH_BREAK, False)
            start = cursor.getStart()
            text.insertString(cursor, patch["text"], False)
            changed = text.createTextCursorByRange(start)
            changed.gotoEndOfParagraph(True)
        elif patch["kind"] == "text":
            changed = find(document, patch["old"])
            if changed is None:
                return False
            changed.setString(patch["new"])
        else:
            return False
    except Exception:  # the document as it was laid out: the new .docx is loaded all the same
        return False
    return early(document, prop, options, changed, pdf, patched=True)


def export(document, prop, options, pdf: str) -> None:
    import uno

    data = prop("FilterData", uno.Any("[]com.sun.star.beans.PropertyValue", options))
    arguments = (prop("FilterName", "writer_pdf_Export"), data)
    uno.invoke(document, "storeToURL", (uno.systemPathToFileUrl(pdf), arguments))


def early(document, prop, options, found, pdf: str, *, patched: bool = False) -> bool:
    """Export the page on which the range ``found`` begins alone to ``pdf`` and announce it (False, and
    nothing announced, when the document has no view or the export fails)."""
    try:
        cursor = document.getCurrentController().getViewCursor()
        cursor.gotoRange(found.getStart(), False)
        page = int(cursor.getPage())
        if page < 1:
            return False
        export(document, prop, (*options, prop("PageRange", str(page))), pdf)
    except Exception:  # the whole document all the same
        return False
    print(json.dumps({"early": page, "patched": patched}), flush=True)
    return True


def warm_up(desktop, prop, pdf: str) -> None:
    """Lay out a hyphenated German paragraph once: LibreOffice loads its hyphenation patterns (≈ 1.6 s) on
    first use, which would otherwise fall on the first document converted."""
    import uno
    from com.sun.star.lang import Locale

    with contextlib.suppress(Exception):  # a warm-up that fails only costs that time later
        hidden = (prop("Hidden", True),)
        document = desktop.loadComponentFromURL("private:factory/swriter", "_blank", 0, hidden)
        try:
            cursor = document.Text.createTextCursor()
            cursor.setPropertyValue("CharLocale", Locale("de", "DE", ""))
            cursor.setPropertyValue("ParaIsHyphenation", True)
            words = "Wohnungsnotfallhilfe Fachberatungsstellen Unterbringungsverpflichtung Kreisverwaltung "
            document.Text.insertString(cursor, words * 30, False)
            arguments = (prop("FilterName", "writer_pdf_Export"),)
            uno.invoke(document, "storeToURL", (uno.systemPathToFileUrl(pdf), arguments))
        finally:
            document.close(True)


if __name__ == "__main__":
    main()
