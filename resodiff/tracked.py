"""Tracked changes written into an existing Word document, inside its own paragraphs.

The GA's submission rule: a draft based on an earlier resolution is the earlier text (the
official A/RES Word file, or the previous L. draft for a revision) with every change shown as
a Word tracked change. So this module never rebuilds a document: it opens the package, finds
each paragraph it has to change by its text, and rewrites only the runs the change touches -
deleted words wrapped in ``w:del`` (their ``w:t`` become ``w:delText``), new words in a
``w:ins`` run that copies the formatting of the run it stands by - leaving styles, numbering,
headers, sections and footnotes as they were. Footnote texts are tracked the same way in
``word/footnotes.xml``; flags become Word comments over their paragraph. Every revision is by
author "resodiff" with one date (ECMA-376 Part 1, 17.13).

    edits = Edits(paragraphs=[Change(old, new, comments), ...], footnotes=[Change(...), ...])
    data = track(base_docx_bytes, edits, language="fr")

``tracked_draft`` builds the edits of a next-session draft; ``tracked_revision`` those of a
revised draft (OLD.docx -> NEW) from the aligned rows.
"""

from __future__ import annotations

import copy
import difflib
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, UTC
from pathlib import Path

from lxml import etree

from resodiff.docx_write import W, w_element, w_sub
from resodiff.errors import DraftError
from resodiff.languages import typeset
from resodiff.readers.clean import normalise
from resodiff.worddiff import token_key, tokenize

AUTHOR = "resodiff"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
REL = "http://schemas.openxmlformats.org/package/2006/relationships"
RT_BASE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
COMMENTS_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


@dataclass(frozen=True)
class Change:
    """One paragraph (or footnote) of the base text and what it becomes.

    ``old`` is its text as resodiff reads it (no number, no footnote marks); ``new`` None
    deletes the paragraph. ``comments``: lines of a comment put over it (a flag)."""

    old: str
    new: str | None
    comments: tuple[str, ...] = ()
    optional: bool = False  # a header line: changed where the document has it, else left alone
    name: str = ""  # what an error message calls it: "OP12"


@dataclass(frozen=True)
class Insert:
    """A paragraph that only the new text has, put after the paragraph whose text is ``after``
    (None: before the first), shaped like that one."""

    after: str | None
    text: str
    comments: tuple[str, ...] = ()


@dataclass
class Edits:
    paragraphs: list[Change] = field(default_factory=list)
    footnotes: list[Change] = field(default_factory=list)  # in the order of their calls
    inserts: list[Insert] = field(default_factory=list)


# ---- the package ------------------------------------------------------------------------------


class _Package:
    """The parts of a .docx, as bytes, with the few we edit parsed."""

    def __init__(self, data: bytes, name: str):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                self.order = z.namelist()
                self.parts = {n: z.read(n) for n in self.order}
        except zipfile.BadZipFile:
            raise DraftError(f"{name}: not a Word (.docx) file") from None
        if "word/document.xml" not in self.parts:
            raise DraftError(f"{name}: not a Word (.docx) file (no word/document.xml)")
        self.document = etree.fromstring(self.parts["word/document.xml"])
        self.rels = etree.fromstring(self.parts.get("word/_rels/document.xml.rels",
                                                    f'<Relationships xmlns="{REL}"/>'.encode()))
        notes = self._target("footnotes")
        self.footnotes_name = notes
        self.footnotes = etree.fromstring(self.parts[notes]) if notes and notes in self.parts else None

    def _target(self, kind: str) -> str | None:
        for rel in self.rels:
            if rel.get("Type") == RT_BASE + kind:
                target = (rel.get("Target") or "").lstrip("/")
                return target if target.startswith("word/") else "word/" + target
        return None

    def comments_root(self) -> etree._Element:
        name = self._target("comments")
        if name and name in self.parts:
            self.comments_name = name
            return etree.fromstring(self.parts[name])
        self.comments_name = "word/comments.xml"
        ids = [int(re.sub(r"\D", "", r.get("Id") or "") or 0) for r in self.rels]
        rel = etree.SubElement(self.rels, f"{{{REL}}}Relationship")
        rel.set("Id", f"rId{max(ids, default=0) + 1}")
        rel.set("Type", RT_BASE + "comments")
        rel.set("Target", "comments.xml")
        types = etree.fromstring(self.parts["[Content_Types].xml"])
        over = etree.SubElement(types, f"{{{CT}}}Override")
        over.set("PartName", "/word/comments.xml")
        over.set("ContentType", COMMENTS_TYPE)
        self.parts["[Content_Types].xml"] = _xml(types)
        return w_element("comments")

    def save(self, comments: etree._Element | None) -> bytes:
        self.parts["word/document.xml"] = _xml(self.document)
        if self.footnotes is not None and self.footnotes_name:
            self.parts[self.footnotes_name] = _xml(self.footnotes)
        self.parts["word/_rels/document.xml.rels"] = _xml(self.rels)
        if comments is not None:
            self.parts[self.comments_name] = _xml(comments)
        self._track_revisions()
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            names = self.order + [n for n in self.parts if n not in self.order]
            for name in names:
                z.writestr(name, self.parts[name])
        return out.getvalue()

    def _track_revisions(self) -> None:
        """Word goes on tracking what the drafter changes next (w:trackRevisions in settings)."""
        name = self._target("settings")
        if not name or name not in self.parts:
            return
        settings = etree.fromstring(self.parts[name])
        if settings.find(q("trackRevisions")) is None:
            settings.insert(0, w_element("trackRevisions"))
        self.parts[name] = _xml(settings)


def _xml(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# ---- the text of a paragraph, character by character ------------------------------------------

_FOLD = str.maketrans({"\t": " ", "\n": " "})


@dataclass
class _Char:
    node: etree._Element  # the w:t (or w:tab) it is in
    offset: int


def _inside_deletion(node: etree._Element, stop: etree._Element) -> bool:
    parent = node.getparent()
    while parent is not None and parent is not stop:
        if parent.tag in (q("del"), q("moveFrom")):
            return True
        parent = parent.getparent()
    return False


def _chars(container: etree._Element) -> tuple[str, list[_Char]]:
    """The text of ``container`` as read (deleted text left out, tabs as spaces) and where each
    character is in the XML."""
    text: list[str] = []
    where: list[_Char] = []
    for node in container.iter(q("t"), q("tab")):
        parent = node.getparent()
        if parent is None or parent.tag != q("r") or _inside_deletion(node, container):
            continue
        s = "\t" if node.tag == q("tab") else (node.text or "")
        for k, ch in enumerate(s):
            text.append(ch)
            where.append(_Char(node, k))
    return "".join(text), where


def _key(text: str) -> tuple[str, list[int]]:
    """``text`` as the readers see it (``normalise``d, white space collapsed, trimmed) and, for
    each character of that key, its index in ``text``."""
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        mapped = normalise(ch).translate(_FOLD)
        if not mapped:
            continue
        if mapped == " " and (not out or out[-1] == " "):
            continue
        out.append(mapped)
        index.append(i)
    while out and out[-1] == " ":
        out.pop()
        index.pop()
    return "".join(out), index


def _plain(text: str) -> str:
    return _key(text)[0]


# ---- the edits of one paragraph ---------------------------------------------------------------


def _edits(old: str, new: str) -> list[tuple[int, int, str]]:
    """Word-level (start, end, new text) edits that turn ``old`` into ``new``, in ``old``'s offsets."""
    a, b = tokenize(old), tokenize(new)
    matcher = difflib.SequenceMatcher(None, [token_key(t) for t in a], [token_key(t) for t in b], autojunk=False)
    starts = [0]
    for t in a:
        starts.append(starts[-1] + len(t))
    out = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "equal":
            out.append((starts[i1], starts[i2], "".join(b[j1:j2])))
    return out


class _Writer:
    def __init__(self, date: str, language: str):
        self.date = date
        self.language = language
        self.revision = 0
        self.comment_id = 0

    def mark(self, tag: str) -> etree._Element:
        self.revision += 1
        return w_element(tag, id=str(1000 + self.revision), author=AUTHOR, date=self.date)

    # -- runs

    def _run_of(self, node: etree._Element) -> etree._Element:
        run = node.getparent()
        assert run is not None  # a w:t or w:tab found by _chars is in a run
        return run

    def split_before(self, container: etree._Element, index: int) -> None:
        """Cut the run holding character ``index`` so that the character starts a run."""
        _, where = _chars(container)
        if index >= len(where):
            return
        c = where[index]
        run = self._run_of(c.node)
        children = [ch for ch in run if ch.tag != q("rPr")]
        first_text = next((ch for ch in children if ch.tag in (q("t"), q("tab"))), None)
        if c.offset == 0 and c.node is first_text:
            return  # already the start of its run
        head = copy.deepcopy(run)
        for ch in [ch for ch in head if ch.tag != q("rPr")]:
            head.remove(ch)
        pos = children.index(c.node)
        for ch in children[:pos]:
            run.remove(ch)
            head.append(ch)
        if c.offset:
            t = w_sub(head, "t")
            t.text = (c.node.text or "")[: c.offset]
            t.set(XML_SPACE, "preserve")
            c.node.text = (c.node.text or "")[c.offset:]
            c.node.set(XML_SPACE, "preserve")
        run.addprevious(head)

    def runs_between(self, container: etree._Element, start: int, end: int) -> list[etree._Element]:
        _, where = _chars(container)
        runs: list[etree._Element] = []
        for c in where[start:end]:
            run = self._run_of(c.node)
            if not runs or runs[-1] is not run:
                runs.append(run)
        return runs

    def delete(self, run: etree._Element) -> etree._Element:
        wrapper = self.mark("del")
        run.addprevious(wrapper)
        wrapper.append(run)
        for t in run.findall(q("t")):
            t.tag = q("delText")
        return wrapper

    def new_run(self, like: etree._Element | None, text: str) -> etree._Element:
        run = w_element("r")
        if like is not None and (rpr := like.find(q("rPr"))) is not None:
            rpr = copy.deepcopy(rpr)
            for tag in ("vertAlign", "rStyle"):  # not a footnote mark's look
                for el in rpr.findall(q(tag)):
                    if tag == "rStyle" and "ootnote" not in (el.get(q("val")) or ""):
                        continue
                    rpr.remove(el)
            run.append(rpr)
        for k, part in enumerate(text.split("\t")):
            if k:
                w_sub(run, "tab")
            if part:
                t = w_sub(run, "t")
                t.text = part
                t.set(XML_SPACE, "preserve")
        return run

    def insert(self, run: etree._Element, *, before: etree._Element | None = None,
               after: etree._Element | None = None) -> etree._Element:
        wrapper = self.mark("ins")
        wrapper.append(run)
        if before is not None:
            before.addprevious(wrapper)
        else:
            assert after is not None
            after.addnext(wrapper)
        return wrapper

    # -- one paragraph or footnote

    def change(self, container: etree._Element, old: str, new: str) -> bool:
        """Track ``old`` -> ``new`` inside ``container``, whose text ends with ``old`` (as read).

        Returns False where the container's text does not hold ``old``."""
        text, _ = _chars(container)
        key, index = _key(text)
        old_key, new_plain = _plain(old), _plain(new)
        at = key.rfind(old_key)
        if at < 0 or old_key == "":
            return False
        shown = typeset(new_plain, self.language)
        for start, end, piece in reversed(_edits(old_key, shown)):
            self._edit(container, index, at + start, at + end, piece)
        return True

    def _edit(self, container, index: list[int], start: int, end: int, piece: str) -> None:
        # Key offsets -> offsets in the container's text (the key dropped doubled spaces).
        text, where = _chars(container)
        a = index[start] if start < len(index) else len(text)
        b = index[end - 1] + 1 if end > start else a
        like = None
        anchor_after = None
        if b > a:
            self.split_before(container, b)
            self.split_before(container, a)
            runs = self.runs_between(container, a, b)
            like = runs[0]
            wrappers = [self.delete(r) for r in runs]
            anchor_after = wrappers[-1]
        else:
            _, where = _chars(container)
            if a < len(where):
                self.split_before(container, a)
                _, where = _chars(container)
                like = self._run_of(where[a].node)
                if a > 0:
                    like = self._run_of(where[a - 1].node)  # new words take the look of the words before
                    anchor_after = _outer(like, container)
                else:
                    before = _outer(self._run_of(where[a].node), container)
                    if piece:
                        self.insert(self.new_run(like, piece), before=before)
                    return
            elif where:
                like = self._run_of(where[-1].node)
                anchor_after = _outer(like, container)
        if piece and anchor_after is not None:
            self.insert(self.new_run(like, piece), after=anchor_after)

    def delete_paragraph(self, p: etree._Element) -> None:
        for run in [r for r in p.iter(q("r")) if not _inside_deletion(r, p)]:
            parent = run.getparent()
            if parent is not None and parent.tag in (q("p"), q("hyperlink")):
                self.delete(run)
        self._mark_paragraph(p, "del")

    def _mark_paragraph(self, p: etree._Element, tag: str) -> None:
        ppr = p.find(q("pPr"))
        if ppr is None:
            ppr = w_element("pPr")
            p.insert(0, ppr)
        rpr = ppr.find(q("rPr"))
        if rpr is None:
            rpr = w_sub(ppr, "rPr")
        rpr.insert(0, self.mark(tag))

    def insert_paragraph(self, after: etree._Element, like: etree._Element, text: str) -> etree._Element:
        p = w_element("p")
        if (ppr := like.find(q("pPr"))) is not None:
            ppr = copy.deepcopy(ppr)
            for el in ppr.findall(q("rPr")) + ppr.findall(q("pPrChange")):
                ppr.remove(el)
            p.append(ppr)
        runs = [r for r in like.iter(q("r")) if r.find(q("t")) is not None]
        body_run = runs[-1] if runs else None
        wrapper = self.mark("ins")
        wrapper.append(self.new_run(body_run, typeset(text, self.language)))
        p.append(wrapper)
        self._mark_paragraph(p, "ins")
        after.addnext(p)
        return p


def _outer(run: etree._Element, container: etree._Element) -> etree._Element:
    """The run, or the w:ins/w:hyperlink it sits in directly under the paragraph."""
    node = run
    while (parent := node.getparent()) is not None and parent is not container and parent.tag != q("p"):
        node = parent
    return node


def _comment(writer: _Writer, comments: etree._Element, p: etree._Element, lines) -> None:
    """A Word comment over the whole paragraph ``p``."""
    cid = str(max([int(c.get(q("id")) or 0) for c in comments.findall(q("comment"))], default=-1) + 1)
    comment = w_sub(comments, "comment", id=cid, author=AUTHOR, initials="rd", date=writer.date)
    for line in lines:
        r = w_sub(w_sub(comment, "p"), "r")
        t = w_sub(r, "t")
        t.text = typeset(line, writer.language)
        t.set(XML_SPACE, "preserve")
    ppr = p.find(q("pPr"))
    start = w_element("commentRangeStart", id=cid)
    if ppr is not None:
        ppr.addnext(start)
    else:
        p.insert(0, start)
    p.append(w_element("commentRangeEnd", id=cid))
    ref = w_sub(p, "r")
    w_sub(w_sub(ref, "rPr"), "rStyle", val="CommentReference")
    w_sub(ref, "commentReference", id=cid)


# ---- the whole document -----------------------------------------------------------------------


def _paragraphs(document: etree._Element) -> list[etree._Element]:
    """Body paragraphs in reading order, table cells included."""
    body = document.find(q("body"))
    return list(body.iter(q("p"))) if body is not None else []


def _footnote_order(document: etree._Element, notes: etree._Element | None) -> list[etree._Element]:
    """The footnotes in the order of their calls (Word numbers them so), as w:footnote elements."""
    if notes is None:
        return []
    by_id = {n.get(q("id")): n for n in notes.findall(q("footnote"))}
    out, seen = [], set()
    for ref in document.iter(q("footnoteReference")):
        fid = ref.get(q("id"))
        if fid in seen or _inside_deletion(ref, document) or ref.get(q("customMarkFollows")) in ("1", "true"):
            continue
        seen.add(fid)
        if fid in by_id:
            out.append(by_id[fid])
    return out


def track(data: bytes, edits: Edits, *, language: str, name: str = "the Word file",
          date: str | None = None) -> bytes:
    """The document ``data`` with ``edits`` as tracked changes (see the module's docstring)."""
    pkg = _Package(data, name)
    writer = _Writer(date or datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), language)
    paragraphs = _paragraphs(pkg.document)
    keys = [_key(_chars(p)[0])[0] for p in paragraphs]
    comments = None
    placed: dict[str, etree._Element] = {}
    at = 0
    missing = []
    for change in edits.paragraphs:
        old_key = _plain(change.old)
        found = next((k for k in range(at, len(paragraphs)) if _holds(keys[k], old_key)), None)
        if found is None:
            if not change.optional:
                missing.append(change.name or change.old[:40])
            continue
        if not change.optional:
            at = found + 1
        p = paragraphs[found]
        placed.setdefault(old_key, p)
        if change.new is None:
            writer.delete_paragraph(p)
        elif _plain(change.new) != old_key:
            writer.change(p, change.old, change.new)
        if change.comments:
            if comments is None:
                comments = pkg.comments_root()
            _comment(writer, comments, p, change.comments)
    if missing:
        raise DraftError(f"{name}: cannot find {', '.join(missing[:5])} in the Word file "
                         "(is it the text the draft was made from?)")
    for ins in edits.inserts:
        anchor = placed.get(_plain(ins.after)) if ins.after is not None else None
        if anchor is None:  # before the first paragraph: after the one before it
            first = next(iter(placed.values()), None)
            if first is None:
                continue
            anchor = first.getprevious()
            if anchor is None:
                anchor = first
        added = writer.insert_paragraph(_after_moves(anchor), _shape_of(anchor, placed), ins.text)
        if ins.comments:
            if comments is None:
                comments = pkg.comments_root()
            _comment(writer, comments, added, ins.comments)
    notes = _footnote_order(pkg.document, pkg.footnotes)
    for k, change in enumerate(edits.footnotes):
        number = int(change.name) if change.name.isdigit() else k + 1  # Word numbers notes by their calls
        if change.new is None or _plain(change.new) == _plain(change.old):
            continue
        if number > len(notes) or not writer.change(notes[number - 1], change.old, change.new):
            raise DraftError(f"{name}: cannot find footnote {change.name} in the Word file")
    return pkg.save(comments)


def _shape_of(anchor: etree._Element, placed: dict[str, etree._Element]) -> etree._Element:
    """The paragraph a new one copies its properties from: the one it follows, if that is a
    resolution paragraph, else the first resolution paragraph."""
    if any(p is anchor for p in placed.values()):
        return anchor
    return next(iter(placed.values()))


def _holds(key: str, old_key: str) -> bool:
    """Is this paragraph the one whose text is ``old_key``? (a typed number or label may lead)."""
    if key == old_key:
        return True
    return key.endswith(old_key) and len(key) - len(old_key) <= 8 and re.fullmatch(
        r"\(?[\w.]{1,5}[.)]?\s?", key[: len(key) - len(old_key)]) is not None


def _after_moves(p: etree._Element) -> etree._Element:
    """Insert after ``p`` and after the paragraphs already inserted after it (keep their order)."""
    node = p
    while (nxt := node.getnext()) is not None and nxt.tag == q("p") and _is_inserted(nxt):
        node = nxt
    return node


def _is_inserted(p: etree._Element) -> bool:
    rpr = p.find(f"{q('pPr')}/{q('rPr')}")
    return rpr is not None and rpr.find(q("ins")) is not None


# ---- a next-session draft on its base text ------------------------------------------------------


def tracked_draft(path: Path, source, draft, *, date: str | None = None) -> bytes:
    """The submission file: ``path`` (the text ``draft`` was made from) with the draft's
    technical updates as tracked changes and its flags as comments.

    A Word ``path`` is written on as it is; any other is first laid out as a UN resolution
    (``resodiff.draft_docx``) and that document is the base.
    """
    from resodiff.draft import printed
    from resodiff.draft_docx import render_docx
    from resodiff.readers import sniff

    data = path.read_bytes()
    if sniff(data) != "docx":
        data = render_docx(printed(source))
    return track(data, draft_edits(source, draft), language=draft.language, name=path.name, date=date)


def draft_edits(source, draft) -> Edits:
    """What turns ``source`` into ``draft``: the header lines, each paragraph, each footnote."""
    from resodiff.draft import printed

    base = printed(source)
    edits = Edits()
    for old, new in ((f"{base.organ}\t{base.symbol}", f"{draft.organ}\t{draft.symbol}"),
                     (base.distribution, draft.distribution), (base.date, draft.date),
                     (base.session_line, draft.session_line), (base.agenda_line, draft.agenda_line),
                     (base.title, draft.title)):
        if old and old != new:
            edits.paragraphs.append(Change(old, new, optional=True))
    old_by_id = {p.id: p for p in _walk(source.paragraphs)}
    for p in _walk_draft(draft.paragraphs):
        before = old_by_id.get(p.id)
        if before is None:
            continue
        edits.paragraphs.append(Change(before.text, p.text, (p.marker,) if p.marker else (), name=p.id))
    old_notes = dict(source.footnotes)
    for f in draft.footnotes:
        if f.number in old_notes:
            edits.footnotes.append(Change(old_notes[f.number], f.text, name=f.number))
    return edits


def _walk(paras):
    for p in paras:
        yield p
        yield from _walk(p.subparagraphs)


def _walk_draft(paras):
    for p in paras:
        yield p
        yield from _walk_draft(p.subparagraphs)


# ---- a revised draft (L./Rev.) on the previous draft's own Word file ----------------------------


def tracked_revision(old_path: Path, old, new, *, date: str | None = None) -> bytes:
    """``old_path`` (the previous draft, a Word file) with every change from ``old`` (its text as
    read) to ``new`` as tracked changes in its own paragraphs: the revised draft to submit.

    Paragraphs are paired as ``compare`` pairs them: a modified one is changed where it stands;
    an added one is inserted after the paragraph before it, shaped like that one; a deleted one
    is deleted; a moved, split or merged one is deleted where it stood and inserted where it
    stands, with a comment that says so. Footnotes are tracked where both texts have the same
    number of them (a new paragraph's footnote calls are not written).
    """
    from resodiff.align import align

    rows = align(old, new)
    edits = Edits()
    by_old = {p.id: p for p in old.paragraphs}
    by_new = {p.id: p for p in new.paragraphs}
    anchor: str | None = None  # the old text the next insertion follows

    def last_text(p) -> str:
        subs = list(_walk(p.subparagraphs))
        return subs[-1].text if subs else p.text

    def insert(p, note: str | None) -> None:
        nonlocal anchor
        for k, q_ in enumerate([p, *_walk(p.subparagraphs)]):
            label = _label(q_, new.language)
            edits.inserts.append(Insert(anchor, label + q_.text, (note,) if note and k == 0 else ()))

    for row in rows:
        olds = [by_old[i] for i in row.old if i in by_old]
        news = [by_new[i] for i in row.new if i in by_new]
        if row.status in ("unchanged", "modified") and len(olds) == len(news) == 1:
            o, n = olds[0], news[0]
            edits.paragraphs.append(Change(o.text, n.text, name=o.id))
            old_subs, new_subs = list(_walk(o.subparagraphs)), list(_walk(n.subparagraphs))
            for k, sub in enumerate(old_subs):
                after = new_subs[k].text if k < len(new_subs) else None
                edits.paragraphs.append(Change(sub.text, after, name=sub.id))
            anchor = last_text(o)
            for sub in new_subs[len(old_subs):]:
                edits.inserts.append(Insert(anchor, _label(sub, new.language) + sub.text))
            continue
        for o in olds:
            note = f"{row.status}: {o.id} → {', '.join(row.new)}" if news else None
            edits.paragraphs.append(Change(o.text, None, (note,) if note else (), name=o.id))
            for sub in _walk(o.subparagraphs):
                edits.paragraphs.append(Change(sub.text, None, name=sub.id))
        for n in news:
            insert(n, f"{row.status}: {', '.join(row.old)} → {n.id}" if olds else None)
    # The document is searched in its own order: a moved paragraph is deleted where it stood.
    order = {p.id: k for k, p in enumerate(_walk(old.paragraphs))}
    edits.paragraphs.sort(key=lambda c: order.get(c.name, len(order)))
    if len(old.footnotes) == len(new.footnotes):
        for (number, before), (_, after) in zip(old.footnotes, new.footnotes):
            edits.footnotes.append(Change(before, after, name=number))
    return track(old_path.read_bytes(), edits, language=new.language, name=old_path.name, date=date)


def _label(p, language: str) -> str:
    """A sub-paragraph's label as typed before its text ("a)\t"); "" for a paragraph."""
    from resodiff.languages import profile

    if p.kind != "subparagraph" or not p.number:
        return ""
    words = profile(language).draft
    return (words.sub_label if words else "({})").format(p.number) + "\t"
