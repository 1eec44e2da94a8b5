"""docProps/app.xml: what the document says about itself (application, template, pages)."""

from __future__ import annotations

from html import escape  # not xml.sax.saxutils': it imports urllib.request and ssl
from typing import Any

APP_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.extended-properties+xml"
APP_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"
_EP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"


def set_app_properties(
    document: Any, *, application: str, version: str, template: str, company: str, pages: int = 0
) -> None:
    """Replace docProps/app.xml (a template's says "Microsoft Macintosh Word, 1 page") by one that
    describes this document; ``pages`` is left out when unknown (0). ``version`` is Word's ``XX.YYYY``."""
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    fields = [("Template", template), ("Company", company)]
    if pages:
        fields.append(("Pages", str(pages)))
    fields += [("Application", application), ("AppVersion", version), ("DocSecurity", "0")]
    body = "".join(f"<{name}>{escape(value, quote=False)}</{name}>" for name, value in fields if value)
    blob = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Properties xmlns="{_EP}" xmlns:vt="{_VT}">{body}</Properties>'
    ).encode()
    package = document.part.package
    for rel in package.rels.values():
        if rel.reltype == APP_RELATIONSHIP:
            rel.target_part._blob = blob
            return
    part = Part(PackURI("/docProps/app.xml"), APP_CONTENT_TYPE, blob, package)
    package.relate_to(part, APP_RELATIONSHIP)
