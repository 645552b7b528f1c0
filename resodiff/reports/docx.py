"""The DOCX report: the new text with real Word tracked changes.

Every change is a revision by author "resodiff" with one date: inserted text in ``w:ins``,
deleted text in ``w:del`` (``w:delText``), a paragraph mark only one text has marked in the
paragraph's own run properties (``w:pPr/w:rPr/w:ins|w:del``), so that Word or LibreOffice's
"accept all" gives the new text and "reject all" the old, paragraph for paragraph, footnotes
included (real Word footnotes, their text tracked too). Operative numbers are typed text
("12." then a tab), so a renumbering is a tracked change like any other.

A paragraph that moved is deleted where it stood and inserted where it stands, with a comment
"moved from OP10" on the insertion ("moved to OP12" on the deletion); splits and merges get a
comment too. python-docx writes the package, styles and page; revisions, footnotes and
comments are ``resodiff.docx_write``'s, the one OOXML layer drafts share.
"""

from __future__ import annotations

import io
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
    track_revisions,
    w_element,
    w_sub,
)
from resodiff.languages import profile as language_profile
from resodiff.reports.content import (
    DELETE,
    INSERT,
    KEEP,
    NEW_SIDE,
    OLD_SIDE,
    Call,
    Report,
    Seg,
    side,
)
from resodiff.reports.content import describe as name_of
from resodiff.terminal import xml_safe_data

# Paragraph styles of the resolution's paragraphs (the tests and reviewers' macros find them by name).
STYLES = {"preamble": "Preambular paragraph", "operative": "Operative paragraph"}


class _Writer:
    """The report's pieces as OOXML: runs, footnotes and comments (``resodiff.docx_write``)."""

    def __init__(self, document, when: datetime):
        self.revisions = Revisions(when)
        self.notes = Footnotes(document, style="FootnoteText")
        self.comments = Comments(document, date=when)

    def run(self, text: str, op: str, *, italic: bool = False) -> etree._Element:
        return self.revisions.run(text, op, italic=italic)

    def seg(self, seg: Seg, op: str | None = None) -> list[etree._Element]:
        """Runs for one piece; ``op`` overrides the piece's own (a moved paragraph is all "+")."""
        if op is not None:
            return [self.run(seg.text, op, italic=seg.lead)]
        if seg.op == KEEP and seg.old is not None:  # no substance, but not the same characters
            return [self.run(text, op, italic=seg.lead) for text, op in ((seg.old, DELETE), (seg.text, INSERT)) if text]
        return [self.run(seg.text, seg.op, italic=seg.lead)]

    def footnote(self, report: Report, call: Call, op: str) -> etree._Element:
        """A call to a new footnote holding the note's text: tracked piece by piece for a call
        in both texts, all inserted or all deleted for a call only one text has."""
        note = report.notes[call.note]
        if op == KEEP:
            content = [el for s in note.segs for el in self.seg(s)]
        elif op == INSERT:
            content = [self.run(note.new_text or "", INSERT)]
        else:
            content = [self.run(note.old_text or "", DELETE)]
        reference = self.revisions.tracked(self.notes.reference(self.notes.add(content)), op)
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
        for it in items:
            if isinstance(it, Seg):
                for el in self.seg(it, force):
                    p.append(el)
            elif isinstance(it, Call):
                p.append(self.footnote(report, it, force or it.op))
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
    document = Document()
    writer = _Writer(document, when)
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
    writer.notes.write()
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
    track_revisions(document)  # keep the reviewer's own edits tracked too


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
