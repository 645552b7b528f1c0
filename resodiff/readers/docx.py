"""Word (.docx) resolutions, turned into the structured text of the UN text export.

python-docx opens the package and finds its parts; the text comes from their XML, because
python-docx knows neither automatic numbering, nor footnotes, nor tracked changes:

    zip checks -> parts (document, numbering, styles, footnotes) -> body paragraphs with
    tracked changes resolved (accepted, or as original), fields resolved to their shown
    result, comments and hidden text dropped, tables skipped -> printed numbers computed
    from numbering.xml -> "N. *Lead* text¹" blocks, then "¹ footnote" blocks

``parse_text`` reads the result, so Word files and text exports go through one parser.
"""

from __future__ import annotations

import io
import re
import zipfile
import time
import zlib
from dataclasses import dataclass, field, replace

from lxml import etree

from resodiff.errors import ReadError
from resodiff.readers import limits
from resodiff.model import Comment, Paragraph, Resolution, Revision

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
RT_NUMBERING = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"
RT_STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
RT_FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
RT_COMMENTS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"

# A zip bomb is refused before anything is decompressed: these bound what the package may
# unpack to. A long resolution's document.xml is a few MB and compresses about 10:1.
MAX_MEMBERS = 2000
MAX_UNPACKED = 200 * 1024 * 1024
MAX_XML = 32 * 1024 * 1024  # one XML part: the longest resolution's document.xml is a few MB
MAX_RATIO = 100  # for members over 1 MB
ACCEPTED, ORIGINAL = "accepted", "original"
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=False)


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def docx_to_text(data: bytes, name: str, *, as_original: bool = False) -> tuple[str, list[str]]:
    """The text of a Word resolution, in the UN text export's layout, and what was noticed.

    Raises ReadError for a zip bomb, a zip that is no Word document, a damaged package.
    """
    text, notes, _ = read_docx(data, name, as_original=as_original)
    return text, notes


@dataclass
class Annotated:
    """One Word paragraph's tracked changes and comments, and its text as rendered (to find the
    model paragraph it became)."""

    text: str
    revisions: list[Revision] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)


def read_docx(data: bytes, name: str, *, as_original: bool = False) -> tuple[str, list[str], list[Annotated]]:
    """``docx_to_text``, and each paragraph's revisions (author, date) and comments (author,
    anchor): who proposed what, in a negotiation's Rev. circulated as tracked changes."""
    names = _check_package(data, name)
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError

        package = docx.Document(io.BytesIO(data)).part
        body = package.element.find(w("body"))
        numbering = _related(package, RT_NUMBERING)
        styles = _related(package, RT_STYLES)
        footnotes = _related(package, RT_FOOTNOTES)
        comments = _related(package, RT_COMMENTS)
    except ReadError:
        raise
    except ValueError as exc:
        if "macroEnabled" in str(exc):
            raise ReadError(f"{name}: a Word file with macros (.docm); save it as .docx") from None
        kind = re.search(r"content type is '([^']+)'", str(exc))
        detail = f"its main part is {kind.group(1)}" if kind else _short(exc)
        raise ReadError(f"{name}: not a Word document it can read ({detail})") from None
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, EOFError) as exc:
        raise ReadError(f"{name}: damaged Word document ({_short(exc)})") from None
    if body is None:
        raise ReadError(f"{name}: damaged Word document (no body)")

    reader = _Reader(ORIGINAL if as_original else ACCEPTED, _Styles(styles), _Numbering(numbering, styles), footnotes,
                     comments)
    # Every part is size-checked already; the clock bounds what sizes cannot (deep nesting, a
    # pathological mix of runs and revisions), as for PDFs.
    reader.deadline, reader.name = time.monotonic() + limits.MAX_SECONDS, name
    reader.flag_comments = _flag_comments(comments)
    blocks = reader.body(body)
    notes = reader.notes(as_original)
    for part, found in (("word/footnotes.xml", footnotes), ("word/numbering.xml", numbering)):
        if part in names and found is None:
            notes.append(f"{part} is in the file but the document does not link to it: not read")
    return "\n\n".join(blocks) + "\n", notes, reader.annotated


# ---- the package ---------------------------------------------------------------------------


def _flag_comments(comments) -> dict[str, str]:
    """Comments that are a resodiff draft's flags ("[À ACTUALISER : …]"), by id."""
    from resodiff.readers.lines import ANNOTATION

    out: dict[str, str] = {}
    for c in comments.iter(w("comment")) if comments is not None else ():
        text = "".join(t.text or "" for t in c.iter(w("t"))).strip()
        if (m := ANNOTATION.fullmatch(text)) is not None and m.group(0).strip() == text:
            out[c.get(w("id"))] = text
    return out


def _check_package(data: bytes, name: str) -> set[str]:
    """Refuse what is not a Word package, or would unpack to far more than it weighs."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, EOFError, ValueError, OSError):
        raise ReadError(f"{name}: not a readable Word document (damaged zip file)") from None
    if len(infos) > MAX_MEMBERS:
        raise ReadError(f"{name}: refused: a zip of {len(infos)} files is no Word document (zip bomb?)")
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if total > MAX_UNPACKED or (info.file_size > 1024 * 1024 and ratio > MAX_RATIO):
            raise ReadError(f"{name}: refused: it would unpack to {_mb(info.file_size if ratio > MAX_RATIO else total)}"
                            " (a zip bomb?)")
    names = {i.filename for i in infos}
    if "mimetype" in names and zf.read("mimetype").startswith(b"application/vnd.oasis.opendocument"):
        raise ReadError(f"{name}: an OpenDocument file; save it as Word (.docx)")
    if "[Content_Types].xml" not in names or not any(n.startswith("word/") for n in names):
        other = next((kind for prefix, kind in (("xl/", "an Excel workbook"), ("ppt/", "a PowerPoint deck"))
                      if any(n.startswith(prefix) for n in names)), "a zip file")
        raise ReadError(f"{name}: {other}, not a Word document")
    if any(i.flag_bits & 0x1 for i in infos):
        raise ReadError(f"{name}: an encrypted zip, not a Word document")
    total = 0
    for info in infos:
        body = _inflate(data, info, name)
        total += len(body)
        if total > MAX_UNPACKED:
            raise ReadError(f"{name}: refused: it unpacks to more than {_mb(MAX_UNPACKED)} (a zip bomb?)")
        if info.filename.endswith((".xml", ".rels")) and (b"<!DOCTYPE" in body or b"<!ENTITY" in body):
            raise ReadError(f"{name}: refused: {info.filename} declares a DOCTYPE or entities, which Word never "
                            "writes (an XML entity attack?)")
    if "word/document.xml" in names and "word/_rels/document.xml.rels" not in names:
        raise ReadError(f"{name}: damaged Word document (word/_rels/document.xml.rels is missing: its numbering, "
                        "styles and footnotes cannot be found)")
    return names


def _inflate(data: bytes, info: zipfile.ZipInfo, name: str) -> bytes:
    """A member's bytes, inflated from its compressed data with the size checked while
    inflating: the sizes a zip declares may lie."""
    limit = MAX_XML if info.filename.endswith((".xml", ".rels")) else MAX_UNPACKED
    start = info.header_offset
    if data[start:start + 4] != b"PK\x03\x04":
        raise ReadError(f"{name}: not a readable Word document (damaged zip file)")
    skip = 30 + int.from_bytes(data[start + 26:start + 28], "little") + int.from_bytes(data[start + 28:start + 30], "little")
    raw = data[start + skip:start + skip + info.compress_size]
    if info.compress_type == zipfile.ZIP_STORED:
        body = raw
    elif info.compress_type == zipfile.ZIP_DEFLATED:
        inflater = zlib.decompressobj(-15)
        try:
            body = inflater.decompress(raw, limit + 1)
        except zlib.error:
            raise ReadError(f"{name}: not a readable Word document (damaged zip member {info.filename})") from None
    else:
        raise ReadError(f"{name}: not a Word document (zip member {info.filename} uses an unusual compression)")
    if len(body) > limit:
        raise ReadError(f"{name}: refused: {info.filename} unpacks to more than {_mb(limit)}"
                        f"{' (it declares ' + _mb(info.file_size) + ')' if info.file_size < limit else ''} (a zip bomb?)")
    if len(body) != info.file_size:
        raise ReadError(f"{name}: damaged Word document ({info.filename} is {_mb(len(body))}, "
                        f"not the {_mb(info.file_size)} its zip header declares)")
    return body


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB" if n >= 1024 * 1024 else f"{n} bytes"


def _short(exc: Exception) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:120]


def _related(part, reltype: str):
    """The XML root of a part related to the document, or None."""
    try:
        related = part.part_related_by(reltype)
    except KeyError:
        return None
    element = getattr(related, "element", None)
    if element is not None:
        return element
    return etree.fromstring(related.blob, _PARSER)


# ---- styles ------------------------------------------------------------------------------


class _Styles:
    """Style look-ups along ``basedOn`` chains: paragraph numbering and italics."""

    def __init__(self, root) -> None:
        self.by_id: dict[str | None, etree._Element] = {}
        self.default_italic = False
        if root is None:
            return
        for style in root.iter(w("style")):
            self.by_id[style.get(w("styleId"))] = style
        rpr = root.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")
        self.default_italic = bool(_flag(rpr, "i"))

    def chain(self, style_id: str | None):
        seen = set()
        while style_id and style_id not in seen and style_id in self.by_id:
            seen.add(style_id)
            style = self.by_id[style_id]
            yield style
            based = style.find(w("basedOn"))
            style_id = based.get(w("val")) if based is not None else None

    def italic(self, char_style: str | None, para_style: str | None) -> bool:
        for style_id in (char_style, para_style):
            for style in self.chain(style_id):
                value = _flag(style.find(w("rPr")), "i")
                if value is not None:
                    return value
        return self.default_italic

    def num_pr(self, para_style: str | None):
        """(numId, ilvl) a paragraph style gives, or (None, None)."""
        for style in self.chain(para_style):
            num_pr = style.find(f"{w('pPr')}/{w('numPr')}")
            if num_pr is not None:
                return _val(num_pr, "numId"), _val(num_pr, "ilvl")
        return None, None


def _flag(rpr, tag: str) -> bool | None:
    """A toggle property (w:i, w:vanish): True, False, or None when not set here."""
    if rpr is None:
        return None
    el = rpr.find(w(tag))
    if el is None:
        return None
    return el.get(w("val"), "true").lower() not in ("0", "false", "off")


def _val(parent, tag: str) -> str | None:
    el = parent.find(w(tag)) if parent is not None else None
    return el.get(w("val")) if el is not None else None


# ---- automatic numbering -------------------------------------------------------------------


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None  # lvlRestart: restart after this level (1-based); 0 = never
    legal: bool = False
    style: str | None = None


class _Numbering:
    """Printed numbers of Word's automatic numbering, computed in document order.

    Lists that share an abstract numbering continue each other's count; a ``w:num`` with a
    start override (Word's "Restart at 1") counts on its own. Deeper levels restart when a
    higher level is used (or as ``lvlRestart`` says).
    """

    def __init__(self, root, styles_root) -> None:
        self.abstract: dict[str | None, dict[int, _Level]] = {}  # ids as read: an attribute may be missing
        self.nums: dict[str | None, tuple[str | None, dict[int, int], dict[int, _Level]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.style_levels: dict[str, tuple[str | None, int]] = {}
        if root is None:
            return
        links: dict[str | None, str] = {}
        for ab in root.iter(w("abstractNum")):
            aid = ab.get(w("abstractNumId"))
            self.abstract[aid] = {int(lvl.get(w("ilvl"), "0")): _level(lvl) for lvl in ab.iter(w("lvl"))}
            if (link := _val(ab, "numStyleLink")) is not None:
                links[aid] = link
        for num in root.iter(w("num")):
            aid = _val(num, "abstractNumId")
            starts, levels = {}, {}
            for ov in num.iter(w("lvlOverride")):
                ilvl = int(ov.get(w("ilvl"), "0"))
                if (start := _val(ov, "startOverride")) is not None:
                    starts[ilvl] = int(start)
                if (lvl := ov.find(w("lvl"))) is not None:
                    levels[ilvl] = _level(lvl)
            self.nums[num.get(w("numId"))] = (aid, starts, levels)
        # A numbering style (numStyleLink) points, through the style, at the real list.
        styles = _Styles(styles_root)
        alias: dict[str | None, str | None] = {}
        for aid, link in links.items():
            num_id, _ = styles.num_pr(link)
            if num_id in self.nums and self.nums[num_id][0] != aid:
                alias[aid] = self.nums[num_id][0]
        self.nums = {k: (alias.get(aid, aid), starts, levels) for k, (aid, starts, levels) in self.nums.items()}
        for aid, levels in self.abstract.items():
            for ilvl, lvl in levels.items():
                if lvl.style:
                    self.style_levels[lvl.style] = (aid, ilvl)

    def level_for_style(self, style_id: str | None) -> int | None:
        return self.style_levels[style_id][1] if style_id in self.style_levels else None

    def label(self, num_id: str | None, ilvl: int) -> str | None:
        """The printed label ("12.", "a)", "II.") of the next paragraph in this list, or None."""
        if num_id in (None, "0") or num_id not in self.nums:
            return None
        aid, starts, overrides = self.nums[num_id]
        levels = dict(self.abstract.get(aid, {})) if aid is not None else {}
        levels.update(overrides)
        if ilvl not in levels:
            return None
        key = f"num:{num_id}" if starts or overrides else f"abstract:{aid}"
        if key not in self.counters:
            self.counters[key] = {}
        counts = self.counters[key]
        start = starts.get(ilvl, levels[ilvl].start)
        counts[ilvl] = counts[ilvl] + 1 if ilvl in counts else start
        for deeper in [j for j in counts if j > ilvl]:
            restart = levels[deeper].restart if deeper in levels else None
            if ilvl < (deeper if restart is None else restart):
                del counts[deeper]
        lvl = levels[ilvl]
        if lvl.fmt == "bullet":
            return None

        def number(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            other = levels.get(k, _Level())
            value = counts.get(k, starts.get(k, other.start))
            return _format(value, "decimal" if lvl.legal and other.fmt != "none" else other.fmt)

        return re.sub(r"%([1-9])", number, lvl.text).strip() or None


def _level(lvl) -> _Level:
    restart = _val(lvl, "lvlRestart")
    return _Level(
        start=int(_val(lvl, "start") or 1),
        fmt=_val(lvl, "numFmt") or "decimal",
        text=lvl_text if (lvl_text := _val(lvl, "lvlText")) is not None else "%1.",
        restart=int(restart) if restart is not None else None,
        legal=lvl.find(w("isLgl")) is not None,
        style=_val(lvl, "pStyle"),
    )


def _format(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(n)
        return roman.lower() if fmt == "lowerRoman" else roman
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return str(n)  # decimal, and the rare formats (ordinal, cardinalText) as figures


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += letters
            n -= value
    return out


# ---- the text --------------------------------------------------------------------------------


@dataclass
class _Para:
    pieces: list = field(default_factory=list)  # (text, italic) or ("fn", footnote id)
    num_id: str | None = None
    ilvl: int | None = None
    style: str | None = None
    mark_removed: bool = False  # the paragraph mark is not there in this view: runs on
    revisions: list[Revision] = field(default_factory=list)
    comment_ids: list[str] = field(default_factory=list)  # comments whose range starts here

    def has_text(self) -> bool:
        return any(p[0] == "fn" or p[0].strip() for p in self.pieces)


class _Reader:
    deadline = float("inf")  # time.monotonic() after which reading is refused
    name = "document"

    def __init__(self, view: str, styles: _Styles, numbering: _Numbering, footnotes, comments=None) -> None:
        self.view = view
        self.styles = styles
        self.numbering = numbering
        self.footnote_xml = {}
        if footnotes is not None:
            for fn in footnotes.iter(w("footnote")):
                if fn.get(w("type")) in (None, "normal"):
                    self.footnote_xml[fn.get(w("id"))] = fn
        self.footnote_order: list[str] = []  # footnote ids in the order their marks appear
        self.insertions = 0
        self.deletions = 0
        self.comments = 0
        self.flag_comments: dict[str, str] = {}  # a draft's flags, by comment id
        self.endnotes = 0
        self._fields: list[str] = []  # complex fields: "code" until w:separate, then "result"
        self.comment_xml = {c.get(w("id")): c for c in comments.iter(w("comment"))} if comments is not None else {}
        self._anchors: dict[str, list[str]] = {}  # comment id -> the words of its range so far
        self._open: set[str] = set()  # comment ranges not yet ended
        self.annotated: list[Annotated] = []  # filled by body(): paragraphs with revisions or comments

    # -- blocks

    def body(self, body) -> list[str]:
        paras = _merge_removed_marks(list(self._paragraphs(body)))
        blocks = []
        for p in paras:
            label = self._label(p)
            text = self._render(p.pieces)
            if not text:
                continue  # an empty numbered paragraph still counted, as Word prints its number
            blocks.append(f"{label} {text}" if label else text)
            if p.revisions or p.comment_ids:
                self.annotated.append(Annotated(text, list(p.revisions), [self._comment(c) for c in p.comment_ids]))
        for k, fid in enumerate(self.footnote_order, start=1):
            fn = self.footnote_xml.get(fid)
            pieces = []
            for p in self._paragraphs(fn) if fn is not None else []:
                if p.has_text():
                    pieces.extend(p.pieces + [(" ", False)])
            text = self._render(pieces)
            if text:
                blocks.append(f"{str(k).translate(SUPERSCRIPT)} {text}")
        return blocks

    def _comment(self, cid: str) -> Comment:
        xml = self.comment_xml.get(cid)
        words = " ".join(p.strip() for p in ("".join(t.text or "" for t in para.iter(w("t")))
                                               for para in xml.iter(w("p"))) if p.strip()) if xml is not None else ""
        anchor = re.sub(r"\s+", " ", "".join(self._anchors.get(cid, []))).strip()
        return Comment(text=words, anchor=anchor, author=xml.get(w("author")) if xml is not None else None,
                       date=xml.get(w("date")) if xml is not None else None)

    def notes(self, as_original: bool) -> list[str]:
        notes = []
        if self.insertions or self.deletions:
            how = ("read as original, before the changes" if as_original
                   else "read with all changes accepted (--as-original for the text before them)")
            notes.append(f"tracked changes: {self.insertions} insertions, {self.deletions} deletions; {how}")
        if self.comments:
            notes.append(f"{self.comments} comment{'s' if self.comments > 1 else ''} kept apart from the text")
        if self.endnotes:
            notes.append(f"{self.endnotes} endnote{'s' if self.endnotes > 1 else ''} ignored")
        return notes

    def _paragraphs(self, container):
        for child in container:
            tag = child.tag
            if tag == w("p"):
                yield self._paragraph(child)
            elif tag == w("sdt"):
                content = child.find(w("sdtContent"))
                if content is not None:
                    yield from self._paragraphs(content)
            elif tag == w("customXml"):
                yield from self._paragraphs(child)
            # w:tbl (the UN's header block, annex tables), w:sectPr, bookmarks: not the text

    def _paragraph(self, p) -> _Para:
        if time.monotonic() > self.deadline:
            raise limits.LimitError(
                f"{self.name}: refused: reading it takes more than {limits.MAX_SECONDS:g} s (a Word bomb?)")
        ppr = p.find(w("pPr"))
        mark = ppr.find(w("rPr")) if ppr is not None else None
        para = _Para()
        if mark is not None:
            inserted = mark.find(w("ins")) is not None or mark.find(w("moveTo")) is not None
            deleted = mark.find(w("del")) is not None or mark.find(w("moveFrom")) is not None
            self.insertions += inserted
            self.deletions += deleted
            para.mark_removed = (inserted and self.view == ORIGINAL) or (deleted and self.view == ACCEPTED)
        if ppr is not None and self.view == ORIGINAL:
            change = ppr.find(f"{w('pPrChange')}/{w('pPr')}")
            if change is not None:
                ppr = change  # numbering or style as they were before the change
        para.style = _val(ppr, "pStyle")
        num_pr = ppr.find(w("numPr")) if ppr is not None else None
        style_num, style_lvl = self.styles.num_pr(para.style)
        num_id = _val(num_pr, "numId") if num_pr is not None else None
        ilvl: str | int | None = _val(num_pr, "ilvl") if num_pr is not None else None
        para.num_id = num_id if num_id is not None else style_num
        if ilvl is None:
            ilvl = style_lvl
        if ilvl is None:
            ilvl = self.numbering.level_for_style(para.style)
        para.ilvl = int(ilvl or 0)
        self._inline(p, para)
        return para

    def _label(self, p: _Para) -> str | None:
        return self.numbering.label(p.num_id, p.ilvl or 0)

    # -- runs

    def _inline(self, parent, para: _Para) -> None:
        for child in parent:
            tag = child.tag
            if tag == w("r"):
                self._run(child, para)
            elif tag in (w("ins"), w("moveTo")):
                self.insertions += 1
                self._revision(child, para, "insertion", "t")
                if self.view == ACCEPTED:
                    self._inline(child, para)
            elif tag in (w("del"), w("moveFrom")):
                self.deletions += 1
                self._revision(child, para, "deletion", "delText")
                if self.view == ORIGINAL:
                    self._inline(child, para)
            elif tag == w("sdt"):
                content = child.find(w("sdtContent"))
                if content is not None:
                    self._inline(content, para)
            elif tag in (w("hyperlink"), w("smartTag"), w("customXml"), w("fldSimple"), w("dir"), w("bdo")):
                # fldSimple's runs are the field's shown result
                self._inline(child, para)
            elif tag == w("commentRangeStart") and child.get(w("id")) not in self.flag_comments:
                self.comments += 1
                cid = child.get(w("id"))
                self._anchors[cid] = []
                self._open.add(cid)
                para.comment_ids.append(cid)
            elif tag == w("commentRangeEnd"):
                self._open.discard(child.get(w("id")))
            # pPr, bookmarks, proofing marks, comment ranges, math, drawings: not the text

    def _revision(self, el, para: _Para, kind: str, text_tag: str) -> None:
        """Keep who proposed the change and when, whichever view of the text is read."""
        text = "".join(t.text or "" for t in el.iter(w(text_tag)))
        if text:
            para.revisions.append(Revision(kind=kind, text=text, author=el.get(w("author")), date=el.get(w("date"))))

    def _run(self, r, para: _Para) -> None:
        rpr = r.find(w("rPr"))
        if rpr is not None and self.view == ORIGINAL:
            old = rpr.find(f"{w('rPrChange')}/{w('rPr')}")
            rpr = old if old is not None else rpr
        hidden = bool(_flag(rpr, "vanish"))
        italic = _flag(rpr, "i")
        if italic is None:
            italic = self.styles.italic(_val(rpr, "rStyle"), para.style)
        superscript = _val(rpr, "vertAlign") == "superscript"
        custom_mark = False
        for c in r:
            tag = c.tag
            if tag == w("fldChar"):
                kind = c.get(w("fldCharType"))
                if kind == "begin":
                    self._fields.append("code")
                elif kind == "separate" and self._fields:
                    self._fields[-1] = "result"
                elif kind == "end" and self._fields:
                    self._fields.pop()
                continue
            if hidden or "code" in self._fields:
                continue  # a field's instructions, hidden text
            if tag in (w("t"), w("delText")):
                text = c.text or ""
                if custom_mark:
                    custom_mark = False  # the custom footnote mark itself: numbered below
                    continue
                if superscript and text.strip().isdigit():
                    text = text.translate(SUPERSCRIPT)  # a typed footnote mark
                para.pieces.append((text, italic))
                for cid in self._open:
                    self._anchors[cid].append(text)
            elif tag in (w("tab"), w("ptab"), w("br"), w("cr")):
                para.pieces.append((" ", False))
            elif tag == w("noBreakHyphen"):
                para.pieces.append(("-", italic))
            elif tag == w("footnoteReference"):
                fid = c.get(w("id"))
                custom_mark = c.get(w("customMarkFollows"), "0").lower() in ("1", "true", "on")
                if fid not in self.footnote_order:
                    self.footnote_order.append(fid)
                para.pieces.append(("fn", fid))
            elif tag == w("commentReference") and c.get(w("id")) in self.flag_comments:
                # A draft's flag: given to the text reader as its marker, which it takes out of
                # the text as an annotation (as in a Markdown draft).
                para.pieces.append((" " + self.flag_comments[c.get(w("id"))], False))
            elif tag == w("endnoteReference"):
                self.endnotes += 1  # resolutions have none; say so rather than mix them in
            # instrText, footnoteRef (a footnote's own mark), softHyphen, drawings: nothing printed

    def _render(self, pieces) -> str:
        """Pieces to one line: italics as *...*, footnote marks as superscript numbers."""
        out: list[str] = []
        italic_buf: list[str] = []

        def flush() -> None:
            if italic_buf:
                out.append(_emphasis("".join(italic_buf)))
                italic_buf.clear()

        for piece in pieces:
            if piece[0] == "fn":
                flush()
                mark = str(self.footnote_order.index(piece[1]) + 1).translate(SUPERSCRIPT)
                if out and out[-1][-1:] in "⁰¹²³⁴⁵⁶⁷⁸⁹":
                    out.append(" ")  # two marks side by side stay two marks
                out.append(mark)
            elif piece[1]:
                italic_buf.append(piece[0])
            else:
                flush()
                out.append(piece[0])
        flush()
        return re.sub(r"\s+", " ", "".join(out)).strip()


def _emphasis(text: str) -> str:
    """``*text*`` with the spaces outside the stars; no stars around spaces or punctuation."""
    core = text.strip()
    if not re.search(r"\w", core) or "*" in core:
        return text
    lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()):]
    return f"{lead}*{core}*{trail}"


def _merge_removed_marks(paras: list[_Para]) -> list[_Para]:
    """A paragraph whose mark was deleted (accepted view) or inserted (original) runs on into
    the next one; the joined paragraph keeps the numbering of the one that has text."""
    out: list[_Para] = []
    carry: _Para | None = None
    for p in paras:
        if carry is not None:
            keep = carry if carry.has_text() else p
            p = _Para(pieces=carry.pieces + p.pieces, num_id=keep.num_id, ilvl=keep.ilvl, style=keep.style,
                      mark_removed=p.mark_removed, revisions=carry.revisions + p.revisions,
                      comment_ids=carry.comment_ids + p.comment_ids)
            carry = None
        if p.mark_removed:
            carry = p
        else:
            out.append(p)
    if carry is not None:
        out.append(carry)
    return out


# ---- who proposed what: annotations onto the parsed paragraphs -------------------------------------


def annotate(res: Resolution, annotated: list[Annotated]) -> Resolution:
    """The parsed resolution with each Word paragraph's revisions and comments on the model
    paragraph (or sub-paragraph) it became, found by its words, in document order."""
    if not annotated:
        return res
    from resodiff.readers.clean import strip_markup
    from resodiff.readers.negotiation import margin_label

    flat = list(_flatten(res.paragraphs))
    keys = [_squash(p.text) for p in flat]
    extra: dict[str, tuple[list[Revision], list[Comment]]] = {}
    cursor = 0
    for block in annotated:
        text = strip_markup(block.text)
        if (labelled := margin_label(text)) is not None:
            text = labelled[1]
        text = re.sub(r"^(?:\d{1,3}\.|\([a-z]{1,2}\)|\([ivx]{1,5}\)|[a-z]\))\s+", "", text)
        snippet = _squash(text)[:40]
        found = next((i for i in [*range(cursor, len(flat)), *range(cursor)] if snippet and snippet in keys[i]), None)
        if found is None:
            continue  # a paragraph that is not the resolution's text (a heading, a note to delegations)
        cursor = found
        revs, coms = extra.setdefault(flat[found].id, ([], []))
        revs.extend(block.revisions)
        coms.extend(block.comments)

    def put(p: Paragraph) -> Paragraph:
        subs = tuple(put(s) for s in p.subparagraphs)
        revs, coms = extra.get(p.id, ([], []))
        if not revs and not coms and subs == p.subparagraphs:
            return p
        return replace(p, subparagraphs=subs, revisions=p.revisions + tuple(revs), comments=p.comments + tuple(coms))

    return replace(res, preamble=tuple(put(p) for p in res.preamble), operative=tuple(put(p) for p in res.operative))


def _flatten(paras):
    for p in paras:
        yield p
        yield from _flatten(p.subparagraphs)


def _squash(text: str) -> str:
    return re.sub(r"\W+", "", text).lower()
