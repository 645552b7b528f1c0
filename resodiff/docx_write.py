"""Low-level OOXML that python-docx has no API for: footnotes, comments and list numbering.

Each writer collects while the body is written and adds its part once at the end, so callers
(the draft now, the reports with tracked changes later) stay in python-docx's vocabulary:

    notes = Footnotes(document)           comments = Comments(document)
    notes.call(paragraph, "Résolution 70/1.")
    comments.add(first_run, last_run, ["année 2017"])
    num_id = numbered_list(document, "%1.", start=5); set_number(paragraph, num_id)
    notes.write(); comments.write()        # before document.save()

Parts are plain OOXML (ECMA-376): ``word/footnotes.xml`` with its separator notes and
``word/comments.xml``, each tied to the main document by a relationship; python-docx writes
their content types when it saves.
"""

from __future__ import annotations

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from lxml import etree

FOOTNOTES_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
COMMENTS_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def w_element(tag: str, **attrs: str) -> etree._Element:
    el = etree.Element(f"{{{W}}}{tag}", nsmap={"w": W})  # Word expects the usual "w:" prefix
    for name, value in attrs.items():
        el.set(f"{{{W}}}{name}", value)
    return el


def w_sub(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    el = w_element(tag, **attrs)
    parent.append(el)
    return el


def _text_run(parent: etree._Element, text: str, *, size_half_points: int | None = None) -> None:
    r = w_sub(parent, "r")
    if size_half_points:
        w_sub(w_sub(r, "rPr"), "sz", val=str(size_half_points))
    t = w_sub(r, "t")
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def _add_part(document, partname: str, content_type: str, root: etree._Element, reltype: str) -> None:
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    part = Part(PackURI(partname), content_type, blob, document.part.package)
    document.part.relate_to(part, reltype)


class Footnotes:
    """Real Word footnotes: a superscript call in the text, the note in ``word/footnotes.xml``."""

    def __init__(self, document, *, size_half_points: int = 18):
        self._document = document
        self._notes: list[tuple[int, str]] = []
        self._size = size_half_points

    def call(self, paragraph, text: str) -> int:
        """Add a call to a new footnote at the end of ``paragraph``; returns the footnote's id."""
        note_id = len(self._notes) + 1  # Word numbers notes by the order of their calls
        run = paragraph.add_run()
        run.font.superscript = True
        ref = OxmlElement("w:footnoteReference")
        ref.set(qn("w:id"), str(note_id))
        run._r.append(ref)
        self._notes.append((note_id, text))
        return note_id

    def write(self) -> None:
        """Add the footnotes part (with Word's separator notes, ids -1 and 0). Call once."""
        if not self._notes:
            return
        root = w_element("footnotes")
        for kind, note_id in (("separator", "-1"), ("continuationSeparator", "0")):
            p = w_sub(w_sub(root, "footnote", type=kind, id=note_id), "p")
            w_sub(w_sub(p, "pPr"), "spacing", after="0", line="240", lineRule="auto")
            w_sub(w_sub(p, "r"), kind)
        for note_id, text in self._notes:
            p = w_sub(w_sub(root, "footnote", id=str(note_id)), "p")
            w_sub(w_sub(p, "pPr"), "spacing", after="0")
            r = w_sub(p, "r")
            rpr = w_sub(r, "rPr")
            w_sub(rpr, "vertAlign", val="superscript")
            w_sub(rpr, "sz", val=str(self._size))
            w_sub(r, "footnoteRef")
            _text_run(p, " " + text, size_half_points=self._size)
        _add_part(self._document, "/word/footnotes.xml", FOOTNOTES_CONTENT_TYPE, root, RT.FOOTNOTES)


class Comments:
    """Word comments ("balloons") anchored on a range of runs, in ``word/comments.xml``."""

    def __init__(self, document, *, author: str = "resodiff", initials: str = "rd"):
        self._document = document
        self._author = author
        self._initials = initials
        self._comments: list[tuple[int, list[str]]] = []

    def add(self, first_run, last_run, lines: list[str]) -> int:
        """Anchor a comment from ``first_run`` to ``last_run`` (same paragraph); one paragraph per line."""
        comment_id = len(self._comments)
        start = OxmlElement("w:commentRangeStart")
        start.set(qn("w:id"), str(comment_id))
        first_run._r.addprevious(start)
        end = OxmlElement("w:commentRangeEnd")
        end.set(qn("w:id"), str(comment_id))
        last_run._r.addnext(end)
        ref_run = OxmlElement("w:r")
        ref = OxmlElement("w:commentReference")
        ref.set(qn("w:id"), str(comment_id))
        ref_run.append(ref)
        end.addnext(ref_run)
        self._comments.append((comment_id, list(lines)))
        return comment_id

    def write(self) -> None:
        """Add the comments part. Call once."""
        if not self._comments:
            return
        root = w_element("comments")
        for comment_id, lines in self._comments:
            comment = w_sub(root, "comment", id=str(comment_id), author=self._author, initials=self._initials)
            for line in lines or [""]:
                _text_run(w_sub(comment, "p"), line)
        _add_part(self._document, "/word/comments.xml", COMMENTS_CONTENT_TYPE, root, RT.COMMENTS)


def numbered_list(document, level_text: str = "%1.", *, start: int = 1, number_format: str = "decimal",
                  first_line_twips: int = 720) -> int:
    """A new one-level list in ``word/numbering.xml`` (which python-docx's template has).

    ``level_text`` is Word's label pattern ("%1." -> "1."); the label is followed by a tab.
    Returns the numId that ``set_number`` puts on paragraphs.
    """
    numbering = document.part.numbering_part.element
    abstract_ids = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
    abstract_id = max(abstract_ids, default=-1) + 1
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
        '<w:multiLevelType w:val="singleLevel"/>'
        f'<w:lvl w:ilvl="0"><w:start w:val="{start}"/><w:numFmt w:val="{number_format}"/>'
        f'<w:suff w:val="tab"/><w:lvlText w:val="{level_text}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:tabs><w:tab w:val="num" w:pos="{first_line_twips + 567}"/></w:tabs>'
        f'<w:ind w:left="0" w:firstLine="{first_line_twips}"/></w:pPr></w:lvl>'
        "</w:abstractNum>"
    )
    nums = numbering.findall(qn("w:num"))
    if nums:
        nums[0].addprevious(abstract)  # every abstractNum comes before the first num
    else:
        numbering.append(abstract)
    num = numbering.add_num(abstract_id)
    return int(num.get(qn("w:numId")))


def set_number(paragraph, num_id: int, level: int = 0) -> None:
    """Number ``paragraph`` with the list ``num_id`` (from ``numbered_list``)."""
    ppr = paragraph._p.get_or_add_pPr()
    numpr = ppr.get_or_add_numPr()
    numpr.get_or_add_ilvl().val = level
    numpr.get_or_add_numId().val = num_id


def footnotes_of(document) -> dict[str, str]:
    """Read back the footnotes of a document (id -> text), separators left out."""
    for rel in document.part.rels.values():
        if rel.reltype == RT.FOOTNOTES:
            root = etree.fromstring(rel.target_part.blob)
            out = {}
            for note in root.findall(f"{{{W}}}footnote"):
                if note.get(f"{{{W}}}type") in ("separator", "continuationSeparator", "continuationNotice"):
                    continue
                out[note.get(f"{{{W}}}id")] = "".join(t.text or "" for t in note.iter(f"{{{W}}}t"))
            return out
    return {}


def comments_of(document) -> dict[str, str]:
    """Read back the comments of a document (id -> text, paragraphs joined by newlines)."""
    for rel in document.part.rels.values():
        if rel.reltype == RT.COMMENTS:
            root = etree.fromstring(rel.target_part.blob)
            return {
                c.get(f"{{{W}}}id"): "\n".join("".join(t.text or "" for t in p.iter(f"{{{W}}}t"))
                                               for p in c.findall(f"{{{W}}}p"))
                for c in root.findall(f"{{{W}}}comment")
            }
    return {}


def set_language(document, tag: str) -> None:
    """Tag the document's text as ``tag`` ("fr-FR"): Word proofs and hyphenates it in that language.

    Set on the document defaults and the Normal style, which every other style inherits from.
    """
    styles = document.styles.element
    rpr_default = styles.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/" + qn("w:rPr"))
    targets = [document.styles["Normal"].element.get_or_add_rPr()]
    if rpr_default is not None:
        targets.append(rpr_default)
    for rpr in targets:
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.append(lang)
        lang.set(qn("w:val"), tag)
        lang.set(qn("w:eastAsia"), tag)
