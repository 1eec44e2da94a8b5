"""Edits to a YAML file's text that touch only the lines they concern.

``conceptgen import --apply`` writes the working group's changes into files that consultants lay out by
hand: two or four spaces, sequences indented or not, flow mappings on one line, comments after values. A
round trip through a YAML library re-indents the whole file to one layout (96 lines for one status); here
every edit replaces, inserts or removes the characters of one value, found by the marks of PyYAML's
composer, and leaves every other character as it was. After all edits the text is parsed again and must
give exactly the intended data, or nothing is written (:class:`EditError`, a bug).
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Sequence
from typing import Any

import yaml

Part = str | int
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_NULLS = {"", "~", "null", "Null", "NULL"}
_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")


class Quoted(str):
    """A text written in double quotes even where plain would do (an ID an editor would read as a
    number: ``measure: "2.3"``)."""


class EditError(Exception):
    """An edit that did not give the intended data (a bug in this module, never the user's input)."""


def render_scalar(value: Any, *, flow: bool = False, style: str | None = None) -> str:
    """``value`` as a YAML scalar that the loader reads back as the same text: plain where that is
    safe, else in the quotes the old value had (double quotes by default)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    text = str(value)
    if isinstance(value, Quoted):
        style = '"'
    if style == "'" and "\n" not in text and _printable(text):
        return "'" + text.replace("'", "''") + "'"
    if style != '"' and _plain_safe(text, flow=flow):
        return text
    quoted = json.dumps(text, ensure_ascii=False)
    for char in ("\u0085", "\u2028", "\u2029"):  # line breaks to YAML's scanner, not to JSON's
        quoted = quoted.replace(char, f"\\u{ord(char):04x}")
    return quoted


def _printable(text: str) -> bool:
    return all(c >= " " or c == "\t" for c in text) and not any(c in text for c in "\u0085\u2028\u2029")


def _plain_safe(text: str, *, flow: bool) -> bool:
    if text in _NULLS or text != text.strip() or not _printable(text) or "\t" in text:
        return False
    if text[0] in _INDICATORS or text.startswith("..."):
        return False
    if ": " in text or " #" in text or text.endswith(":"):
        return False
    return not (flow and any(c in text for c in ",:?[]{}#"))  # PyYAML ends a flow scalar at any of them


def _render_flow(value: Any) -> str:
    """A new value in flow style: ``{start: 2026-01}``, ``[{measure: "2.3"}]``."""
    if isinstance(value, dict):
        return (
            "{"
            + ", ".join(f"{render_scalar(k, flow=True)}: {_render_flow(v)}" for k, v in value.items())
            + "}"
        )
    if isinstance(value, list):
        return "[" + ", ".join(_render_flow(v) for v in value) + "]"
    return render_scalar(value, flow=True)


class YamlText:
    """A YAML file's text with edits by key path (``("measures", 3, "period", "end")``)."""

    def __init__(self, text: str):
        self.text = text
        self.newline = "\r\n" if "\r\n" in text else "\n"
        self.expected = _plain(yaml.compose(text, Loader=_LOADER))

    # --- public edits ---------------------------------------------------------------------------

    def set(self, path: Sequence[Part], value: Any, *, quote: str | None = None) -> None:
        """Set the scalar at ``path`` (creating the mappings on the way); ``quote`` forces a style
        for a new value (``'"'`` for an ID that an editor would read as a number)."""
        node, depth = self._deepest(path)
        rest = list(path[depth:])
        if not rest:
            self._replace(node, value, quote)
        else:
            nested: Any = value
            for key in reversed(rest[1:]):
                nested = {key: nested}
            self._insert_key(node, str(rest[0]), nested, quote)
        _data_set(self.expected, path, _as_text(value))

    def delete(self, path: Sequence[Part], *, parent_with: Sequence[str] | None = None) -> None:
        """Remove the key at ``path`` (an emptied cell). With ``parent_with``, the mapping that holds it
        goes too when it holds nothing but that key and these (``costs: {amount: …, interval: …}``)."""
        parent, depth = self._deepest(path[:-1])
        if depth < len(path) - 1:
            return  # nothing there to remove
        keys = {k.value for k, _v in parent.value} if isinstance(parent, yaml.MappingNode) else set()
        if parent_with is not None and len(path) >= 2 and keys <= {str(path[-1]), *parent_with}:
            self.delete(path[:-1])
            return
        if self._remove_key(parent, str(path[-1])):
            _data_delete(self.expected, path)

    def append(self, path: Sequence[Part], item: dict[str, Any]) -> None:
        """Append ``item`` (a flow mapping) to the sequence at ``path``, creating it when missing."""
        node, depth = self._deepest(path)
        rest = list(path[depth:])
        text = _render_flow(item)
        if rest:
            nested: Any = [item]
            for key in reversed(rest[1:]):
                nested = {key: nested}
            self._insert_key(node, str(rest[0]), nested, None)
        elif isinstance(node, yaml.SequenceNode) and node.flow_style:
            if node.value:
                self._splice(_content_end(self.text, node.value[-1]), 0, f", {text}")
            else:
                self._splice(node.start_mark.index + 1, 0, text)
        elif isinstance(node, yaml.SequenceNode):
            dash = self._dash_column(node.value[0])
            at = self._after_line(_content_end(self.text, node))
            self._splice(at, 0, f"{' ' * dash}- {text}{self.newline}")
        elif isinstance(node, yaml.ScalarNode) and node.value == "":
            self._splice(node.start_mark.index, node.end_mark.index - node.start_mark.index, f" [{text}]")
        else:
            raise EditError(f"{_show(path)} ist keine Liste")
        _data_append(self.expected, path, _as_text(item))

    def result(self) -> str:
        """The edited text, verified: it parses to exactly the data the edits intended."""
        try:
            found = _plain(yaml.compose(self.text, Loader=_LOADER))
        except yaml.YAMLError as exc:
            raise EditError(f"der bearbeitete Text ist kein gültiges YAML mehr: {exc}") from exc
        if found != self.expected:
            raise EditError("der bearbeitete Text enthält nicht die beabsichtigten Werte")
        return self.text

    # --- finding ---------------------------------------------------------------------------------

    def _root(self) -> yaml.Node:
        try:
            node = yaml.compose(self.text, Loader=_LOADER)
        except yaml.YAMLError as exc:
            raise EditError(f"eine Bearbeitung hinterließ Text, der kein gültiges YAML ist: {exc}") from exc
        if node is None:
            raise EditError("die Datei ist leer")
        return node

    def _deepest(self, path: Sequence[Part]) -> tuple[yaml.Node, int]:
        """The node at ``path``, or the deepest existing one on the way and how many parts it covers;
        ``self.flow`` tells whether it lies inside a flow collection (where commas end a plain value)."""
        node = self._root()
        self.flow = False
        for depth, part in enumerate(path):
            child = _child(node, part)
            if child is None:
                if not isinstance(node, yaml.MappingNode | yaml.ScalarNode) or isinstance(part, int):
                    raise EditError(f"{_show(path[: depth + 1])} nicht gefunden")
                return node, depth
            self.flow = self.flow or bool(getattr(node, "flow_style", False))
            node = child
        return node, len(path)

    # --- text operations ---------------------------------------------------------------------------

    def _splice(self, index: int, length: int, new: str) -> None:
        self.text = self.text[:index] + new + self.text[index + length :]

    def _after_line(self, index: int) -> int:
        """The index after the line break that ends the line holding ``index - 1``."""
        if index > 0 and self.text[index - 1] == "\n":
            return index
        end = self.text.find("\n", index)
        if end < 0:
            self.text += self.newline
            return len(self.text)
        return end + 1

    def _line_start(self, index: int) -> int:
        return self.text.rfind("\n", 0, index) + 1

    def _dash_column(self, item: yaml.Node) -> int:
        index = item.start_mark.index - 1
        while index >= 0 and self.text[index] == " ":
            index -= 1
        if index < 0 or self.text[index] != "-":
            raise EditError("ein Listeneintrag ohne seinen Strich")
        return index - self._line_start(index)

    def _replace(self, node: yaml.Node, value: Any, quote: str | None) -> None:
        if not isinstance(node, yaml.ScalarNode):
            raise EditError(
                "ein Wert, der eine Liste oder Zuordnung ist, kann nicht durch einen einfachen Wert "
                "ersetzt werden"
            )
        start = node.start_mark.index
        text = str(value) if not isinstance(value, int | float) else None
        if node.style in ("|", ">") and text is not None and "\n" in text.strip("\n"):
            end = _content_end(self.text, node)
            self._splice(start, end - start, self._block(node, text))
            return
        rendered = render_scalar(value, flow=self.flow, style=quote or _quote_style(node))
        if node.value == "" and not node.style:  # `lead:` with nothing after it
            self._splice(
                start, node.end_mark.index - start, f" {rendered}" if self._needs_space(start) else rendered
            )
            return
        end = node.end_mark.index if node.style not in ("|", ">") else _content_end(self.text, node)
        self._splice(start, end - start, rendered)

    def _needs_space(self, index: int) -> bool:
        return index > 0 and self.text[index - 1] == ":"

    def _block(self, node: yaml.ScalarNode, text: str) -> str:
        raw = self.text[node.start_mark.index : node.end_mark.index]
        lines = raw.split("\n")[1:]
        first = next((line for line in lines if line.strip()), "  ")
        indent = len(first) - len(first.lstrip(" "))
        if text[:1] == " ":
            return render_scalar(text)
        chomp = "" if text.endswith("\n") else "-"
        body = self.newline.join(
            f"{' ' * indent}{line}" if line else "" for line in text.rstrip("\n").split("\n")
        )
        return f"|{chomp}{self.newline}{body}"

    def _insert_key(self, node: yaml.Node, key: str, value: Any, quote: str | None) -> None:
        flow_value = value if isinstance(value, dict | list) else None
        rendered_value = (
            _render_flow(flow_value)
            if flow_value is not None
            else render_scalar(value, style=quote, flow=True)
        )
        pair = f"{render_scalar(key, flow=True)}: {rendered_value}"
        if isinstance(node, yaml.ScalarNode) and node.value == "" and not node.style:
            start = node.start_mark.index
            self._splice(start, node.end_mark.index - start, f" {{{pair}}}")
            return
        if not isinstance(node, yaml.MappingNode):
            raise EditError("ein Wert, der keine Zuordnung ist, kann keinen Schlüssel aufnehmen")
        if node.flow_style:
            if node.value:
                self._splice(_content_end(self.text, node.value[-1][1]), 0, f", {pair}")
            else:
                self._splice(node.start_mark.index + 1, 0, pair)
            return
        indent = node.value[0][0].start_mark.column
        at = self._after_line(_content_end(self.text, node))
        self._splice(at, 0, f"{' ' * indent}{pair}{self.newline}")

    def _remove_key(self, node: yaml.Node, key: str) -> bool:
        if not isinstance(node, yaml.MappingNode):
            return False
        pairs = node.value
        index = next((i for i, (k, _v) in enumerate(pairs) if k.value == key), None)
        if index is None:
            return False
        key_node, value_node = pairs[index]
        if node.flow_style:
            start, end = key_node.start_mark.index, _content_end(self.text, value_node)
            if index + 1 < len(pairs):
                end = pairs[index + 1][0].start_mark.index
            elif index > 0:
                start = _content_end(self.text, pairs[index - 1][1])
            self._splice(start, end - start, "")
            return True
        line_start = self._line_start(key_node.start_mark.index)
        end = self._after_line(_content_end(self.text, value_node))
        if self.text[line_start : key_node.start_mark.index].strip() == "":
            self._splice(line_start, end - line_start, "")
        elif index + 1 < len(pairs):  # `- key: value` and a key below it: that key moves up
            start = key_node.start_mark.index
            self._splice(start, pairs[index + 1][0].start_mark.index - start, "")
        else:  # the only key of a list item
            start = key_node.start_mark.index
            self._splice(start, end - start, "{}" + self.newline)
        return True


def _quote_style(node: yaml.ScalarNode) -> str | None:
    return node.style if node.style in ("'", '"') else None


def _child(node: yaml.Node, part: Part) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == str(part):
                return value
    elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return node.value[part]
    return None


def _content_end(text: str, node: yaml.Node) -> int:
    """The index after the last character that belongs to ``node`` (a block collection's end mark lies
    at the next token, after comments and blank lines; a block scalar's after its trailing lines)."""
    if isinstance(node, yaml.ScalarNode):
        if node.style in ("|", ">"):
            span = text[node.start_mark.index : node.end_mark.index]
            return node.start_mark.index + len(span.rstrip())
        return node.end_mark.index
    if node.flow_style or not node.value:
        return node.end_mark.index
    last = node.value[-1]
    return _content_end(text, last[1] if isinstance(node, yaml.MappingNode) else last)


def _plain(node: yaml.Node | None) -> Any:
    """A composed node as the loader sees it: every scalar as text, plain nulls as None."""
    if node is None:
        return None
    if isinstance(node, yaml.ScalarNode):
        return None if not node.style and node.value in _NULLS else node.value
    if isinstance(node, yaml.SequenceNode):
        return [_plain(item) for item in node.value]
    return {key.value: _plain(value) for key, value in node.value}


def _as_text(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _as_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_text(v) for v in value]
    if isinstance(value, bool | int | float):
        return render_scalar(value)
    return str(value)


def _data_set(data: Any, path: Sequence[Part], value: Any) -> None:
    for part in path[:-1]:
        key = part if isinstance(part, int) else str(part)
        if isinstance(data, dict) and (key not in data or data[key] is None):
            data[key] = {}
        data = data[key]
    data[path[-1] if isinstance(path[-1], int) else str(path[-1])] = copy.deepcopy(value)


def _data_delete(data: Any, path: Sequence[Part]) -> None:
    for part in path[:-1]:
        data = data[part if isinstance(part, int) else str(part)]
    del data[str(path[-1])]


def _data_append(data: Any, path: Sequence[Part], item: Any) -> None:
    for part in path[:-1]:
        key = part if isinstance(part, int) else str(part)
        if isinstance(data, dict) and (key not in data or data[key] is None):
            data[key] = {}
        data = data[key]
    last = str(path[-1]) if not isinstance(path[-1], int) else path[-1]
    if isinstance(data, dict) and (last not in data or data[last] is None):
        data[last] = []
    data[last].append(copy.deepcopy(item))


def _show(path: Sequence[Part]) -> str:
    return re.sub(r"^\.", "", "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path))
