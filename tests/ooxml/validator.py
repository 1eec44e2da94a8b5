"""Does Word open this .docx without repair? Schema and structure checks for the test suite.

- **schema**: every XML part in an ISO/IEC 29500 Transitional namespace, embedded workbooks included,
  against the Transitional XSDs in ``tests/ooxml/xsd/`` (public files, unchanged; provenance in
  ``xsd/SOURCE.txt``), after markup-compatibility processing as a Transitional-only consumer
  (ignorable namespaces dropped, ``mc:AlternateContent`` resolved).
- **package**: every relationship target exists, every ``r:id`` is a relationship of its part.
- **word**: unique drawing ids, paired bookmarks, balanced complex fields, footnote references, style and
  numbering references, a paragraph at the end of every table cell.

Modelled on the checks of ``shared/tools/ooxml-validate`` (which the tests cannot reach in CI).
"""

from __future__ import annotations

import io
import posixpath
import re
import tempfile
import zipfile
from functools import cache
from pathlib import Path

from lxml import etree

XSD = Path(__file__).resolve().parent / "xsd"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
XML_NS = "http://www.w3.org/XML/1998/namespace"
DC = "http://purl.org/dc/elements/1.1/"
DCTERMS = "http://purl.org/dc/terms/"

_STUB_XML = f"""<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="{XML_NS}">
  <xs:attribute name="lang" type="xs:string"/>
  <xs:attribute name="space"><xs:simpleType><xs:restriction base="xs:NCName">
    <xs:enumeration value="default"/><xs:enumeration value="preserve"/>
  </xs:restriction></xs:simpleType></xs:attribute>
</xs:schema>"""
DC_ELEMENTS = "title creator subject description publisher contributor date type format identifier source"
DC_ELEMENTS = (*DC_ELEMENTS.split(), "language", "relation", "coverage", "rights")
_STUB_DC = (
    f"""<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="{DC}" xmlns="{DC}"
  elementFormDefault="qualified">
  <xs:complexType name="SimpleLiteral" mixed="true"><xs:sequence/>
    <xs:anyAttribute namespace="##other" processContents="lax"/></xs:complexType>
  <xs:element name="any" type="SimpleLiteral" abstract="true"/>
"""
    + "".join(f'  <xs:element name="{n}" substitutionGroup="any"/>\n' for n in DC_ELEMENTS)
    + "</xs:schema>"
)
_STUB_DCTERMS = f"""<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:dc="{DC}" xmlns="{DCTERMS}"
  targetNamespace="{DCTERMS}" elementFormDefault="qualified">
  <xs:import namespace="{DC}" schemaLocation="dc.xsd"/>
  <xs:element name="created" substitutionGroup="dc:date"/>
  <xs:element name="modified" substitutionGroup="dc:date"/>
  <xs:complexType name="W3CDTF" mixed="true"><xs:complexContent><xs:extension base="dc:SimpleLiteral"/>
  </xs:complexContent></xs:complexType>
</xs:schema>"""


@cache
def schema() -> tuple[etree.XMLSchema, frozenset[str]]:
    """One schema over every namespace of the set, and the set of Transitional namespaces."""
    files: dict[str, tuple[str, str]] = {}
    for path in sorted(XSD.rglob("*.xsd")):
        text = path.read_text(encoding="utf-8")
        match = re.search(r'targetNamespace="([^"]+)"', text)
        if match:
            files[match.group(1)] = (path.name, text)
    transitional = frozenset(files)
    for name, text in (("xml.xsd", _STUB_XML), ("dc.xsd", _STUB_DC), ("dcterms.xsd", _STUB_DCTERMS)):
        files[re.search(r'targetNamespace="([^"]+)"', text).group(1)] = (name, text)

    def relocate(match: re.Match[str]) -> str:
        tag = match.group(0)
        namespace = re.search(r'namespace="([^"]+)"', tag).group(1)
        if namespace not in files:
            return tag
        tag = re.sub(r'\s*schemaLocation="[^"]*"', "", tag)
        return re.sub(r"\s*/>$", f' schemaLocation="{files[namespace][0]}"/>', tag)

    with tempfile.TemporaryDirectory(prefix="cg-xsd-") as tmp:
        for name, text in files.values():
            text = re.sub(r"<(?:xs|xsd):import\b[^>]*/>", relocate, text, flags=re.S)
            Path(tmp, name).write_text(text, encoding="utf-8")
        imports = "".join(
            f'<xs:import namespace="{ns}" schemaLocation="{files[ns][0]}"/>'
            for ns in [XML_NS, DC, DCTERMS, *sorted(transitional)]
        )
        Path(tmp, "all.xsd").write_text(
            '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:all">'
            f"{imports}</xs:schema>",
            encoding="utf-8",
        )
        return etree.XMLSchema(etree.parse(str(Path(tmp, "all.xsd")))), transitional


def _namespace(element: etree._Element) -> str:
    return element.tag[1:].split("}")[0] if element.tag.startswith("{") else ""


def _compatible(root: etree._Element, understood: frozenset[str]) -> None:
    """Markup compatibility (ISO/IEC 29500-3) for a consumer that understands only ``understood``."""

    def walk(element: etree._Element, ignorable: frozenset[str]) -> None:
        value = element.get(f"{{{MC}}}Ignorable")
        if value:
            ignorable = ignorable | {element.nsmap.get(p) for p in value.split()}
        for attr in list(element.attrib):
            if attr.startswith("{"):
                namespace = attr[1:].split("}")[0]
                if namespace == MC or (namespace in ignorable and namespace not in understood):
                    del element.attrib[attr]
        for child in list(element):
            if not isinstance(child.tag, str):
                continue
            if child.tag == f"{{{MC}}}AlternateContent":
                chosen = next(
                    (
                        alt
                        for alt in child
                        if alt.tag == f"{{{MC}}}Choice"
                        and all(alt.nsmap.get(p) in understood for p in alt.get("Requires", "").split())
                    ),
                    child.find(f"{{{MC}}}Fallback"),
                )
                index = element.index(child)
                element.remove(child)
                for offset, grandchild in enumerate(list(chosen) if chosen is not None else []):
                    element.insert(index + offset, grandchild)
            elif _namespace(child) in ignorable and _namespace(child) not in understood:
                element.remove(child)
        for child in element:
            if isinstance(child.tag, str):
                walk(child, ignorable)

    walk(root, frozenset())


def validate(blob: bytes, label: str = "document") -> list[str]:
    """Every problem Word would object to in the package ``blob``; empty when it opens cleanly."""
    xsd, understood = schema()
    problems: list[str] = []
    package = zipfile.ZipFile(io.BytesIO(blob))
    names = set(package.namelist())
    trees: dict[str, etree._Element] = {}
    for name in sorted(names):
        data = package.read(name)
        if name.endswith(".xlsx"):
            problems += validate(data, f"{label}/{name}")
            continue
        if not name.endswith((".xml", ".rels")):
            continue
        try:
            root = etree.fromstring(data)
        except etree.XMLSyntaxError as exc:
            problems.append(f"{label}/{name}: not well-formed: {exc}")
            continue
        trees[name] = root
        if name.endswith(".rels") or name == "[Content_Types].xml":
            continue
        if _namespace(root) in understood:
            checked = etree.fromstring(data)
            _compatible(checked, understood)
            if not xsd.validate(checked.getroottree()):
                seen = set()
                for error in xsd.error_log:
                    if error.message not in seen:
                        seen.add(error.message)
                        problems.append(f"{label}/{name}:{error.line}: {error.message}")
    problems += _package(trees, names, label)
    if "word/document.xml" in trees:
        problems += _word(trees, label)
    return problems


def _package(trees: dict[str, etree._Element], names: set[str], label: str) -> list[str]:
    problems = []
    for name, root in trees.items():
        if not name.endswith(".rels"):
            continue
        source = posixpath.join(posixpath.dirname(posixpath.dirname(name)), posixpath.basename(name)[:-5])
        ids = set()
        for rel in root:
            ids.add(rel.get("Id"))
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            path = (
                target.lstrip("/")
                if target.startswith("/")
                else posixpath.normpath(posixpath.join(posixpath.dirname(source), target))
            )
            if path not in names:
                problems.append(f"{label}/{name}: {rel.get('Id')} points to missing {path}")
        part = trees.get(source)
        if part is not None:
            for element in part.iter():
                for attr, value in element.attrib.items():
                    if attr.startswith(f"{{{R}}}") and value not in ids:
                        problems.append(
                            f"{label}/{source}: r:{attr.split('}')[1]}={value} is no relationship"
                        )
    return problems


def _word(trees: dict[str, etree._Element], label: str) -> list[str]:
    problems = []
    w = lambda tag: f"{{{W}}}{tag}"  # noqa: E731
    stories = [n for n in trees if re.fullmatch(r"word/(document|header\d*|footer\d*|footnotes)\.xml", n)]
    styles = {s.get(w("styleId")) for s in trees.get("word/styles.xml", etree.Element("x")).iter(w("style"))}
    numbering = trees.get("word/numbering.xml")
    num_ids = {n.get(w("numId")) for n in numbering.iter(w("num"))} if numbering is not None else set()
    footnotes = trees.get("word/footnotes.xml")
    note_ids = {n.get(w("id")) for n in footnotes.iter(w("footnote"))} if footnotes is not None else set()
    drawing_ids: dict[str, str] = {}
    for name in stories:
        root = trees[name]
        for doc_pr in root.iter(f"{{{WP}}}docPr"):
            if doc_pr.get("id") in drawing_ids:
                problems.append(f"{label}/{name}: drawing id {doc_pr.get('id')} used twice")
            drawing_ids[doc_pr.get("id")] = name
        starts = {b.get(w("id")) for b in root.iter(w("bookmarkStart"))}
        ends = {b.get(w("id")) for b in root.iter(w("bookmarkEnd"))}
        if starts != ends:
            problems.append(f"{label}/{name}: unpaired bookmarks {sorted(starts ^ ends)[:5]}")
        containers = [root] if name != "word/footnotes.xml" else list(root)
        for container in containers:
            depth, states = 0, []
            for char in container.iter(w("fldChar")):
                kind = char.get(w("fldCharType"))
                if kind == "begin":
                    depth += 1
                    states.append("begin")
                elif kind == "separate":
                    if not states or states[-1] != "begin":
                        problems.append(f"{label}/{name}: field separator without a field")
                    else:
                        states[-1] = "separate"
                elif kind == "end":
                    if not states:
                        problems.append(f"{label}/{name}: field end without a field")
                    else:
                        states.pop()
                        depth -= 1
            if states:
                problems.append(f"{label}/{name}: {len(states)} fields not closed")
        for tag in ("pStyle", "rStyle", "tblStyle"):
            for ref in root.iter(w(tag)):
                if ref.get(w("val")) not in styles:
                    problems.append(f"{label}/{name}: {tag} '{ref.get(w('val'))}' is no style")
        for ref in root.iter(w("numId")):
            if ref.get(w("val")) not in num_ids and ref.get(w("val")) != "0":
                problems.append(f"{label}/{name}: numId {ref.get(w('val'))} is not defined")
        for ref in root.iter(w("footnoteReference")):
            if ref.get(w("id")) not in note_ids:
                problems.append(f"{label}/{name}: footnote {ref.get(w('id'))} does not exist")
        for cell in root.iter(w("tc")):
            children = [c for c in cell if c.tag != w("tcPr")]
            if not children or children[-1].tag != w("p"):
                problems.append(f"{label}/{name}: a table cell does not end with a paragraph")
    return problems
