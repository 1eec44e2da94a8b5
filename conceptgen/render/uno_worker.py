"""Run by LibreOffice's own Python (it has the ``uno`` module; conceptgen's Python usually has not):
connect to a running LibreOffice and convert documents to PDF on request, so that a preview does not
start LibreOffice for every refresh (half a second instead of three).

Protocol: one JSON object a line on stdin (``{"docx": path, "pdf": path, "tagged": bool, "bookmarks":
bool}``), one a line on stdout (``{"ok": true}`` or ``{"ok": false, "error": "…"}``). A request may add
``"find": text, "early": path``: the page on which ``text`` first stands is exported alone to ``early``
before the whole document (PDF export takes time by the page), announced by a line ``{"early": page}``
(1-based) before the final one; nothing is announced when the text is not found. The first argument is
the UNO connection string. When stdin closes — conceptgen ended, or was killed — the worker ends
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
    for line in sys.stdin:
        request = json.loads(line)
        try:
            document = desktop.loadComponentFromURL(
                uno.systemPathToFileUrl(request["docx"]), "_blank", 0, (prop("Hidden", True),)
            )
            try:
                options = (
                    prop("UseTaggedPDF", bool(request.get("tagged", False))),
                    prop("ExportBookmarksToPDFDestination", bool(request.get("bookmarks", False))),
                    prop("ExportBookmarks", True),
                )
                if request.get("find") and request.get("early"):
                    early(document, prop, options, request["find"], request["early"])
                export(document, prop, options, request["pdf"])
            finally:
                document.close(True)
            print(json.dumps({"ok": True}), flush=True)
        except Exception as exc:  # report, keep serving
            print(json.dumps({"ok": False, "error": str(exc)}), flush=True)
    with contextlib.suppress(Exception):  # our parent is gone: LibreOffice goes too
        desktop.terminate()


def export(document, prop, options, pdf: str) -> None:
    import uno

    data = prop("FilterData", uno.Any("[]com.sun.star.beans.PropertyValue", options))
    arguments = (prop("FilterName", "writer_pdf_Export"), data)
    uno.invoke(document, "storeToURL", (uno.systemPathToFileUrl(pdf), arguments))


def early(document, prop, options, text: str, pdf: str) -> None:
    """Export the page on which ``text`` first stands to ``pdf`` and announce it; a text not found (or a
    document without a view) announces nothing."""
    try:
        search = document.createSearchDescriptor()
        search.SearchString = text
        search.SearchCaseSensitive = True
        found = document.findFirst(search)
        if found is None:
            return
        cursor = document.getCurrentController().getViewCursor()
        cursor.gotoRange(found.getStart(), False)
        page = int(cursor.getPage())
    except Exception:  # no view, an odd range: the whole document only
        return
    if page < 1:
        return
    try:
        export(document, prop, (*options, prop("PageRange", str(page))), pdf)
    except Exception:  # the whole document all the same
        return
    print(json.dumps({"early": page}), flush=True)


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
