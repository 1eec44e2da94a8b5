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


def syntax_diagnostic(exc: yaml.MarkedYAMLError, display: str, text: str) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or "syntax error"
    hint = ""
    if exc.context and exc.context_mark and exc.context_mark is not mark:
        hint = f"{exc.context} at line {exc.context_mark.line + 1}"
    if "mapping values are not allowed" in problem:
        hint = "a ':' inside a value needs quotes, or the indentation is off"
    elif "could not find expected ':'" in problem:
        hint = "a key is missing its ':' or a line is indented wrongly"
    elif "expected <block end>" in problem:
        hint = "check the indentation of this line against the lines above"
    opened = exc.context_mark
    in_flow = (exc.context or "").startswith("while parsing a flow")
    if opened and mark and ("<stream end>" in problem or (in_flow and opened.line != mark.line)):
        # an unclosed bracket or quote: where the error surfaces says little, where it opened says more
        hint = f"{problem} ({exc.context} that starts here is not closed)"
        problem = "unclosed bracket or quote"
        mark = opened
    location = Location(display, mark.line + 1, mark.column + 1) if mark else Location(display)
    quote_line = _unclosed_quote_before(text, location.line + 1)
    if quote_line and quote_line < location.line:
        # a quote left open swallows the following lines; the error surfaces lines later
        problem = "unclosed quote"
        hint = f"the quote that opens on line {quote_line} is not closed on that line"
        location = Location(display, quote_line, 1)
    return diagnostic("CG003", f"YAML syntax error: {problem}", location, hint=hint)
