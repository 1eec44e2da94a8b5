"""Characters a Word document cannot hold, or should not: control characters in user text.

XML 1.0 forbids C0 controls (except tab, line feed, carriage return), U+FFFE, U+FFFF and lone
surrogates; C1 controls and DEL are allowed but invisible debris (usually a mis-decoded file). A form feed
or vertical tab (Word's page and line breaks, pasted into a text) is replaced by a space with a warning;
every other such character is an error at its line and column, in ``check`` as in ``render``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

# what is replaced by a space (with a warning)
SPACE_LIKE = "\x0b\x0c"
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
_NAMES = {
    "\x00": "NUL",
    "\x0b": "vertikaler Tabulator",
    "\x0c": "Seitenvorschub",
    "\x1b": "Escape",
    "\x7f": "Löschzeichen DEL",
}


def control_characters(text: str) -> Iterator[tuple[int, str]]:
    """(offset, character) of every control character in ``text``."""
    for match in _CONTROL.finditer(text):
        yield match.start(), match.group()


def has_control_characters(text: str) -> bool:
    return _CONTROL.search(text) is not None


def describe(char: str) -> str:
    """``U+000C (Seitenvorschub)``."""
    name = _NAMES.get(char) or unicodedata.name(char, "").lower()
    return f"U+{ord(char):04X}" + (f" ({name})" if name else "")


def replace_space_like(text: str) -> str:
    """Form feeds and vertical tabs become spaces."""
    return text.translate({ord(c): " " for c in SPACE_LIKE})


def visible(text: str) -> str:
    """``text`` with every control character (and line breaks) escaped, for one-line messages."""
    return re.sub("[\x00-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]", lambda m: _escape(m.group()), text)


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def position(text: str, offset: int) -> tuple[int, int]:
    """(line, column), both 1-based, of ``offset`` in ``text``."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1
