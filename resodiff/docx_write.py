"""The one OOXML layer: what python-docx has no API for, written once for drafts and reports.

python-docx writes the package, the styles, the paragraphs and (since 1.2) the comments part.
This module adds, in python-docx's vocabulary:

- ``Revisions``: tracked changes by one author at one date (``w:ins``/``w:del`` around runs, a
  paragraph mark inserted or deleted, a paragraph's former properties), numbered as written;
- ``Footnotes``: real Word footnotes in ``word/footnotes.xml`` with Word's separator notes; a
  note's content is any runs, tracked ones included, so a report can track a footnote's text;
- ``Comments``: Word comments through python-docx's ``Document.add_comment``, anchored on runs
  or on a whole paragraph (the range kept outside the paragraph's revisions);
- ``numbered_list``/``set_number``: Word's own list numbering (``word/numbering.xml``).

Usage (ops are worddiff's "=" kept, "-" deleted, "+" inserted)::

    revisions = Revisions(date)          notes = Footnotes(document)
    comments = Comments(document, date=date, revisions=revisions)  # one id space
    p._p.append(revisions.run("Encourage", "+", italic=True))
    p._p.append(revisions.tracked(notes.reference(notes.add([revisions.run("Ibid.", "=", italic=True)])), "+"))
    notes.call(paragraph, "Résolution 70/1.")           # the plain case: a call at the end
    comments.add(first_run, last_run, ["année 2017"]); comments.on_paragraph(paragraph, "moved from OP9")
    num_id = numbered_list(document, "%1.", start=5); set_number(paragraph, num_id)
    notes.write()                                      # once, before document.save()

Parts are plain OOXML (ECMA-376 Part 1; 17.11 footnotes, 17.13 annotations and revisions).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from lxml import etree

from resodiff.model import spans

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
KEEP, DELETE, INSERT = "=", "-", "+"  # worddiff's ops, which drafts and reports both speak
AUTHOR = "resodiff"
_SEPARATORS = ("separator", "continuationSeparator", "continuationNotice")


# ---- elements ------------------------------------------------------------------------------------

def w_element(tag: str, **attrs: str) -> etree._Element:
    """``<w:tag w:name="value" ...>`` (Word expects the usual "w:" prefix)."""
    el = etree.Element(f"{{{W}}}{tag}", nsmap={"w": W})
    for name, value in attrs.items():
        el.set(f"{{{W}}}{name}", value)
    return el


def w_sub(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    el = w_element(tag, **attrs)
    parent.append(el)
    return el


def text_run(text: str, *, deleted: bool = False, italic: bool = False, superscript: bool = False,
             size_half_points: int | None = None, style: str | None = None,
             spacing_twips: int | None = None) -> etree._Element:
    """A ``w:r`` of ``text``, tabs as ``w:tab``, line feeds as ``w:br``; ``deleted``: its text in
    ``w:delText`` (the run goes inside a ``w:del``); ``spacing_twips``: space added after each
    character (a visible gap that is no character of the text)."""
    r = w_element("r")
    if style or italic or superscript or size_half_points or spacing_twips:
        rpr = w_sub(r, "rPr")  # children in the schema's order: rStyle, i, spacing, sz, vertAlign
        if style:
            w_sub(rpr, "rStyle", val=style)
        if italic:
            w_sub(rpr, "i")
        if spacing_twips:
            w_sub(rpr, "spacing", val=str(spacing_twips))
        if size_half_points:
            w_sub(rpr, "sz", val=str(size_half_points))
        if superscript:
            w_sub(rpr, "vertAlign", val="superscript")
    tag = "delText" if deleted else "t"
    for k, line in enumerate(text.split("\n")):
        if k:
            w_sub(r, "br")
        for j, part in enumerate(line.split("\t")):
            if j:
                w_sub(r, "tab")
            if part:
                t = w_sub(r, tag)
                t.text = part
                t.set(XML_SPACE, "preserve")
    return r


def _add_part(document, partname: str, content_type: str, root: etree._Element, reltype: str) -> None:
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    part = Part(PackURI(partname), content_type, blob, document.part.package)
    document.part.relate_to(part, reltype)


def _stamp(date: datetime | str | None) -> str:
    """A revision's date as OOXML writes it (UTC, whole seconds); now when not given."""
    if isinstance(date, str):
        return date
    when = (date or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


# ---- tracked changes -------------------------------------------------------------------------------

class Revisions:
    """The tracked changes of one document, all by ``author`` at ``date``, numbered as written.

    Accepting all of them gives the text where every "+" is kept and every "-" dropped;
    rejecting all, the reverse.
    """

    def __init__(self, date: datetime | str | None = None, *, author: str = AUTHOR):
        self.date = _stamp(date)
        self.author = author
        self._count = 0

    def next_id(self) -> int:
        """The next annotation id: revisions and comments share them (LibreOffice, saving a
        file again, mixes up a comment and a revision with the same id)."""
        self._count += 1
        return self._count

    def mark(self, tag: str) -> etree._Element:
        """An empty revision element (``ins``, ``del``, ``pPrChange``...) with the next id."""
        return w_element(tag, id=str(self.next_id()), author=self.author, date=self.date)

    def tracked(self, runs: etree._Element | Sequence[etree._Element], op: str) -> etree._Element | None:
        """``runs`` inside one ``w:ins`` ("+") or ``w:del`` ("-"); a lone run as it is for "=".
        One revision for many runs: accepting or rejecting it takes them all."""
        runs = [runs] if isinstance(runs, etree._Element) else list(runs)
        if op == KEEP:
            return runs[0] if len(runs) == 1 else None
        wrapper = self.mark("ins" if op == INSERT else "del")
        wrapper.extend(runs)
        return wrapper

    def run(self, text: str, op: str, **style) -> etree._Element:
        """A run of ``text`` (``text_run``'s ``style`` keywords), tracked as ``op``."""
        wrapped = self.tracked(text_run(text, deleted=op == DELETE, **style), op)
        assert wrapped is not None
        return wrapped

    def paragraph_mark(self, p: etree._Element, op: str) -> None:
        """Track ``p``'s paragraph mark as inserted ("+": the paragraph is new, or a split) or
        deleted ("-": it runs on into the next one once accepted)."""
        if op == KEEP:
            return
        ppr = _get_or_add_ppr(p)
        rpr = ppr.find(qn("w:rPr"))
        if rpr is None:
            rpr = w_element("rPr")
            change = ppr.find(qn("w:pPrChange"))  # pPrChange is the last of a pPr's children
            if change is not None:
                change.addprevious(rpr)
            else:
                ppr.append(rpr)
        rpr.append(self.mark("ins" if op == INSERT else "del"))

    def properties_change(self, p: etree._Element, old_ppr: etree._Element) -> None:
        """Record ``old_ppr`` (a ``w:pPr`` of direct properties: style, numbering) as what ``p``
        had before (``w:pPrChange``): rejecting gives it back."""
        change = self.mark("pPrChange")
        change.append(old_ppr)
        _get_or_add_ppr(p).append(change)


def track_revisions(document) -> None:
    """Switch on Word's "Track Changes" in the document's settings: a reader's own edits are
    tracked too."""
    settings = document.settings.element
    if settings.find(qn("w:trackRevisions")) is not None:
        return
    track = w_element("trackRevisions")
    anchor = settings.find(qn("w:defaultTabStop"))  # trackRevisions comes before it in the schema
    if anchor is not None:
        anchor.addprevious(track)
    else:
        settings.append(track)


def _get_or_add_ppr(p: etree._Element) -> etree._Element:
    ppr = p.find(qn("w:pPr"))
    if ppr is None:
        ppr = w_element("pPr")
        p.insert(0, ppr)
    return ppr


# ---- footnotes --------------------------------------------------------------------------------------

class Footnotes:
    """Real Word footnotes: a superscript call in the text, the note in ``word/footnotes.xml``.

    ``style``: the paragraph style of a note (a style id of the document, such as the reports'
    "FootnoteText"); ``size_half_points``: its text size where no style says it.
    """

    def __init__(self, document, *, size_half_points: int | None = 18, style: str | None = None):
        self._document = document
        self._notes: list[etree._Element] = []
        self._size = size_half_points
        self._style = style

    def add(self, content: Iterable[etree._Element]) -> int:
        """A new note holding ``content`` (runs, tracked ones included) after its number; returns
        its id (Word numbers notes by the order of their calls: add them in that order)."""
        note_id = len(self._notes) + 1
        fn = w_element("footnote", id=str(note_id))
        p = w_sub(fn, "p")
        ppr = w_sub(p, "pPr")
        if self._style:
            w_sub(ppr, "pStyle", val=self._style)
        w_sub(ppr, "spacing", after="0")
        ref = w_sub(p, "r")
        rpr = w_sub(ref, "rPr")
        if self._size and not self._style:
            w_sub(rpr, "sz", val=str(self._size))
        w_sub(rpr, "vertAlign", val="superscript")
        w_sub(ref, "footnoteRef")
        p.append(text_run(" ", size_half_points=None if self._style else self._size))
        p.extend(content)
        self._notes.append(fn)
        return note_id

    def text(self, text: str, *, italic: Sequence[tuple[int, int]] = ()) -> list[etree._Element]:
        """The runs of a plain note ``text``, the spans ``italic`` ((start, end) offsets) in italics."""
        size = None if self._style else self._size
        return [text_run(piece, italic=slant, size_half_points=size) for piece, slant in spans(text, italic)]

    @staticmethod
    def reference(note_id: int) -> etree._Element:
        """The call: a superscript ``w:r`` with the note's ``w:footnoteReference`` (to append to a
        paragraph, or to wrap with ``Revisions.tracked``)."""
        r = w_element("r")
        w_sub(w_sub(r, "rPr"), "vertAlign", val="superscript")
        w_sub(r, "footnoteReference", id=str(note_id))
        return r

    def call(self, paragraph, text: str, *, italic: Sequence[tuple[int, int]] = ()) -> int:
        """Add a call at the end of python-docx ``paragraph`` to a new note of ``text`` (the spans
        ``italic`` in italics); returns the note's id."""
        note_id = self.add(self.text(text, italic=italic))
        paragraph._p.append(self.reference(note_id))
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
        root.extend(self._notes)
        _add_part(self._document, "/word/footnotes.xml", CT.WML_FOOTNOTES, root, RT.FOOTNOTES)


# ---- comments ----------------------------------------------------------------------------------------

class Comments:
    """Word comments ("balloons") through python-docx's comments part, all by one author."""

    def __init__(self, document, *, author: str = AUTHOR, initials: str = "rd",
                 date: datetime | None = None, revisions: Revisions | None = None):
        self._document = document
        self._author = author
        self._initials = initials
        self._date = date
        self._revisions = revisions  # where a document has revisions, ids come from their counter

    def _new(self, lines: Sequence[str]):
        comment = self._document.comments.add_comment(
            text="\n".join(lines), author=self._author, initials=self._initials)
        if self._date is not None:  # python-docx stamps "now"; a report is stamped with its date
            comment._comment_elm.date = self._date.astimezone(UTC).replace(microsecond=0)
        if self._revisions is not None:
            comment._comment_elm.id = self._revisions.next_id()
        return comment

    def add(self, first_run, last_run, lines: Sequence[str]) -> int:
        """Anchor a comment from python-docx run ``first_run`` to ``last_run``; one paragraph
        per line. Returns its id."""
        comment = self._new(list(lines) or [""])
        first_run.mark_comment_range(last_run, comment.comment_id)
        return comment.comment_id

    def on_paragraph(self, paragraph, text: str) -> int:
        """A comment on the whole content of python-docx ``paragraph``, its range and reference
        outside any revision (so it stays when the paragraph's changes are accepted or rejected)."""
        comment = self._new(text.split("\n"))
        cid = str(comment.comment_id)
        p = paragraph._p
        ppr = p.find(qn("w:pPr"))
        start = w_element("commentRangeStart", id=cid)
        if ppr is not None:
            ppr.addnext(start)
        else:
            p.insert(0, start)
        p.append(w_element("commentRangeEnd", id=cid))
        r = w_sub(p, "r")
        w_sub(w_sub(r, "rPr"), "rStyle", val="CommentReference")
        w_sub(r, "commentReference", id=cid)
        return comment.comment_id


# ---- list numbering -----------------------------------------------------------------------------------

def numbered_list(document, level_text: str = "%1.", *, start: int = 1, number_format: str = "decimal",
                  first_line_twips: int = 720, tab_twips: int = 567) -> int:
    """A new one-level list in ``word/numbering.xml`` (which python-docx's template has).

    ``level_text`` is Word's label pattern ("%1." -> "1."); the label starts ``first_line_twips``
    from the margin and is followed by a tab to ``tab_twips`` further on. Returns the numId
    that ``set_number`` puts on paragraphs.
    """
    numbering = document.part.numbering_part.element
    abstract_ids = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
    abstract_id = max(abstract_ids, default=-1) + 1
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
        '<w:multiLevelType w:val="singleLevel"/>'
        f'<w:lvl w:ilvl="0"><w:start w:val="{start}"/><w:numFmt w:val="{number_format}"/>'
        f'<w:suff w:val="tab"/><w:lvlText w:val="{level_text}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:tabs><w:tab w:val="num" w:pos="{first_line_twips + tab_twips}"/></w:tabs>'
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
    """Number python-docx ``paragraph`` with the list ``num_id`` (from ``numbered_list``)."""
    ppr = paragraph._p.get_or_add_pPr()
    numpr = ppr.get_or_add_numPr()
    numpr.get_or_add_ilvl().val = level
    numpr.get_or_add_numId().val = num_id


# ---- reading back (tests, and tools that check a written file) --------------------------------------

def _part_root(document, reltype: str) -> etree._Element | None:
    for rel in document.part.rels.values():
        if rel.reltype == reltype and not rel.is_external:
            part = rel.target_part
            element = getattr(part, "element", None)  # python-docx's own parts keep a tree
            return element if element is not None else etree.fromstring(part.blob)
    return None


def footnotes_of(document) -> dict[str, str]:
    """The footnotes of a document (id -> text), separators left out."""
    root = _part_root(document, RT.FOOTNOTES)
    if root is None:
        return {}
    return {note.get(qn("w:id"), ""): "".join(t.text or "" for t in note.iter(qn("w:t")))
            for note in root.findall(qn("w:footnote")) if note.get(qn("w:type")) not in _SEPARATORS}


def comments_of(document) -> dict[str, str]:
    """The comments of a document (id -> text, paragraphs joined by newlines)."""
    root = _part_root(document, RT.COMMENTS)
    if root is None:
        return {}
    return {c.get(qn("w:id"), ""): "\n".join("".join(t.text or "" for t in p.iter(qn("w:t")))
                                          for p in c.findall(qn("w:p")))
            for c in root.findall(qn("w:comment"))}


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
            lang = w_sub(rpr, "lang")
        lang.set(qn("w:val"), tag)
        lang.set(qn("w:eastAsia"), tag)
