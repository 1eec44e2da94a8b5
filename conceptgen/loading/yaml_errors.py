"""A YAML syntax error as a consultant can act on it: where an unclosed bracket or quote opened (not
where the parser noticed, lines later), and a hint for the common causes."""

from __future__ import annotations

import re

import yaml

from conceptgen.diagnostics import Diagnostic, Location, diagnostic

_QUOTED_VALUE = re.compile(r"""^\s*(?:-\s+)?(?:[^\s"'#][^:#]*:\s+)?(["'])""")


def _unclosed_quote_before(text: str, line: int) -> int:
    """Line number (1-based) of a quoted value opened but not closed on its own line, before ``line``."""
    lines = text.splitlines()
    for number in range(1, min(line, len(lines) + 1)):
        content = lines[number - 1]
        match = _QUOTED_VALUE.match(content)
        if not match:
            continue
        quote = match.group(1)
        rest = content[match.end() :]
        rest = rest.replace("''", "") if quote == "'" else re.sub(r"\\.", "", rest)
        if quote not in rest:
            return number
    return 0


# PyYAML's problems (English) in German; a problem not listed keeps the parser's words in `backticks`.
_PROBLEMS_DE = [
    (r"mapping values are not allowed", "ein Doppelpunkt „:“ ist hier nicht erlaubt"),
    (r"could not find expected ':'", "nach einem Schlüssel fehlt der Doppelpunkt „:“"),
    (r"expected <block end>, but found", "die Einrückung passt nicht zu den Zeilen davor"),
    (r"did not find expected key", "hier wird ein Schlüssel erwartet"),
    (r"did not find expected '-' indicator", "hier wird ein Listeneintrag „-“ erwartet"),
    (r"found unexpected end of stream", "die Datei endet mitten in einem Wert"),
    (r"expected ',' or '\]'", "„,“ oder „]“ erwartet"),
    (r"expected ',' or '\}'", "„,“ oder „}“ erwartet"),
    (r"found character '(.*)' that cannot start any token", "das Zeichen „{0}“ kann hier nicht stehen"),
    (r"found unknown escape character '?([^']*)'?", "unbekannte Escape-Sequenz „\\{0}“"),
    (r"found undefined alias '?([^']*)'?", "unbekannter Verweis „*{0}“ (Alias)"),
    (r"expected alphabetic or numeric character", "Buchstabe oder Ziffer erwartet"),
    (
        r"expected a comment or a line break",
        "nach dem Wert ist nur ein Kommentar (#) oder das Zeilenende erlaubt",
    ),
    (r"second occurrence", "Anker (&) doppelt vergeben"),
]

# What PyYAML was reading when it failed, in German.
_CONTEXTS_DE = {
    "while parsing a block mapping": "die Zuordnung",
    "while parsing a block collection": "die Liste",
    "while parsing a flow mapping": "die geschweifte Klammer „{“",
    "while parsing a flow sequence": "die eckige Klammer „[“",
    "while parsing a flow node": "der Wert",
    "while parsing a block node": "der Wert",
    "while scanning a quoted scalar": "der Text in Anführungszeichen",
    "while scanning a double-quoted scalar": "der Text in Anführungszeichen",
    "while scanning a single-quoted scalar": "der Text in Anführungszeichen",
    "while scanning a simple key": "der Schlüssel",
    "while scanning a plain scalar": "der Wert",
    "while scanning an alias": "der Verweis (Alias)",
    "while scanning an anchor": "der Anker",
    "while scanning a block scalar": "der Textblock",
}


def _problem_de(problem: str) -> str:
    for pattern, german in _PROBLEMS_DE:
        match = re.search(pattern, problem)
        if match:
            return german.replace("{0}", match.group(1)) if match.groups() else german
    return f"`{problem}`" if problem else "Syntaxfehler"


def _context_de(context: str) -> str:
    anchor = re.match(r"found duplicate anchor '(.*)'", context)
    if anchor:
        return f"der erste Anker „&{anchor.group(1)}“"
    return _CONTEXTS_DE.get(context, f"`{context}`")


def syntax_diagnostic(exc: yaml.MarkedYAMLError, display: str, text: str) -> Diagnostic:
    """CG003 for a YAML syntax error, in German, located where the problem starts."""
    mark = exc.problem_mark or exc.context_mark
    problem = _problem_de(exc.problem or "")
    hint = ""
    if exc.context and exc.context_mark and exc.context_mark is not mark:
        hint = f"{_context_de(exc.context)} beginnt in Zeile {exc.context_mark.line + 1}"
    raw = exc.problem or ""
    if "mapping values are not allowed" in raw:
        hint = "ein „:“ in einem Wert braucht Anführungszeichen um den Wert, oder die Einrückung stimmt nicht"
    elif "could not find expected ':'" in raw:
        hint = "einem Schlüssel fehlt sein „:“, oder eine Zeile ist falsch eingerückt"
    elif "expected <block end>" in raw:
        hint = "die Einrückung dieser Zeile mit den Zeilen darüber vergleichen"
    opened = exc.context_mark
    in_flow = (exc.context or "").startswith("while parsing a flow")
    if opened and mark and ("<stream end>" in raw or (in_flow and opened.line != mark.line)):
        # an unclosed bracket or quote: where the error surfaces says little, where it opened says more
        hint = f"{problem}; {_context_de(exc.context or '')} ab hier wird nicht geschlossen"
        problem = "Klammer oder Anführungszeichen nicht geschlossen"
        mark = opened
    location = Location(display, mark.line + 1, mark.column + 1) if mark else Location(display)
    quote_line = _unclosed_quote_before(text, location.line + 1)
    if quote_line and quote_line < location.line:
        # a quote left open swallows the following lines; the error surfaces lines later
        problem = "Anführungszeichen nicht geschlossen"
        hint = f"das Anführungszeichen in Zeile {quote_line} wird in dieser Zeile nicht geschlossen"
        location = Location(display, quote_line, 1)
    return diagnostic("CG003", f"YAML-Syntaxfehler: {problem}", location, hint=hint)
