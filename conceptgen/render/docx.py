"""Stage 5: render a template with docxtpl inside a Jinja sandbox and return the .docx bytes.

Templates may come from a client, so they run in Jinja's SandboxedEnvironment with StrictUndefined:
a tag naming data that does not exist is an error that names the template and the tag, never an empty
string. Values are XML-escaped (autoescape), so user text can never inject markup.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator, Mapping
from typing import Any

from conceptgen.diagnostics import DiagnosticError, Location, diagnostic, did_you_mean, relative
from conceptgen.document.formatting import Formatter
from conceptgen.render import ooxml, package
from conceptgen.workspace import Template

_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
_MISSING_ATTR = re.compile(r"has no attribute '([^']+)'")
_MISSING_NAME = re.compile(r"'([^']+)' is undefined")


def render_docx(
    template: Template,
    context: Mapping[str, Any],
    *,
    language: str = "de-DE",
    properties: Mapping[str, str] | None = None,
    timestamp: dt.datetime | None = None,
) -> bytes:
    """Render ``template`` with ``context``; returns the finished document as bytes.

    Raises DiagnosticError: CG403 (unreadable template or syntax error), CG402 (a tag names data the
    context lacks), CG405 (the template tries something the sandbox forbids).
    """
    from docxtpl import DocxTemplate
    from jinja2 import StrictUndefined, TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError
    from jinja2.sandbox import SandboxedEnvironment

    display = relative(template.docx)
    try:
        doc = DocxTemplate(str(template.docx))
        doc.init_docx()
    except Exception as exc:  # python-docx raises many kinds for a broken package
        raise DiagnosticError(
            diagnostic(
                "CG403",
                f"template cannot be opened as a Word document: {exc}",
                Location(display),
                hint="is it a .docx saved by Word or LibreOffice?",
            )
        ) from None
    env = SandboxedEnvironment(undefined=StrictUndefined, autoescape=True)
    fmt = Formatter(str(context.get("project", {}).get("locale", "de")))
    env.filters["number"] = fmt.number
    env.filters["money"] = fmt.money
    try:
        doc.render(dict(context), jinja_env=env, autoescape=True)
    except TemplateSyntaxError as exc:
        snippet = " ".join(line.strip() for line in getattr(exc, "docx_context", []) if line.strip())
        raise DiagnosticError(
            diagnostic(
                "CG403",
                f"template syntax error: {exc.message}",
                Location(display),
                hint=f"near: {snippet[:120]}" if snippet else "",
            )
        ) from None
    except UndefinedError as exc:
        raise DiagnosticError(_undefined(exc, doc, display, context)) from None
    except SecurityError as exc:
        raise DiagnosticError(
            diagnostic(
                "CG405",
                f"template tries an unsafe operation: {exc}",
                Location(display),
                hint="templates may only read the data described in docs/templates.md",
            )
        ) from None
    document = doc.docx
    ooxml.set_update_fields(document)
    ooxml.set_document_language(document, language)
    props = document.core_properties
    for key, value in (properties or {}).items():
        setattr(props, key, value)
    if timestamp is not None:
        props.created = props.modified = timestamp
        props.last_printed = timestamp
    props.revision = 1
    props.last_modified_by = "conceptgen"
    buffer = io.BytesIO()
    document.save(buffer)
    return package.normalize(buffer.getvalue())


def _undefined(exc: Exception, doc: Any, display: str, context: Mapping[str, Any]) -> Any:
    message = str(exc)
    match = _MISSING_ATTR.search(message) or _MISSING_NAME.search(message)
    name = match.group(1) if match else ""
    tags = [t for t in template_tags(doc) if name and re.search(rf"\b{re.escape(name)}\b", t)]
    shown = tags[0] if tags else message
    hint = did_you_mean(name, set(_all_keys(context))) if name else ""
    return diagnostic(
        "CG402",
        f"tag {shown} uses '{name or message}', which the project data does not provide",
        Location(display),
        hint=hint or "see docs/templates.md for the variables a template may use",
    )


def template_tags(doc: Any) -> list[str]:
    """Every Jinja tag of the template body, headers and footers, as the user typed it."""
    parts = [doc.docx._element.body] + [
        rel.target_part._element
        for rel in doc.docx.part.rels.values()
        if rel.reltype.endswith(("/header", "/footer"))
    ]
    text = "\n".join(doc.patch_xml(doc.xml_to_string(part)) for part in parts)
    text = re.sub(r"<[^>]+>", "", text)
    return [re.sub(r"\s+", " ", t) for t in _TAG.findall(text)]


def _all_keys(value: Any) -> Iterator[str]:
    if isinstance(value, Mapping):
        for key, item in value.items():
            yield str(key)
            yield from _all_keys(item)
    elif isinstance(value, list):
        for item in value[:3]:
            yield from _all_keys(item)
