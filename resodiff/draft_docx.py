"""A draft as a Word document laid out like a UN draft resolution.

Header (organ and symbol, "Distr. limitée", session, agenda item, sponsors, title), the formula,
preambular paragraphs with their lead in italics, operative paragraphs numbered by Word with
their lead in italics, sub-paragraphs with their labels, real footnotes; flagged text
highlighted, each flagged paragraph ending with its marker, highlighted and carrying a Word
comment that lists the reasons. The lists of flags and of technical updates follow on a new
page. The OOXML python-docx cannot write is in ``resodiff.docx_write``.
"""

from __future__ import annotations

from io import BytesIO

from docx import Document
from docx.enum.text import WD_BREAK, WD_COLOR_INDEX, WD_TAB_ALIGNMENT
from docx.shared import Inches, Pt

from resodiff.docx_write import Comments, Footnotes, numbered_list, set_language, set_number
from resodiff.languages import profile, typeset, typeset_pieces
from resodiff.draft import Draft, DraftParagraph
from resodiff.terminal import xml_safe_data

FONT = "Times New Roman"
INDENT = Inches(0.5)  # where a paragraph's first line and an operative number start


def render_docx(draft: Draft) -> bytes:
    draft = xml_safe_data(draft)  # XML 1.0 cannot hold NUL or ESC: they are shown escaped
    doc = Document()
    _page(doc, profile(draft.language).word_lang)
    notes, comments = Footnotes(doc), Comments(doc)
    texts = {f.number: f.text for f in draft.footnotes}

    _header(doc, draft)
    d = draft
    for p in draft.preamble:
        par = doc.add_paragraph()
        par.paragraph_format.first_line_indent = INDENT
        _runs(par, p, texts, notes, comments, d.language)
        _subparagraphs(doc, d, p, texts, notes, comments)
    _operative(doc, draft, texts, notes, comments)
    _lists(doc, draft)

    notes.write()
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


def _page(doc, lang: str = "en-US") -> None:
    for section in doc.sections:
        section.left_margin = section.right_margin = Inches(1)
        section.top_margin = section.bottom_margin = Inches(1)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = Pt(12)
    rpr = normal.element.get_or_add_rPr()
    rpr.get_or_add_rFonts().set("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia", FONT)
    set_language(doc, lang)


def _header(doc, d: Draft) -> None:
    top = doc.add_paragraph()
    width = doc.sections[0].page_width - doc.sections[0].left_margin - doc.sections[0].right_margin
    top.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
    organ = top.add_run(d.organ)
    organ.bold = True
    organ.font.size = Pt(16)
    top.add_run("\t")
    symbol = top.add_run(d.symbol)
    symbol.font.size = Pt(14)
    for line in (d.distribution, d.date):
        par = doc.add_paragraph(typeset(line, d.language))
        par.paragraph_format.left_indent = Inches(4.5)
        par.paragraph_format.space_after = Pt(0)
    doc.add_paragraph()
    for line in (d.session_line, d.agenda_line):
        doc.add_paragraph(typeset(line, d.language)).paragraph_format.space_after = Pt(0)
    doc.add_paragraph()
    doc.add_paragraph(typeset(d.sponsors_line, d.language))
    title = doc.add_paragraph()
    title.add_run(typeset(d.title, d.language)).bold = True
    title.paragraph_format.space_before = Pt(12)
    title.paragraph_format.space_after = Pt(12)
    formula = doc.add_paragraph()
    formula.paragraph_format.first_line_indent = INDENT
    formula.add_run(d.formula)


def _runs(par, p: DraftParagraph, texts, notes: Footnotes, comments: Comments, code: str) -> None:
    """The paragraph's runs; a flag is a Word comment over the paragraph (its marker as the
    comment's text), the flagged words highlighted: no marker in the text itself."""
    runs = []
    shown = iter(typeset_pieces([s.text for s in p.segments] + [p.tail], code))
    for seg in p.segments:
        text = next(shown)
        if seg.footnote is not None:
            notes.call(par, typeset(texts.get(seg.footnote, ""), code))
            continue
        run = par.add_run(text)
        run.italic = seg.lead or None
        if seg.flagged:
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
        runs.append(run)
    if p.tail:
        runs.append(par.add_run(next(shown)))
    if p.marker and runs:
        comments.add(runs[0], runs[-1], [typeset(p.marker, code)])


def _operative(doc, d: Draft, texts, notes, comments) -> None:
    section = None
    num_id = None
    for group in _groups(d.operative):
        if group[0].section and group[0].section != section:
            section = group[0].section
            heading = doc.add_paragraph()
            heading.add_run(section).bold = True
        numbers = [p.number for p in group]
        if all(n and n.isdigit() for n in numbers) and numbers == [str(int(numbers[0]) + k) for k in range(len(numbers))]:
            num_id = numbered_list(doc, "%1.", start=int(numbers[0]), first_line_twips=int(INDENT.twips))
        else:
            num_id = None  # numbers as printed, where they do not run 1, 2, 3
        for p in group:
            par = doc.add_paragraph()
            if num_id is not None:
                set_number(par, num_id)
            else:
                par.paragraph_format.first_line_indent = INDENT
                if p.label:
                    par.add_run(p.label + "\t")
            _runs(par, p, texts, notes, comments, d.language)
            _subparagraphs(doc, d, p, texts, notes, comments)


def _groups(paras):
    """Operative paragraphs cut where a section starts (numbering may restart there)."""
    groups: list[list[DraftParagraph]] = []
    for p in paras:
        if not groups or p.section != groups[-1][0].section:
            groups.append([])
        groups[-1].append(p)
    return groups


def _subparagraphs(doc, d: Draft, p: DraftParagraph, texts, notes, comments, depth: int = 1) -> None:
    for sub in p.subparagraphs:
        par = doc.add_paragraph()
        fmt = par.paragraph_format
        fmt.left_indent = INDENT * (depth + 1)
        fmt.first_line_indent = -INDENT
        if sub.label:
            par.add_run(sub.label + "\t")
        _runs(par, sub, texts, notes, comments, d.language)
        _subparagraphs(doc, d, sub, texts, notes, comments, depth + 1)


def _lists(doc, d: Draft) -> None:
    """The flags and the technical updates, on a page of their own after the marked end of the
    text (``notes_heading``), where readers stop."""
    if not d.flagged and not d.changes:
        return
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    end = doc.add_paragraph()
    end.add_run(d.notes_heading).bold = True
    for heading, lines in ((d.words.flags_heading, [f.line for f in d.flagged]),
                           (d.words.changes_heading, [c.line for c in d.changes])):
        if not lines:
            continue
        head = doc.add_paragraph()
        head.add_run(typeset(heading, d.language)).bold = True
        head.paragraph_format.space_before = Pt(12)
        for line in lines:
            par = doc.add_paragraph(typeset(line, d.language))
            par.paragraph_format.left_indent = INDENT
            par.paragraph_format.space_after = Pt(2)
