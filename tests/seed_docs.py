"""Word and PDF versions of the seed, made by the tests themselves (nothing is copied in).

``seed_document()`` lays the seed out as a word processor holds it: header lines, the formula,
paragraphs made of runs (text, italic, footnote mark, tracked insertion or deletion), the
closing, and the footnote texts. ``docx_parts`` writes that as a Word package by hand - Word's
automatic numbering (numbering.xml + numPr), italic leads, real footnotes (footnotes.xml),
fields, a header part and a table - so the tests control every element the reader must
understand. ``write_pdf`` typesets it like a UN resolution with reportlab: running headers and
footers, justified lines with words split at line ends, raised footnote marks and the
footnotes at the foot of their page in smaller type.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from xml.sax.saxutils import escape

from resodiff.readers import read
from resodiff.readers.clean import strip_markup

from conftest import SEED

SUP = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


@dataclass(frozen=True)
class Run:
    text: str = ""
    italic: bool = False
    fn: str | None = None  # a footnote mark: the footnote's number
    change: str | None = None  # "ins" or "del": a tracked change
    sup: bool = False  # raised, like the "e" of "30e séance plénière"


@dataclass
class Block:
    kind: str  # header, formula, pp, op, closing
    runs: list[Run] = field(default_factory=list)
    number: int | None = None  # operative number, printed by automatic numbering
    mark: str | None = None  # "ins" / "del": the paragraph mark itself is a tracked change
    comment: str | None = None  # a comment anchored on the whole paragraph

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs if not r.fn)


@dataclass
class Document:
    blocks: list[Block]
    footnotes: dict[str, list[Run]]  # number -> runs
    symbol: str = "A/RES/75/15"
    job: str = "20-15618"

    def copy(self) -> Document:
        return Document([replace(b, runs=list(b.runs)) for b in self.blocks],
                        {k: list(v) for k, v in self.footnotes.items()}, self.symbol, self.job)


def seed_document() -> Document:
    """The seed as blocks of runs, from its parsed structure and its raw footnote positions."""
    res = read(SEED)
    raw = SEED.read_text(encoding="utf-8")
    lines = [ln.strip() for ln in raw.splitlines()]
    formula = lines.index("L'Assemblée générale,")
    blocks = [Block("header", [Run(strip_markup(ln))]) for ln in lines[:formula] if ln]
    blocks.append(Block("formula", [Run("L'Assemblée générale,")]))
    anchors = _marker_anchors(raw)
    for p in res.preamble:
        blocks.append(Block("pp", _runs(p.text, p.lead, p.footnotes, anchors)))
    for p in res.operative:
        blocks.append(Block("op", _runs(p.text, p.lead, p.footnotes, anchors), number=int(p.number)))
    blocks.append(Block("closing", [Run("30"), Run("e", sup=True),
                                    Run(" séance plénière"), Run("\n"), Run("23 novembre 2020")]))
    footnotes = {}
    for m in re.finditer(r"^([⁰¹²³⁴⁵⁶⁷⁸⁹]+) (.+)$", raw, re.MULTILINE):
        footnotes[m.group(1).translate(SUP)] = _italic_runs(m.group(2))
    assert len(footnotes) == 10
    return Document(blocks, footnotes)


def _marker_anchors(raw: str) -> dict[str, str]:
    """Footnote number -> the words printed just before its mark in the seed."""
    out = {}
    for m in re.finditer(r"(?<=\S)([⁰¹²³⁴⁵⁶⁷⁸⁹]+)", raw):
        before = strip_markup(raw[max(0, m.start() - 80): m.start()])
        out[m.group(1).translate(SUP)] = " ".join(before.split()[-4:])
    return out


def _runs(text: str, lead: str | None, marks, anchors) -> list[Run]:
    cuts = []
    for n in marks:
        at = text.find(anchors[n])
        assert at >= 0, (n, anchors[n], text[:80])
        cuts.append((at + len(anchors[n]), n))
    runs: list[Run] = []
    pos = 0
    if lead and text.startswith(lead):
        runs.append(Run(lead, italic=True))
        pos = len(lead)
    for at, n in sorted(cuts):
        runs.append(Run(text[pos:at]))
        runs.append(Run(fn=n))
        pos = at
    runs.append(Run(text[pos:]))
    return [r for r in runs if r.text or r.fn]


def _italic_runs(text: str) -> list[Run]:
    text = re.sub(r"\[([^\]]+)\]\(#\)", r"\1", text)
    return [Run(part, italic=(k % 2 == 1)) for k, part in enumerate(text.split("*")) if part]


# ---- Word ---------------------------------------------------------------------------------

W_NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
CT_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml"
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
DATE = "2020-11-23T10:00:00Z"


def _t(text: str, tag: str = "w:t") -> str:
    return f'<{tag} xml:space="preserve">{escape(text)}</{tag}>'


def _rpr(italic: bool = False, style: str | None = None, sup: bool = False) -> str:
    inner = (f'<w:rStyle w:val="{style}"/>' if style else "") + ("<w:i/>" if italic else "") + (
        '<w:vertAlign w:val="superscript"/>' if sup else "")
    return f"<w:rPr>{inner}</w:rPr>" if inner else ""


class _Ids:
    def __init__(self) -> None:
        self.n = 0

    def __call__(self) -> int:
        self.n += 1
        return self.n


def _run_xml(run: Run, fn_ids: dict[str, int], ids: _Ids, k: int) -> str:
    if run.fn:
        xml = f'<w:r>{_rpr(style="FootnoteReference")}<w:footnoteReference w:id="{fn_ids[run.fn]}"/></w:r>'
    elif run.sup:
        return f"<w:r>{_rpr(sup=True)}{_t(run.text)}</w:r>"
    elif run.text == "\n":
        return "<w:r><w:br/></w:r>"
    else:
        # Leads: direct italics on some paragraphs, an italic character style on the others;
        # a multi-word lead split over two runs, as Word leaves it after an edit.
        rpr = _rpr(italic=True) if run.italic and k % 2 else _rpr(style="Lead") if run.italic else ""
        tag = "w:delText" if run.change == "del" else "w:t"
        words = run.text.split(" ", 1) if run.italic and " " in run.text else [run.text]
        if len(words) == 2:
            words[0] += " "
        xml = "".join(f"<w:r>{rpr}{_t(piece, tag)}</w:r>" for piece in words)
    if run.change:
        xml = f'<w:{run.change} w:id="{ids()}" w:author="Drafter" w:date="{DATE}">{xml}</w:{run.change}>'
    return xml


def _numpr(num_id: int = 1, ilvl: int = 0) -> str:
    return f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'


def _para_xml(block: Block, k: int, fn_ids, ids: _Ids, comments: list[str]) -> str:
    ppr = ""
    if block.kind == "op":
        # Half the operative paragraphs are numbered through their style, half directly.
        ppr = '<w:pStyle w:val="Operative"/>' if k % 2 else '<w:pStyle w:val="Operative"/>' + _numpr()
    elif block.kind == "pp":
        ppr = '<w:pStyle w:val="Preamble"/>'
    elif block.kind == "closing":
        ppr = '<w:jc w:val="right"/>'
    if block.mark:
        ppr += f'<w:rPr><w:{block.mark} w:id="{ids()}" w:author="Drafter" w:date="{DATE}"/></w:rPr>'
    body = "".join(_run_xml(r, fn_ids, ids, k) for r in block.runs)
    if block.kind == "header" and re.fullmatch(r"\d+ novembre 2020", block.text):
        # a date field: the reader takes the shown result, never the instruction
        body = f'<w:fldSimple w:instr=" DOCPROPERTY  DistrDate  \\* MERGEFORMAT ">{body}</w:fldSimple>'
    if block.kind == "closing":
        date = body.rsplit("<w:r>", 1)
        body = (date[0] + '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                '<w:r><w:instrText xml:space="preserve"> CREATEDATE \\@ "d MMMM yyyy" </w:instrText></w:r>'
                '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r>' + date[1]
                + '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    if block.comment is not None:
        cid = len(comments)
        comments.append(block.comment)
        body = (f'<w:commentRangeStart w:id="{cid}"/>{body}<w:commentRangeEnd w:id="{cid}"/>'
                f'<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="{cid}"/></w:r>')
    body = '<w:bookmarkStart w:id="0" w:name="_GoBack"/><w:bookmarkEnd w:id="0"/>' + body if k == 3 else body
    return f"<w:p><w:pPr>{ppr}</w:pPr>{body}</w:p>"


def docx_parts(doc: Document) -> dict[str, str]:
    """The XML parts of a Word package for ``doc``."""
    fn_ids = {n: 100 + 3 * int(n) for n in doc.footnotes}  # ids are not the printed numbers
    ids = _Ids()
    comments: list[str] = []
    table = ('<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="4500"/>'
             '<w:gridCol w:w="4500"/></w:tblGrid><w:tr>'
             f'<w:tc><w:p><w:r>{_t("Nations Unies")}</w:r></w:p></w:tc>'
             f'<w:tc><w:p><w:r>{_t(doc.symbol)}</w:r></w:p></w:tc></w:tr></w:tbl>')
    paras = "".join(_para_xml(b, k, fn_ids, ids, comments) for k, b in enumerate(doc.blocks))
    sect = ('<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader"/>'
            '<w:footnotePr><w:numFmt w:val="decimal"/></w:footnotePr>'
            '<w:pgSz w:w="11906" w:h="16838"/></w:sectPr>')
    document = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W_NS}><w:body>{table}{paras}{sect}</w:body></w:document>'

    notes = ['<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>',
             '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>']
    for n, runs in doc.footnotes.items():
        text = "".join(_run_xml(r, fn_ids, ids, 1) for r in runs)
        notes.append(f'<w:footnote w:id="{fn_ids[n]}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
                     f'<w:r>{_rpr(style="FootnoteReference")}<w:footnoteRef/></w:r><w:r>{_t(" ")}</w:r>{text}</w:p></w:footnote>')
    footnotes = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {W_NS}>{"".join(notes)}</w:footnotes>'

    numbering = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering {W_NS}>'
                 '<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>'
                 '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="Operative"/>'
                 '<w:lvlText w:val="%1."/><w:lvlJc w:val="left"/></w:lvl>'
                 '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>'
                 '<w:lvlText w:val="%2)"/><w:lvlJc w:val="left"/></w:lvl>'
                 '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>')
    styles = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles {W_NS}>'
              '<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="20"/></w:rPr></w:rPrDefault></w:docDefaults>'
              '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
              '<w:style w:type="paragraph" w:styleId="Preamble"><w:name w:val="Preamble"/><w:basedOn w:val="Normal"/>'
              '<w:pPr><w:ind w:firstLine="720"/></w:pPr></w:style>'
              '<w:style w:type="paragraph" w:styleId="Operative"><w:name w:val="Operative"/><w:basedOn w:val="Normal"/>'
              f'<w:pPr>{_numpr()}<w:ind w:firstLine="720"/></w:pPr></w:style>'
              '<w:style w:type="paragraph" w:styleId="FootnoteText"><w:name w:val="footnote text"/>'
              '<w:rPr><w:sz w:val="16"/></w:rPr></w:style>'
              '<w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/>'
              '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>'
              '<w:style w:type="character" w:styleId="Emphasis"><w:name w:val="Emphasis"/><w:rPr><w:i/></w:rPr></w:style>'
              '<w:style w:type="character" w:styleId="Lead"><w:name w:val="Lead"/><w:basedOn w:val="Emphasis"/></w:style>'
              '</w:styles>')
    header = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:hdr {W_NS}>'
              f'<w:p><w:r>{_t(doc.symbol + " ")}</w:r><w:fldSimple w:instr=" PAGE "><w:r>{_t("2")}</w:r></w:fldSimple></w:p>'
              f'<w:p><w:r>{_t(doc.job + " (F)")}</w:r></w:p></w:hdr>')
    rels = [("rIdStyles", "styles", "styles.xml"), ("rIdNumbering", "numbering", "numbering.xml"),
            ("rIdFootnotes", "footnotes", "footnotes.xml"), ("rIdHeader", "header", "header1.xml")]
    overrides = [("/word/document.xml", f"{CT_MAIN}.document.main+xml"), ("/word/styles.xml", f"{CT_MAIN}.styles+xml"),
                 ("/word/numbering.xml", f"{CT_MAIN}.numbering+xml"), ("/word/footnotes.xml", f"{CT_MAIN}.footnotes+xml"),
                 ("/word/header1.xml", f"{CT_MAIN}.header+xml")]
    parts = {}
    if comments:
        body = "".join(f'<w:comment w:id="{i}" w:author="Reviewer" w:date="{DATE}"><w:p><w:r>{_t(c)}</w:r></w:p></w:comment>'
                       for i, c in enumerate(comments))
        parts["word/comments.xml"] = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments {W_NS}>{body}</w:comments>'
        rels.append(("rIdComments", "comments", "comments.xml"))
        overrides.append(("/word/comments.xml", f"{CT_MAIN}.comments+xml"))
    parts["[Content_Types].xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        + "".join(f'<Override PartName="{p}" ContentType="{c}"/>' for p, c in overrides) + "</Types>")
    parts["_rels/.rels"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{RT}/officeDocument" Target="word/document.xml"/></Relationships>')
    parts["word/_rels/document.xml.rels"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(f'<Relationship Id="{i}" Type="{RT}/{t}" Target="{target}"/>' for i, t, target in rels)
        + "</Relationships>")
    parts.update({"word/document.xml": document, "word/footnotes.xml": footnotes, "word/numbering.xml": numbering,
                  "word/styles.xml": styles, "word/header1.xml": header})
    return parts


def write_package(parts: dict[str, str | bytes], path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return path


def write_docx(doc: Document, path: Path) -> Path:
    return write_package(docx_parts(doc), path)


# ---- PDF ----------------------------------------------------------------------------------

PAGE_W, PAGE_H = 595.27, 841.89
LEFT, RIGHT = 72.0, 523.0
BODY, LEADING, FN_SIZE, FN_LEADING, MARK = 10.0, 12.0, 8.0, 9.5, 6.0
TOP, BOTTOM = 770.0, 62.0


@dataclass
class _Seg:
    text: str
    font: str
    size: float
    rise: float = 0.0


def _width(segs) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return sum(stringWidth(s.text, s.font, s.size) for s in segs)


def _words(runs: list[Run], size: float, mark_rise: float) -> list[list[_Seg]]:
    """Runs to words (lists of segments); a footnote mark sticks to the word before it."""
    words: list[list[_Seg]] = [[]]
    for r in runs:
        if r.change == "del":
            continue
        if r.fn:
            words[-1].append(_Seg(r.fn, "Times-Roman", MARK, mark_rise))
            continue
        if r.sup:
            words[-1].append(_Seg(r.text, "Times-Roman", MARK, mark_rise))
            continue
        font = "Times-Italic" if r.italic else "Times-Roman"
        for piece in re.split(r"(\s+)", r.text):
            if not piece:
                continue
            if piece.isspace():
                words.append([])
            else:
                words[-1].append(_Seg(piece, font, size))
    return [wd for wd in words if wd]


def _split(word: list[_Seg], room: float):
    """Split a word at a line end: at its own hyphen, or between syllables with a hyphen added."""
    if len(word) != 1:
        return None
    seg = word[0]
    text = seg.text
    candidates = []
    for k in range(len(text) - 2, 1, -1):
        if text[k - 1] == "-" and text[k].isalpha():
            candidates.append((text[:k], text[k:]))  # "non-" / "prolifération"
        elif (text[:k].isalpha() and text[k:].isalpha() and len(text) >= 8 and k >= 3 and len(text) - k >= 3
              and text[k - 1] in "aeiouéèêàâîôû" and text[k] not in "aeiouéèêàâîôûy-"):
            candidates.append((text[:k] + "-", text[k:]))  # "dévelop-" / "pement"
    candidates.sort(key=lambda lr: lr[0] + lr[1] != text)  # a compound breaks at its own hyphen first
    for left, right in candidates:
        if _width([_Seg(left, seg.font, seg.size)]) <= room:
            return [_Seg(left, seg.font, seg.size)], [_Seg(right, seg.font, seg.size)]
    return None


def _lines(words, width: float, first_indent: float, size: float):
    """Greedy justified lines: [(indent, [word, ...], last_line)]."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    space = stringWidth(" ", "Times-Roman", size)
    lines, current, used = [], [], 0.0
    indent = first_indent
    queue = list(words)
    while queue:
        wd = queue.pop(0)
        need = _width(wd) + (space if current else 0)
        if used + need <= width - indent:
            current.append(wd)
            used += need
            continue
        room = width - indent - used - (space if current else 0)
        parts = _split(wd, room)
        if parts:
            current.append(parts[0])
            queue.insert(0, parts[1])
        else:
            queue.insert(0, wd)
        lines.append((indent, current, False))
        current, used, indent = [], 0.0, 0.0
    lines.append((indent, current, True))
    return lines


def write_pdf(doc: Document, path: Path, *, encrypt: str | None = None, owner_only: bool = False) -> Path:
    """Typeset ``doc`` like a UN resolution (A4, Times 10 pt, footnotes 8 pt) with reportlab."""
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    enc = None
    if encrypt is not None or owner_only:
        enc = StandardEncryption("" if owner_only else encrypt, ownerPassword="owner", canModify=0)
    c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H), encrypt=enc, pageCompression=1)
    title = next(b.text for b in doc.blocks if re.match(r"\d+/\d+\. ", b.text)).split(". ", 1)[1]

    # Lay out every block into lines first; footnotes go to the page of their mark.
    items = []  # (kind, payload)
    header_done = False
    for b in doc.blocks:
        if b.kind == "header":
            if b.text in ("Assemblée générale", "Distr. générale") or re.fullmatch(r"\d+ novembre 2020", b.text):
                continue  # drawn in the first page's masthead
            size = 11 if re.match(r"\d+/\d+\. ", b.text) else BODY
            font = "Times-Bold" if size == 11 else "Times-Roman"
            words = [[_Seg(t, font, size)] for t in b.text.split()]
            items.append(("gap", 8))
            items += [("line", ln, size) for ln in _lines(words, RIGHT - LEFT, 0, size)]
            continue
        if not header_done:
            items.append(("gap", 14))
            header_done = True
        if b.kind == "op":
            words = _words(b.runs, BODY, 3.5)
            number = [_Seg(f"{b.number}.", "Times-Roman", BODY)]
            lines = _lines([number] + words, RIGHT - LEFT, 36, BODY)
            items.append(("gap", 6))
            items += [("line", ln, BODY) for ln in lines]
        elif b.kind == "closing":
            items.append(("gap", 18))
            words = _words([r for r in b.runs if r.text != "\n"][:3], BODY, 3.5)
            items.append(("line", (250, words, True), BODY))
            items.append(("line", (250, _words([b.runs[-1]], BODY, 0), True), BODY))
        else:
            words = _words(b.runs, BODY, 3.5)
            items.append(("gap", 6))
            items += [("line", ln, BODY) for ln in _lines(words, RIGHT - LEFT, 36 if b.kind == "pp" else 0, BODY)]

    fn_lines = {}
    for n, runs in doc.footnotes.items():
        words = [[_Seg(n, "Times-Roman", MARK, 2.5)]] + _words(runs, FN_SIZE, 2.5)
        fn_lines[n] = _lines(words, RIGHT - LEFT - 18, 0, FN_SIZE)

    pages = [[]]  # each: list of (y, line, size); footnotes per page
    page_notes = [[]]
    y = TOP - 95  # below the first page's masthead
    for item in items:
        if item[0] == "gap":
            if pages[-1]:
                y -= item[1]
            continue
        _, line, size = item
        marks = [s.text for wd in line[1] for s in wd if s.size == MARK and s.text.isdigit()]
        notes = page_notes[-1] + marks
        fn_height = sum(len(fn_lines[n]) * FN_LEADING for n in notes) + (14 if notes else 0)
        if y - LEADING < BOTTOM + fn_height:
            pages.append([])
            page_notes.append([])
            y = TOP
        y -= LEADING if size <= BODY else size + 4
        pages[-1].append((y, line, size))
        page_notes[-1].extend(marks)

    total = len(pages)
    for k, (lines, notes) in enumerate(zip(pages, page_notes), start=1):
        _furniture(c, doc, k, total, title)
        for y, (indent, words, last), _ in lines:
            _draw_line(c, LEFT + indent, y, words, RIGHT - LEFT - indent, last)
        if notes:
            height = sum(len(fn_lines[n]) * FN_LEADING for n in notes)
            fy = BOTTOM + height + 4
            c.setLineWidth(0.5)
            c.line(LEFT, fy + 4, LEFT + 100, fy + 4)
            for n in notes:
                for j, (_, words, _) in enumerate(fn_lines[n]):
                    fy -= FN_LEADING
                    x = LEFT + (0 if j == 0 else 18)
                    _draw_line(c, x, fy, words, RIGHT - x, True)
        c.showPage()
    c.save()
    return path


def _draw_line(c, x: float, y: float, words, width: float, last: bool) -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if not words:
        return
    size = max(s.size for wd in words for s in wd)
    space = stringWidth(" ", "Times-Roman", size)
    natural = sum(_width(wd) for wd in words) + space * (len(words) - 1)
    gap = space if last or len(words) < 2 else space + (width - natural) / (len(words) - 1)
    for wd in words:
        for s in wd:
            c.setFont(s.font, s.size)
            c.drawString(x, y + s.rise, s.text)
            x += stringWidth(s.text, s.font, s.size)
        x += gap


def _furniture(c, doc: Document, page: int, total: int, title: str) -> None:
    """Mastheads, running headers and footers, as in the UN's PDFs."""
    if page == 1:
        c.setFont("Times-Roman", 10)
        c.drawString(LEFT, 800, "Nations Unies")
        c.setFont("Times-Bold", 14)
        c.drawRightString(RIGHT, 800, doc.symbol)
        c.line(LEFT, 792, RIGHT, 792)
        c.setFont("Times-Bold", 16)
        c.drawString(LEFT, 765, "Assemblée générale")
        c.setFont("Times-Roman", 10)
        c.drawString(380, 770, "Distr. générale")
        c.drawString(380, 758, "30 novembre 2020")
        c.line(LEFT, 748, RIGHT, 748)
        c.setFont("Times-Roman", 8)
        c.drawString(LEFT, 30, f"{doc.job} (F)")
        c.setFont("Courier", 10)
        c.drawRightString(RIGHT, 30, f"*{doc.job.replace('-', '')}*")
        return
    c.setFont("Times-Bold", 9)
    if page % 2 == 0:
        c.drawString(LEFT, 805, doc.symbol)
        c.setFont("Times-Roman", 8)
        c.drawRightString(RIGHT, 805, title[:90])
        c.drawString(LEFT, 30, f"{page}/{total}")
        c.drawRightString(RIGHT, 30, doc.job)
    else:
        c.drawRightString(RIGHT, 805, doc.symbol)
        c.setFont("Times-Roman", 8)
        c.drawString(LEFT, 805, title[:90])
        c.drawString(LEFT, 30, doc.job)
        c.drawRightString(RIGHT, 30, f"{page}/{total}")
    c.line(LEFT, 800, RIGHT, 800)


# ---- comparing -----------------------------------------------------------------------------


def differences(expected, got) -> list[str]:
    """Field-by-field differences between two parsed resolutions' JSON, readable in a failure."""
    a, b = expected.to_json(), got.to_json()
    out = []
    for key in a:
        if key in ("preamble", "operative"):
            ids_a, ids_b = [p["id"] for p in a[key]], [p["id"] for p in b[key]]
            if ids_a != ids_b:
                out.append(f"{key} ids: {ids_a} != {ids_b}")
            for pa, pb in zip(a[key], b[key]):
                for field_name in pa:
                    if pa[field_name] != pb.get(field_name):
                        out.append(f"{pa['id']}.{field_name}: {pa[field_name]!r} != {pb.get(field_name)!r}")
        elif a[key] != b[key]:
            out.append(f"{key}: {a[key]!r} != {b[key]!r}")
    return out
