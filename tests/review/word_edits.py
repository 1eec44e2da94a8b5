"""Comments and tracked changes written into a .docx as Word writes them (for the review tests).

Word's markup: a replacement is ``w:del`` (its text in ``w:delText``) followed by ``w:ins``; a move is a
``w:moveFrom`` inside ``w:moveFromRangeStart``/``End`` and a ``w:moveTo`` inside the ranges of the same
``w:name``; a comment is ``w:commentRangeStart``/``End`` around its passage, a run with
``w:commentReference``, its text in comments.xml (each paragraph with a ``w14:paraId``), replies and
the done flag in commentsExtended.xml (``w15:paraIdParent``, ``w15:done``), durable ids in
commentsIds.xml. Word also records where it broke the pages (``w:lastRenderedPageBreak``).
"""

from __future__ import annotations

import copy
import io
import zipfile

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
W16CID = "http://schemas.microsoft.com/office/word/2016/wordml/cid"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
DATE = "2026-03-0{day}T10:1{minute}:00Z"


def w(name: str) -> str:
    return f"{{{W}}}{name}"


class WordEdits:
    """A .docx opened for edits as a reviewer makes them in Word; ``save()`` gives the new bytes."""

    def __init__(self, blob: bytes):
        self.zip = zipfile.ZipFile(io.BytesIO(blob))
        self.files = {name: self.zip.read(name) for name in self.zip.namelist()}
        self.root = etree.fromstring(self.files["word/document.xml"])
        self.comments: list[
            tuple[int, str, str, str, int | None, bool]
        ] = []  # id, author, date, text, parent
        self.next_id = 900
        self.para_ids: dict[int, str] = {}

    # --- finding text ------------------------------------------------------------------------------

    def paragraph(self, text: str, *, nth: int = 0, exact: bool = False, after: str = "") -> etree._Element:
        """The ``nth`` paragraph of the text (not of a table of contents) whose text contains ``text``
        (is ``text``, with ``exact``), after the first paragraph that is ``after``."""
        paragraphs = [p for p in self.root.iter(w("p")) if not _index_entry(p)]
        if after:
            start = next(i for i, p in enumerate(paragraphs) if _text(p).strip() == after)
            paragraphs = paragraphs[start + 1 :]
        found = [p for p in paragraphs if (_text(p).strip() == text if exact else text in _text(p))]
        assert len(found) > nth, f"{text!r} not found {nth + 1} times"
        return found[nth]

    def cell(self, caption: str, row: int, column: int) -> etree._Element:
        """The first paragraph of a cell of the table after the caption that contains ``caption``."""
        node = self.paragraph(caption).getnext()
        while node.tag != w("tbl"):
            node = node.getnext()
        return node.findall(w("tr"))[row].findall(w("tc"))[column].find(w("p"))

    def runs_for(
        self,
        text: str,
        *,
        nth: int = 0,
        within: str | None = None,
        exact: bool = False,
        after: str = "",
        paragraph: etree._Element | None = None,
    ) -> list[etree._Element]:
        """The runs that hold exactly ``text`` (split where needed) in ``paragraph`` or the paragraph
        holding ``within`` (default: ``text``)."""
        if paragraph is None:
            paragraph = self.paragraph(within or text, nth=nth, exact=exact, after=after)
        whole = _text(paragraph)
        start = whole.index(text)
        end = start + len(text)
        position, chosen = 0, []
        for t in list(paragraph.iter(w("t"))):
            run = t.getparent()
            length = len(t.text or "")
            lo, hi = position, position + length
            position = hi
            if hi <= start or lo >= end or run.getparent().tag in (w("del"), w("ins")):
                continue
            run = _split(run, t, max(start - lo, 0), min(end - lo, length))
            chosen.append(run)
        return chosen

    # --- edits ---------------------------------------------------------------------------------

    def replace(self, old: str, new: str, author: str, **where) -> None:
        runs = self.runs_for(old, **where)
        deleted = self._wrap(runs, "del", author)
        if new:
            inserted = self._revision("ins", author)
            run = copy.deepcopy(runs[0])
            for child in list(run):
                if child.tag == w("delText"):
                    child.tag = w("t")
                    child.text = new
                elif child.tag != w("rPr"):
                    run.remove(child)
            inserted.append(run)
            deleted.addnext(inserted)

    def delete(self, old: str, author: str, **where) -> None:
        self.replace(old, "", author, **where)

    def insert_after(self, anchor_text: str, new: str, author: str, **where) -> None:
        runs = self.runs_for(anchor_text, **where)
        inserted = self._revision("ins", author)
        run = etree.SubElement(inserted, w("r"))
        properties = runs[-1].find(w("rPr"))
        if properties is not None:
            run.append(copy.deepcopy(properties))
        t = etree.SubElement(run, w("t"))
        t.text = new
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        runs[-1].addnext(inserted)

    def insert_paragraph_after(self, paragraph_text: str, new: str, author: str) -> None:
        """A new paragraph after the one holding ``paragraph_text`` (its runs and its mark inserted)."""
        paragraph = self.paragraph(paragraph_text)
        new_p = etree.Element(w("p"))
        properties = paragraph.find(w("pPr"))
        new_properties = copy.deepcopy(properties) if properties is not None else etree.Element(w("pPr"))
        for old in new_properties.findall(w("rPr")):
            new_properties.remove(old)
        mark = etree.SubElement(new_properties, w("rPr"))
        mark.append(self._revision("ins", author))
        new_p.append(new_properties)
        inserted = self._revision("ins", author)
        t = etree.SubElement(etree.SubElement(inserted, w("r")), w("t"))
        t.text = new
        new_p.append(inserted)
        paragraph.addnext(new_p)

    def move(self, text: str, before: str, author: str) -> None:
        """Move ``text`` to just before ``before`` (another paragraph's text)."""
        name = f"move{self.next_id}"
        runs = self.runs_for(text)
        start = etree.Element(w("moveFromRangeStart"), {w("id"): str(self._id()), w("name"): name})
        start.set(w("author"), author)
        start.set(w("date"), DATE.format(day=4, minute=0))
        runs[0].addprevious(start)
        moved = self._wrap(runs, "moveFrom", author)
        end = etree.Element(w("moveFromRangeEnd"), {w("id"): start.get(w("id"))})
        moved.addnext(end)
        target = self.runs_for(before)[0]
        to_start = etree.Element(w("moveToRangeStart"), {w("id"): str(self._id()), w("name"): name})
        to_start.set(w("author"), author)
        to_start.set(w("date"), DATE.format(day=4, minute=0))
        target.addprevious(to_start)
        to = self._revision("moveTo", author)
        for run in runs:
            copied = copy.deepcopy(run)
            for node in copied.iter(w("delText")):
                node.tag = w("t")
            to.append(copied)
        to_start.addnext(to)
        to.addnext(etree.Element(w("moveToRangeEnd"), {w("id"): to_start.get(w("id"))}))

    def comment(self, text: str, comment: str, author: str, *, done: bool = False, **where) -> int:
        runs = self.runs_for(text, **where)
        comment_id = len(self.comments)
        runs[0].addprevious(etree.Element(w("commentRangeStart"), {w("id"): str(comment_id)}))
        end = etree.Element(w("commentRangeEnd"), {w("id"): str(comment_id)})
        runs[-1].addnext(end)
        reference = etree.Element(w("r"))
        etree.SubElement(reference, w("commentReference"), {w("id"): str(comment_id)})
        end.addnext(reference)
        self.comments.append(
            (comment_id, author, DATE.format(day=5, minute=comment_id % 10), comment, None, done)
        )
        return comment_id

    def reply(self, parent: int, text: str, author: str) -> int:
        comment_id = len(self.comments)
        # Word anchors a reply at its parent's range
        for tag in ("commentRangeStart", "commentRangeEnd"):
            node = next(n for n in self.root.iter(w(tag)) if n.get(w("id")) == str(parent))
            node.addnext(etree.Element(w(tag), {w("id"): str(comment_id)}))
        end = next(n for n in self.root.iter(w("commentRangeEnd")) if n.get(w("id")) == str(comment_id))
        reference = etree.Element(w("r"))
        etree.SubElement(reference, w("commentReference"), {w("id"): str(comment_id)})
        end.addnext(reference)
        self.comments.append(
            (comment_id, author, DATE.format(day=6, minute=comment_id % 10), text, parent, False)
        )
        return comment_id

    def page_breaks(self, every: int = 25) -> None:
        """``w:lastRenderedPageBreak`` in the first run of every ``every``-th paragraph, as Word records
        where pages broke."""
        for index, paragraph in enumerate(self.root.iter(w("p"))):
            run = paragraph.find(w("r"))
            if index and index % every == 0 and run is not None:
                run.insert(
                    1 if run.find(w("rPr")) is not None else 0, etree.Element(w("lastRenderedPageBreak"))
                )

    # --- parts -----------------------------------------------------------------------------------

    def save(self) -> bytes:
        self.files["word/document.xml"] = etree.tostring(
            self.root, xml_declaration=True, encoding="UTF-8", standalone=True
        )
        if self.comments:
            self._comment_parts()
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for name, data in self.files.items():
                target.writestr(name, data)
        return out.getvalue()

    def _comment_parts(self) -> None:
        nsmap = {"w": W, "w14": W14, "w15": W15, "w16cid": W16CID, "mc": MC}
        comments = etree.Element(w("comments"), nsmap=nsmap)
        comments.set(f"{{{MC}}}Ignorable", "w14 w15 w16cid")
        extended = etree.Element(f"{{{W15}}}commentsEx", nsmap=nsmap)
        extended.set(f"{{{MC}}}Ignorable", "w15")
        ids = etree.Element(f"{{{W16CID}}}commentsIds", nsmap=nsmap)
        ids.set(f"{{{MC}}}Ignorable", "w16cid")
        for comment_id, author, date, text, parent, done in self.comments:
            node = etree.SubElement(
                comments, w("comment"), {w("id"): str(comment_id), w("author"): author, w("date"): date}
            )
            node.set(w("initials"), "".join(part[0] for part in author.split()))
            para_id = f"{0x10000000 + comment_id:08X}"
            self.para_ids[comment_id] = para_id
            p = etree.SubElement(node, w("p"), {f"{{{W14}}}paraId": para_id, f"{{{W14}}}textId": "77777777"})
            reference = etree.SubElement(p, w("r"))
            etree.SubElement(reference, w("annotationRef"))
            t = etree.SubElement(etree.SubElement(p, w("r")), w("t"))
            t.text = text
            entry = etree.SubElement(extended, f"{{{W15}}}commentEx", {f"{{{W15}}}paraId": para_id})
            if parent is not None:
                entry.set(f"{{{W15}}}paraIdParent", self.para_ids[parent])
            entry.set(f"{{{W15}}}done", "1" if done else "0")
            etree.SubElement(
                ids,
                f"{{{W16CID}}}commentId",
                {f"{{{W16CID}}}paraId": para_id, f"{{{W16CID}}}durableId": f"{0x2A000000 + comment_id:08X}"},
            )
        parts = {
            "word/comments.xml": (
                comments,
                "comments",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml",
                REL + "/comments",
            ),
            "word/commentsExtended.xml": (
                extended,
                "commentsExtended",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml",
                "http://schemas.microsoft.com/office/2011/relationships/commentsExtended",
            ),
            "word/commentsIds.xml": (
                ids,
                "commentsIds",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsIds+xml",
                "http://schemas.microsoft.com/office/2016/09/relationships/commentsIds",
            ),
        }
        rels = etree.fromstring(self.files["word/_rels/document.xml.rels"])
        types = etree.fromstring(self.files["[Content_Types].xml"])
        for number, (name, (root, stem, content_type, rel_type)) in enumerate(parts.items(), start=900):
            self.files[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            etree.SubElement(
                rels,
                f"{{{PKG_REL}}}Relationship",
                {"Id": f"rId{number}", "Type": rel_type, "Target": f"{stem}.xml"},
            )
            etree.SubElement(
                types, f"{{{CT}}}Override", {"PartName": f"/{name}", "ContentType": content_type}
            )
        self.files["word/_rels/document.xml.rels"] = etree.tostring(
            rels, xml_declaration=True, encoding="UTF-8", standalone=True
        )
        self.files["[Content_Types].xml"] = etree.tostring(
            types, xml_declaration=True, encoding="UTF-8", standalone=True
        )

    # --- helpers ---------------------------------------------------------------------------------

    def _id(self) -> int:
        self.next_id += 1
        return self.next_id

    def _revision(self, kind: str, author: str) -> etree._Element:
        return etree.Element(
            w(kind),
            {
                w("id"): str(self._id()),
                w("author"): author,
                w("date"): DATE.format(day=3, minute=self.next_id % 10),
            },
        )

    def _wrap(self, runs: list[etree._Element], kind: str, author: str) -> etree._Element:
        container = self._revision(kind, author)
        runs[0].addprevious(container)
        for run in runs:
            for t in run.findall(w("t")):
                t.tag = w("delText")
            container.append(run)
        return container


def _index_entry(paragraph: etree._Element) -> bool:
    style = paragraph.find(f"{w('pPr')}/{w('pStyle')}")
    return style is not None and style.get(w("val"), "").lower().startswith(("toc", "tableoffigures"))


def _text(paragraph: etree._Element) -> str:
    return "".join(t.text or "" for t in paragraph.iter(w("t")))


def _split(run: etree._Element, t: etree._Element, start: int, end: int) -> etree._Element:
    """Split ``run`` so that characters ``start``…``end`` of its ``t`` are a run of their own; returns it."""
    text = t.text or ""
    if start == 0 and end == len(text):
        return run
    pieces = [(text[:start], False), (text[start:end], True), (text[end:], False)]
    chosen = run
    previous = run
    for piece, wanted in pieces:
        if not piece:
            continue
        new = copy.deepcopy(run)
        for child in list(new):
            if child.tag == w("t"):
                child.text = piece
                child.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        previous.addnext(new)
        previous = new
        if wanted:
            chosen = new
    run.getparent().remove(run)
    return chosen
