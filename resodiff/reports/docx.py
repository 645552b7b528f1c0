"""The DOCX report: the new text with real Word tracked changes.

Every change is a revision by author "resodiff" with one date: inserted text in ``w:ins``,
deleted text in ``w:del`` (``w:delText``), a paragraph mark only one text has marked in the
paragraph's own run properties (``w:pPr/w:rPr/w:ins|w:del``), so that Word or LibreOffice's
"accept all" gives the new text and "reject all" the old, paragraph for paragraph, footnotes
included (real Word footnotes, their text tracked too). Operative numbers are typed text
("12." then a tab), so a renumbering is a tracked change like any other.

A paragraph that moved is deleted where it stood and inserted where it stands, with a comment
"moved from OP10" on the insertion ("moved to OP12" on the deletion); splits and merges get a
comment too. python-docx writes the package, styles and page; it has no API for revisions,
footnotes with revisions or comment ranges around them, so those are written here as OOXML
(ECMA-376 Part 1, 17.13 for revisions).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import datetime, timezone

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.shared import Cm, Mm, Pt
from lxml import etree

from resodiff import __version__
from resodiff.docx_write import W, w_element, w_sub  # one set of OOXML element helpers
from resodiff.languages import profile as language_profile
from resodiff.reports.content import (DELETE, INSERT, KEEP, NEW_SIDE, OLD_SIDE, Call, Report, Seg,
                                      describe as name_of, side)
from resodiff.terminal import xml_safe_data

AUTHOR = "resodiff"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
FOOTNOTES_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
COMMENTS_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
# Paragraph styles of the resolution's paragraphs (the tests and reviewers' macros find them by name).
STYLES = {"preamble": "Preambular paragraph", "operative": "Operative paragraph"}


@dataclass
class _Writer:
    """Revisions, footnotes and comments of one document, numbered as they are written."""

    date: str
    revision: int = 0
    notes: list[etree._Element] = field(default_factory=list)
    comments: list[tuple[int, str]] = field(default_factory=list)

    def _mark(self, tag: str) -> etree._Element:
        self.revision += 1
        return w_element(tag, id=str(self.revision), author=AUTHOR, date=self.date)

    # ---- runs ---------------------------------------------------------------------------------

    def run(self, text: str, op: str, *, italic: bool = False, superscript: bool = False) -> etree._Element:
        """A run of ``text`` (tabs kept as ``w:tab``) wrapped in ``w:ins``/``w:del`` for "+"/"-"."""
        r = w_element("r")
        if italic or superscript:
            rpr = w_sub(r, "rPr")
            if italic:
                w_sub(rpr, "i")
            if superscript:
                w_sub(rpr, "vertAlign", val="superscript")
        tag = "delText" if op == DELETE else "t"
        for k, part in enumerate(text.split("\t")):
            if k:
                w_sub(r, "tab")
            if part:
                t = w_sub(r, tag)
                t.text = part
                t.set(XML_SPACE, "preserve")
        return self.tracked(r, op)

    def tracked(self, run: etree._Element, op: str) -> etree._Element:
        if op == KEEP:
            return run
        wrapper = self._mark("ins" if op == INSERT else "del")
        wrapper.append(run)
        return wrapper

    def seg(self, seg: Seg, op: str | None = None) -> list[etree._Element]:
        """Runs for one piece; ``op`` overrides the piece's own (a moved paragraph is all "+")."""
        if op is not None:
            return [self.run(seg.text, op, italic=seg.lead)]
        if seg.op == KEEP and seg.old is not None:  # no substance, but not the same characters
            return [self.run(text, op, italic=seg.lead) for text, op in ((seg.old, DELETE), (seg.text, INSERT)) if text]
        return [self.run(seg.text, seg.op, italic=seg.lead)]

    # ---- footnotes ------------------------------------------------------------------------------

    def footnote(self, report: Report, call: Call, op: str) -> etree._Element:
        """A call to a new footnote holding the note's text: tracked piece by piece for a call
        in both texts, all inserted or all deleted for a call only one text has."""
        note = report.notes[call.note]
        note_id = len(self.notes) + 1
        fn = w_element("footnote", id=str(note_id))
        p = w_sub(fn, "p")
        w_sub(w_sub(p, "pPr"), "pStyle", val="FootnoteText")
        ref = w_sub(p, "r")
        w_sub(w_sub(ref, "rPr"), "vertAlign", val="superscript")
        w_sub(ref, "footnoteRef")
        p.append(self.run(" ", KEEP))
        if op == KEEP:
            for s in note.segs:
                p.extend(self.seg(s))
        elif op == INSERT:
            p.append(self.run(note.new_text or "", INSERT))
        else:
            p.append(self.run(note.old_text or "", DELETE))
        self.notes.append(fn)
        r = w_element("r")
        w_sub(w_sub(r, "rPr"), "vertAlign", val="superscript")
        w_sub(r, "footnoteReference", id=str(note_id))
        return self.tracked(r, op)

    # ---- paragraphs -----------------------------------------------------------------------------

    def paragraph(self, body_p, report: Report, label: list[tuple[str, str]], tab: str | None,
                  items, end: str, force: str | None = None, old_style: str | None = None) -> None:
        """Fill python-docx paragraph ``body_p``: label pieces, tab, items, paragraph mark;
        ``old_style``: the style the old text's paragraph had (a tracked formatting change)."""
        p = body_p._p
        for text, op in label:
            p.append(self.run(text, op))
        if tab is not None:
            p.append(self.run("\t", tab))
        for it in items:
            if isinstance(it, Seg):
                for el in self.seg(it, force):
                    p.append(el)
            elif isinstance(it, Call):
                p.append(self.footnote(report, it, force or it.op))
        if end != KEEP:
            ppr = p.get_or_add_pPr()
            rpr = w_sub(ppr, "rPr")
            rpr.append(self._mark("ins" if end == INSERT else "del"))
        if old_style is not None:
            change = self._mark("pPrChange")
            w_sub(w_sub(change, "pPr"), "pStyle", val=old_style)
            p.get_or_add_pPr().append(change)

    def comment(self, body_p, text: str) -> None:
        """A comment on the whole of ``body_p``'s content. Its id comes from the revisions'
        counter: annotations of a document do not share ids."""
        self.revision += 1
        comment_id = self.revision
        p = body_p._p
        ppr = p.find(f"{{{W}}}pPr")
        start = w_element("commentRangeStart", id=str(comment_id))
        if ppr is not None:
            ppr.addnext(start)
        else:
            p.insert(0, start)
        p.append(w_element("commentRangeEnd", id=str(comment_id)))
        r = w_sub(p, "r")
        w_sub(w_sub(r, "rPr"), "rStyle", val="CommentReference")
        w_sub(r, "commentReference", id=str(comment_id))
        self.comments.append((comment_id, text))

    # ---- parts ----------------------------------------------------------------------------------

    def write_parts(self, document) -> None:
        if self.notes:
            root = w_element("footnotes")
            for kind, note_id in (("separator", "-1"), ("continuationSeparator", "0")):
                p = w_sub(w_sub(root, "footnote", type=kind, id=note_id), "p")
                w_sub(w_sub(p, "pPr"), "spacing", after="0", line="240", lineRule="auto")
                w_sub(w_sub(p, "r"), kind)
            root.extend(self.notes)
            _add_part(document, "/word/footnotes.xml", FOOTNOTES_CONTENT_TYPE, root, RT.FOOTNOTES)
        if self.comments:
            root = w_element("comments")
            for comment_id, text in self.comments:
                c = w_sub(root, "comment", id=str(comment_id), author=AUTHOR, initials="rd", date=self.date)
                p = w_sub(c, "p")
                w_sub(w_sub(p, "pPr"), "pStyle", val="CommentText")
                r = w_sub(p, "r")
                w_sub(w_sub(r, "rPr"), "rStyle", val="CommentReference")
                w_sub(r, "annotationRef")
                p.append(self.run(text, KEEP))
            _add_part(document, "/word/comments.xml", COMMENTS_CONTENT_TYPE, root, RT.COMMENTS)


def _add_part(document, partname: str, content_type: str, root: etree._Element, reltype: str) -> None:
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    part = Part(PackURI(partname), content_type, blob, document.part.package)
    document.part.relate_to(part, reltype)


# ---- the document ---------------------------------------------------------------------------------

def render(report: Report, date: datetime | None = None) -> bytes:
    """The report as the bytes of a .docx file; ``date`` stamps every revision (default: now)."""
    report = xml_safe_data(report)  # XML 1.0 cannot hold NUL or ESC: they are shown escaped
    when = (date or datetime.now(timezone.utc)).astimezone(timezone.utc).replace(microsecond=0)
    writer = _Writer(when.strftime("%Y-%m-%dT%H:%M:%SZ"))
    document = Document()
    _page_and_styles(document)
    _preface(document, report, when)
    for entry in report.entries:
        if entry.away:  # the old place of a moved paragraph: deleted here
            paras = side(entry.blocks, OLD_SIDE)
            for k, para in enumerate(paras):
                body_p = _add(document, para.kind)
                writer.paragraph(body_p, report, [(para.label, DELETE)] if para.label else [],
                                 DELETE if para.label else None, para.items, DELETE, force=DELETE)
                if k == 0:
                    writer.comment(body_p, f"{' + '.join(entry.old)} moved to {' + '.join(entry.new)}")
            continue
        if entry.moved:  # where a moved paragraph now stands: inserted here
            paras = side(entry.blocks, NEW_SIDE)
            for k, para in enumerate(paras):
                body_p = _add(document, para.kind)
                writer.paragraph(body_p, report, [(para.label, INSERT)] if para.label else [],
                                 INSERT if para.label else None, para.items, INSERT, force=INSERT)
                if k == 0:
                    writer.comment(body_p, f"moved from {' + '.join(entry.old)}" + _modified(entry))
            continue
        for k, block in enumerate(entry.blocks):
            body_p = _add(document, block.kind)
            old_style = document.styles[STYLES[block.old_kind]].style_id if block.old_kind else None
            writer.paragraph(body_p, report, [(s.text, s.op) for s in block.label], block.label_op,
                             block.items, block.end, old_style=old_style)
            if k == 0 and entry.status in ("split", "merged"):
                writer.comment(body_p, f"{entry.status} from {' + '.join(entry.old)} "
                                       f"(now {' + '.join(entry.new)})")
    # Closing line: a paragraph both texts have, so a deleted last paragraph has one to join.
    closing = document.add_paragraph(f"— {name_of(report.new)} —")
    closing.alignment = WD_ALIGN_PARAGRAPH.CENTER
    writer.write_parts(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _modified(entry) -> str:
    return " (and modified)" if entry.status != "moved" or any(
        isinstance(it, Seg) and it.op != KEEP for b in entry.blocks for it in b.items) else ""


def _add(document, kind: str):
    return document.add_paragraph(style=STYLES.get(kind, STYLES["operative"]))


def _page_and_styles(document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin, section.bottom_margin = Cm(2.2), Cm(2.5)
    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    for kind, name in STYLES.items():
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        fmt = style.paragraph_format
        fmt.first_line_indent = Cm(1.27)
        fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        fmt.space_after = Pt(6)
        if kind == "operative":
            fmt.tab_stops.add_tab_stop(Cm(2.27))
    for name, size in (("FootnoteText", 9), ("CommentText", 9)):
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.font.size = Pt(size)
        style.paragraph_format.space_after = Pt(0)
    document.styles.add_style("CommentReference", WD_STYLE_TYPE.CHARACTER).font.size = Pt(8)
    # Keep the reviewer's own edits tracked too.
    settings = document.settings.element
    track = w_element("trackRevisions")
    anchor = settings.find(f"{{{W}}}defaultTabStop")
    if anchor is not None:
        anchor.addprevious(track)
    else:
        settings.append(track)


def _preface(document, report: Report, when: datetime) -> None:
    """Untracked lines before the text: what it is, and how to read it."""
    new_name, old_name = name_of(report.new), name_of(report.old)
    symbol = document.add_paragraph(new_name)
    symbol.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    title = report.new.title or report.old.title
    if title:
        heading = document.add_paragraph()
        heading.add_run(title).bold = True
    note = document.add_paragraph()
    run = note.add_run(
        f"{new_name} with its changes from {old_name} as tracked changes (resodiff {__version__}, "
        f"{when.date().isoformat()}): accept all changes for {new_name}, reject all for {old_name}.")
    run.italic = True
    run.font.size = Pt(9)
    try:
        words = language_profile(report.new.language).draft
    except KeyError:
        words = None
    if words is not None:
        document.add_paragraph(words.formula)
