"""The DOCX report: the new text with real Word tracked changes, in the report's language.

Every change is a revision by author "resodiff" with one date: inserted text in ``w:ins``,
deleted text in ``w:del`` (``w:delText``), a paragraph mark only one text has marked in the
paragraph's own run properties (``w:pPr/w:rPr/w:ins|w:del``), so that Word or LibreOffice's
"accept all" gives the new text and "reject all" the old, paragraph for paragraph, footnotes
included (real Word footnotes, their text tracked too, italics kept).

Operative paragraphs are numbered by Word (a list per section) wherever the new text numbers
them 1, 2, 3...: a renumbering is then no change at all, and the old number is a comment
("was OP9"), as the HTML report's margin gives it. A paragraph both texts have in other
numbering (a fragment, "5 bis") keeps its typed number, tracked. What counts as a change is
``pieces.shown``'s rule for every format: a quote-style difference is no revision; a deletion
and the insertion next to it that would touch are kept apart by widening the deletion's last
character.

A paragraph that moved is deleted where it stood and inserted where it stands, with a comment
"moved from OP10" on the insertion ("OP10 moved to OP12" on the deletion); splits and merges
get a comment too. python-docx writes the package, styles and page; revisions, footnotes,
comments and numbering are ``resodiff.docx_write``'s, the one OOXML layer drafts share.
"""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Mm, Pt
from lxml import etree

from resodiff import __version__
from resodiff.docx_write import (
    Comments,
    Footnotes,
    Revisions,
    numbered_list,
    set_number,
    text_run,
    track_revisions,
    w_element,
    w_sub,
)
from resodiff.languages import profile as language_profile
from resodiff.languages import typeset
from resodiff.reports.content import (
    DELETE,
    INSERT,
    KEEP,
    NEW_SIDE,
    OLD_SIDE,
    Call,
    Entry,
    Report,
    Seg,
    side,
)
from resodiff.reports.content import describe as name_of
from resodiff.reports.pieces import Gap, shown
from resodiff.reports.words import Words, words_for
from resodiff.terminal import xml_safe_data

# Paragraph styles of the resolution's paragraphs (the tests and reviewers' macros find them by name).
STYLES = {"preamble": "Preambular paragraph", "operative": "Operative paragraph"}
GAP_TWIPS = 60  # 3 pt after a deletion's last character where the insertion would touch it
INDENT_TWIPS, TAB_TWIPS = 720, 567  # an operative number at 1.27 cm, its text at 2.27 cm
_NUMBER = re.compile(r"^OP(?:(?P<section>[IVXLC]+)\.)?(?P<n>\d+)$")


class _Writer:
    """The report's pieces as OOXML: runs, footnotes and comments (``resodiff.docx_write``)."""

    def __init__(self, document, when: datetime, language: str | None):
        self.revisions = Revisions(when)
        self.notes = Footnotes(document, style="FootnoteText")
        self.comments = Comments(document, date=when, revisions=self.revisions)
        self.language = language

    def run(self, text: str, op: str, *, italic: bool = False) -> etree._Element:
        return self.revisions.run(text, op, italic=italic)

    def seg(self, seg: Seg, op: str | None = None, gap: bool = False) -> etree._Element:
        """The run(s) of one piece as one revision; ``op`` overrides the piece's own (a moved
        paragraph is all "+"); ``gap``: widen the last character (an insertion follows)."""
        op = op or seg.op
        if not gap or len(seg.text) < 1:
            return self.run(seg.text, op, italic=seg.lead)
        deleted = op == DELETE
        runs = [text_run(seg.text[:-1], deleted=deleted, italic=seg.lead)] if seg.text[:-1] else []
        runs.append(text_run(seg.text[-1], deleted=deleted, italic=seg.lead, spacing_twips=GAP_TWIPS))
        wrapped = self.revisions.tracked(runs, op)
        assert wrapped is not None
        return wrapped

    def items(self, p: etree._Element, report: Report, items, force: str | None) -> None:
        """Append the runs of ``items`` (as ``pieces.shown`` gives them) to paragraph ``p``."""
        its = shown(items, self.language, gaps=force is None)
        for k, it in enumerate(its):
            if isinstance(it, Seg):
                gap = k + 1 < len(its) and isinstance(its[k + 1], Gap)
                p.append(self.seg(it, force, gap))
            elif isinstance(it, Call):
                p.append(self.footnote(report, it, force or it.op))

    def footnote(self, report: Report, call: Call, op: str) -> etree._Element:
        """A call to a new footnote holding the note's text: tracked piece by piece for a call
        in both texts, all inserted or all deleted for a call only one text has."""
        note = report.notes[call.note]
        content = w_element("p")  # a holder: the note's runs are moved into the footnote
        self.items(content, report, note.segs, None if op == KEEP else op)
        reference = self.revisions.tracked(self.notes.reference(self.notes.add(list(content))), op)
        assert reference is not None
        return reference

    def paragraph(self, body_p, report: Report, label: list[tuple[str, str]], tab: str | None,
                  items, end: str, force: str | None = None, old_style: str | None = None) -> None:
        """Fill python-docx paragraph ``body_p``: label pieces, tab, items, paragraph mark;
        ``old_style``: the style the old text's paragraph had (a tracked formatting change)."""
        p = body_p._p
        for text, op in label:
            p.append(self.run(text, op))
        if tab is not None:
            p.append(self.run("\t", tab))
        self.items(p, report, items, force)
        self.revisions.paragraph_mark(p, end)
        if old_style is not None:
            old = w_element("pPr")
            w_sub(old, "pStyle", val=old_style)
            self.revisions.properties_change(p, old)

    def comment(self, body_p, text: str) -> None:
        """A comment on the whole of ``body_p``'s content."""
        self.comments.on_paragraph(body_p, text)


# ---- the document ---------------------------------------------------------------------------------

def render(report: Report, date: datetime | None = None) -> bytes:
    """The report as the bytes of a .docx file; ``date`` stamps every revision (default: now)."""
    report = xml_safe_data(report)  # XML 1.0 cannot hold NUL or ESC: they are shown escaped
    when = (date or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    w = words_for(report)
    document = Document()
    writer = _Writer(document, when, report.new.language)
    _page_and_styles(document)
    _preface(document, report, when, w)
    lists = _lists(document, report)

    def number(body_p, block_id: str | None, label, gone: bool = False) -> bool:
        """Put ``body_p`` in its Word list; False where it keeps a typed label. ``gone``: a
        paragraph only the old text has is numbered only in its former properties
        (``w:pPrChange``): it takes no number from the new text's count, and rejecting gives
        it its number back (LibreOffice also keeps its deletion only so)."""
        num_id = lists.get(_section(block_id)) if block_id else None
        if num_id is None or not label:
            return False
        if gone:
            old = w_element("pPr")
            w_sub(old, "pStyle", val=body_p._p.pPr.pStyle.val)
            numpr = w_sub(old, "numPr")
            w_sub(numpr, "ilvl", val="0")
            w_sub(numpr, "numId", val=str(num_id))
            writer.revisions.properties_change(body_p._p, old)
        else:
            set_number(body_p, num_id)
        return True

    for entry in report.entries:
        if entry.away or entry.moved:  # a moved paragraph: deleted where it stood, inserted where it stands
            op, which = (DELETE, OLD_SIDE) if entry.away else (INSERT, NEW_SIDE)
            for k, para in enumerate(side(entry.blocks, which)):
                body_p = _add(document, para.kind)
                typed = not number(body_p, para.id, para.label, gone=entry.away)
                label = [(para.label, op)] if para.label and typed else []
                writer.paragraph(body_p, report, label, op if label else None, para.items, op, force=op)
                # The new place says where the paragraph was; the old place, deleted whole,
                # gets no comment (see below).
                if k == 0 and not entry.away:
                    writer.comment(body_p, w("docx.moved_from", old=" + ".join(entry.old)) + _modified(entry, w))
            continue
        for k, block in enumerate(entry.blocks):
            body_p = _add(document, block.kind)
            old_style = document.styles[STYLES[block.old_kind]].style_id if block.old_kind else None
            label, tab = [(s.text, s.op) for s in block.label], block.label_op
            gone = block.label_op == DELETE and block.end == DELETE
            note = None
            if number(body_p, block.new_id or block.old_id, block.label, gone):
                label, tab = [], None
                # No comment on a paragraph deleted whole (a deleted one, a moved one's old
                # place): it is struck through, and LibreOffice 7.4, saving the file again, may
                # drop the deletion of its first run when a comment is anchored there.
                if not gone and block.old_id and block.new_id and block.old_id != block.new_id:
                    note = w("docx.was", old=block.old_id)  # the margin's "was OP9", as a comment
            if k == 0 and entry.status in ("split", "merged"):
                note = w("docx." + entry.status, old=" + ".join(entry.old), new=" + ".join(entry.new))
            writer.paragraph(body_p, report, label, tab, block.items, block.end, old_style=old_style)
            if note:
                writer.comment(body_p, note)
    # Closing line: a paragraph both texts have, so a deleted last paragraph has one to join.
    closing = document.add_paragraph(f"— {name_of(report.new)} —")
    closing.alignment = WD_ALIGN_PARAGRAPH.CENTER
    writer.notes.write()
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _section(pid: str | None) -> str | None:
    """The section an operative id is in ("II" for OPII.3, "" without sections); None for
    anything that is not a numbered operative paragraph."""
    m = _NUMBER.match(pid or "")
    return (m["section"] or "") if m else None


def _lists(document, report: Report) -> dict[str | None, int]:
    """A Word list per section where the new text numbers its operative paragraphs 1, 2, 3...
    in order (from any start); {} where it does not (typed, tracked numbers then)."""
    numbers: dict[str, list[int]] = {}
    for entry in report.entries:
        if entry.away:
            continue
        for block in entry.blocks:
            m = _NUMBER.match(block.new_id or "")
            if m and any(s.op != DELETE for s in block.label):
                numbers.setdefault(m["section"] or "", []).append(int(m["n"]))
    if not numbers or any(ns != list(range(ns[0], ns[0] + len(ns))) for ns in numbers.values()):
        return {}
    return {section: numbered_list(document, "%1.", start=ns[0], first_line_twips=INDENT_TWIPS,
                                   tab_twips=TAB_TWIPS) for section, ns in numbers.items()}


def _modified(entry: Entry, w: Words) -> str:
    return w("docx.and_modified") if entry.status != "moved" or any(
        isinstance(it, Seg) and it.op != KEEP and it.old is None for b in entry.blocks for it in b.items) else ""


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
    track_revisions(document)  # keep the reviewer's own edits tracked too


def _preface(document, report: Report, when: datetime, w: Words) -> None:
    """Untracked lines before the text: what it is, and how to read it."""
    new_name, old_name = name_of(report.new), name_of(report.old)
    symbol = document.add_paragraph(new_name)
    symbol.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    title = report.new.title or report.old.title
    if title:
        heading = document.add_paragraph()
        heading.add_run(typeset(title, w.language)).bold = True
    note = document.add_paragraph()
    run = note.add_run(w("docx.preface", new=new_name, old=old_name, version=__version__,
                         date=when.date().isoformat()))
    run.italic = True
    run.font.size = Pt(9)
    try:
        words = language_profile(report.new.language).draft
    except KeyError:
        words = None
    if words is not None:
        document.add_paragraph(words.formula)
