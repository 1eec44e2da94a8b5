"""Comments and tracked changes made by LibreOffice itself (for the review tests): run by a Python that
has ``uno`` (Debian's python3-uno, or LibreOffice's own), it starts a LibreOffice of its own, opens a
.docx, makes the edits of a JSON list through the API with change recording on, and saves as Word 2007.

    python3 uno_edits.py IN.docx OUT.docx EDITS.json PROFILE_DIR

Each edit: ``{"op": "comment" | "replace" | "delete" | "insert_after", "text": …, "nth": …, "author": …,
"new": …, "comment": …}`` — the ``nth`` occurrence of ``text`` in the document's text. The document is
loaded as a model without a window: LibreOffice 7.4 headless crashes when a comment is inserted into a
document that has a view (its comment side pane is built).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time


def main() -> None:
    import uno
    from com.sun.star.beans import PropertyValue
    from com.sun.star.util import DateTime

    def prop(name, value):
        p = PropertyValue()
        p.Name, p.Value = name, value
        return p

    source, target, spec, profile = sys.argv[1:5]
    with open(spec, encoding="utf-8") as handle:
        edits = json.load(handle)
    pipe = f"cgreview{os.getpid()}"
    office = subprocess.Popen(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--norestore",
            "--invisible",
            f"--accept=pipe,name={pipe};urp;",
        ],
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    desktop = None
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        deadline = time.time() + 90
        while True:
            try:
                context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:
                if time.time() > deadline:
                    raise
                time.sleep(0.2)
        manager = context.ServiceManager
        desktop = manager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        document = manager.createInstanceWithContext("com.sun.star.text.TextDocument", context)
        url = uno.systemPathToFileUrl(os.path.abspath(source))
        document.load((prop("URL", url), prop("FilterName", "MS Word 2007 XML")))
        for number, edit in enumerate(edits):
            _author(manager, context, prop, edit["author"])
            found = _find(document, edit["text"], edit.get("nth", 0))
            text = found.getText()
            if edit["op"] == "comment":
                document.RecordChanges = False
                note = document.createInstance("com.sun.star.text.textfield.Annotation")
                note.Author = edit["author"]
                note.Content = edit["comment"]
                note.DateTimeValue = DateTime(0, 0, number % 60, 10, 5, 3, 2026, False)
                text.insertTextContent(found, note, True)
            else:
                document.RecordChanges = True
                if edit["op"] == "replace":
                    found.setString(edit["new"])
                elif edit["op"] == "delete":
                    found.setString("")
                elif edit["op"] == "insert_after":
                    cursor = text.createTextCursorByRange(found.getEnd())
                    text.insertString(cursor, edit["new"], False)
                document.RecordChanges = False
        out = uno.systemPathToFileUrl(os.path.abspath(target))
        document.storeToURL(out, (prop("FilterName", "MS Word 2007 XML"),))
        document.close(True)
    finally:
        try:
            if desktop is not None:
                desktop.terminate()
        except Exception:  # LibreOffice ends with the bridge: nothing to do
            pass
        try:
            office.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(office.pid, signal.SIGTERM)
            try:
                office.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(office.pid, signal.SIGKILL)


def _find(document, text, nth):
    """The ``nth`` occurrence of ``text`` in the body's paragraphs and table cells, in document order (a
    model without a window has no search: its paragraphs are walked)."""
    count = 0
    for paragraph in _paragraphs(document.Text):
        string = paragraph.getString()
        start = string.find(text)
        while start >= 0:
            if count == nth:
                owner = paragraph.getText()
                cursor = owner.createTextCursorByRange(paragraph.getStart())
                _right(cursor, start, False)
                _right(cursor, len(text), True)
                return cursor
            count += 1
            start = string.find(text, start + 1)
    raise SystemExit(f"{text!r}: {count} found, wanted number {nth + 1}")


def _right(cursor, count, select):
    while count > 0:
        step = min(count, 30000)
        cursor.goRight(step, select)
        count -= step


def _paragraphs(text):
    enumeration = text.createEnumeration()
    while enumeration.hasMoreElements():
        element = enumeration.nextElement()
        if element.supportsService("com.sun.star.text.TextTable"):
            for name in _cell_names(element):
                yield from _paragraphs(element.getCellByName(name).getText())
        elif element.supportsService("com.sun.star.text.Paragraph"):
            yield element


def _cell_names(table):
    """A table's cells row by row (names like B3; merged cells make rows of different lengths)."""
    import re

    def key(name):
        column, row = re.match(r"([A-Za-z]+)(\d+)", name).groups()
        return int(row), len(column), column

    return sorted(table.getCellNames(), key=key)


def _author(manager, context, prop, author):
    """Tracked changes carry the user's name from LibreOffice's settings: set it for each edit."""
    first, _, last = author.partition(" ")
    provider = manager.createInstanceWithContext("com.sun.star.configuration.ConfigurationProvider", context)
    node = prop("nodepath", "/org.openoffice.UserProfile/Data")
    access = provider.createInstanceWithArguments(
        "com.sun.star.configuration.ConfigurationUpdateAccess", (node,)
    )
    access.setPropertyValue("givenname", first)
    access.setPropertyValue("sn", last)
    access.commitChanges()


if __name__ == "__main__":
    main()
