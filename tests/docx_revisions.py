"""Reading a .docx's tracked changes back, independently of resodiff's writer.

``resolve(path, "accept")`` does what Word's "Accept all changes" does to the text: drop every
``w:del``, unwrap every ``w:ins``, and join a paragraph whose mark was deleted with the next
one; ``"reject"`` is the reverse (drop ``w:ins``, restore ``w:del``, join paragraphs whose mark
was inserted). Footnotes referenced from the remaining text are resolved the same way.
``dump(path)`` is a readable listing of the revisions, for pinning.
"""

from __future__ import annotations

import copy
import zipfile
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
Q = lambda tag: f"{{{W}}}{tag}"  # noqa: E731


def _parts(path: Path) -> dict[str, etree._Element]:
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        return {name: etree.fromstring(z.read(name)) for name in
                ("word/document.xml", "word/styles.xml", "word/footnotes.xml", "word/comments.xml",
                 "word/numbering.xml") if name in names}


def _list_starts(numbering: etree._Element | None) -> dict[str, int]:
    """numId -> the number its list starts at (decimal lists, level 0)."""
    if numbering is None:
        return {}
    starts = {}
    for a in numbering.findall(Q("abstractNum")):
        start = a.find(f"{Q('lvl')}/{Q('start')}")
        starts[a.get(Q("abstractNumId"))] = int(start.get(Q("val"))) if start is not None else 1
    return {n.get(Q("numId")): starts.get(n.find(Q("abstractNumId")).get(Q("val")), 1)
            for n in numbering.findall(Q("num"))}


def _num_id(p: etree._Element, mode: str) -> str | None:
    """The list a paragraph is numbered in, once all revisions are accepted or rejected (a
    paragraph's former properties, ``w:pPrChange``, come back when rejected)."""
    ppr = p.find(Q("pPr"))
    if ppr is None:
        return None
    if mode == "reject" and ppr.find(f"{Q('pPrChange')}/{Q('pPr')}") is not None:
        ppr = ppr.find(f"{Q('pPrChange')}/{Q('pPr')}")
    num = ppr.find(f"{Q('numPr')}/{Q('numId')}")
    return num.get(Q("val")) if num is not None else None


def _style_names(styles: etree._Element) -> dict[str, str]:
    return {s.get(Q("styleId")): s.find(Q("name")).get(Q("val")) for s in styles.iter(Q("style"))}


def _mark(p: etree._Element) -> str | None:
    """"ins" / "del" when the paragraph mark itself is a revision."""
    rpr = p.find(f"{Q('pPr')}/{Q('rPr')}")
    if rpr is None:
        return None
    if rpr.find(Q("ins")) is not None or rpr.find(Q("moveTo")) is not None:
        return "ins"
    if rpr.find(Q("del")) is not None or rpr.find(Q("moveFrom")) is not None:
        return "del"
    return None


def _apply(el: etree._Element, mode: str) -> etree._Element:
    """A copy of ``el`` with every run-level revision accepted or rejected."""
    el = copy.deepcopy(el)
    # A move (LibreOffice writes one where a deleted paragraph comes back elsewhere) is a
    # deletion at its old place and an insertion at its new one.
    drop, keep = (("del", "moveFrom"), ("ins", "moveTo")) if mode == "accept" else (("ins", "moveTo"), ("del", "moveFrom"))
    for node in list(el.iter(*map(Q, drop))):
        if node.getparent() is not None and node.getparent().tag != Q("rPr"):
            node.getparent().remove(node)
    for node in list(el.iter(*map(Q, keep))):
        parent = node.getparent()
        if parent is None or parent.tag == Q("rPr"):
            continue
        at = parent.index(node)
        for child in reversed(list(node)):
            parent.insert(at, child)
        parent.remove(node)
    for t in el.iter(Q("delText")):
        t.tag = Q("t")
    return el


def _text(el: etree._Element) -> tuple[str, list[str]]:
    """The text of a paragraph (tabs as "\\t") and the footnotes it calls, in order."""
    out, notes = [], []
    for node in el.iter(Q("t"), Q("tab"), Q("br"), Q("footnoteReference")):
        if node.tag == Q("t"):
            out.append(node.text or "")
        elif node.tag == Q("tab") and node.getparent().tag == Q("r"):
            out.append("\t")
        elif node.tag == Q("br"):
            out.append("\n")
        elif node.tag == Q("footnoteReference"):
            notes.append(node.get(Q("id")))
    return "".join(out), notes


def resolve(path: Path, mode: str) -> tuple[list[tuple[str, str]], list[str]]:
    """Paragraphs ``(style name, text)`` and footnote texts (in call order) after accepting
    (``mode="accept"``) or rejecting all revisions; a paragraph in a Word list starts with its
    number and a tab, counted as Word counts the paragraphs left."""
    parts = _parts(path)
    names = _style_names(parts["word/styles.xml"])
    body = parts["word/document.xml"].find(Q("body"))
    joined = "del" if mode == "accept" else "ins"
    paragraphs: list[tuple[str, str]] = []
    calls: list[str] = []
    carry = ""
    starts = _list_starts(parts.get("word/numbering.xml"))
    counted: dict[str, int] = {}
    for p in body.findall(Q("p")):
        text, notes = _text(_apply(p, mode))
        calls += notes
        if _mark(p) == joined:  # this paragraph's mark is gone: it runs on into the next
            carry += text
            continue
        num_id = _num_id(p, mode)
        if num_id is not None:  # Word's number, as the list's "%1." and its tab print it
            counted[num_id] = counted.get(num_id, starts.get(num_id, 1) - 1) + 1
            carry = f"{counted[num_id]}.\t" + carry
        ps = p.find(f"{Q('pPr')}/{Q('pStyle')}")
        if mode == "reject" and p.find(f"{Q('pPr')}/{Q('pPrChange')}/{Q('pPr')}") is not None:
            ps = p.find(f"{Q('pPr')}/{Q('pPrChange')}/{Q('pPr')}/{Q('pStyle')}")  # the style before
        style = names.get(ps.get(Q("val")), ps.get(Q("val"))) if ps is not None else "Normal"
        paragraphs.append((style, carry + text))
        carry = ""
    assert carry == "", "text left after the last paragraph"
    footnotes = {}
    if "word/footnotes.xml" in parts:
        for fn in parts["word/footnotes.xml"].findall(Q("footnote")):
            footnotes[fn.get(Q("id"))] = _text(_apply(fn, mode))[0].strip()
    return paragraphs, [footnotes[c] for c in calls]


def _show(el: etree._Element, comments: dict[str, str], formatting: bool = False) -> str:
    out = []
    for node in el:
        tag = etree.QName(node).localname
        if tag in ("ins", "del"):
            inner = _show(node, comments, formatting)
            out.append(f"{{+{inner}+}}" if tag == "ins" else f"[-{inner}-]")
        elif tag == "r":
            for child in node:
                ctag = etree.QName(child).localname
                if ctag in ("t", "delText"):
                    italic = formatting and node.find(f"{Q('rPr')}/{Q('i')}") is not None
                    out.append(f"*{child.text or ''}*" if italic else child.text or "")
                elif ctag == "tab":
                    out.append("⇥")
                elif ctag == "footnoteReference":
                    out.append(f"^[{child.get(Q('id'))}]")
                elif ctag == "commentReference":
                    out.append(f" «{comments.get(child.get(Q('id')), '?')}»")
        elif tag == "hyperlink":
            out.append(_show(node, comments, formatting))
    return "".join(out)


def dump(path: Path, *, formatting: bool = False) -> str:
    """Every paragraph as ``[style] text`` with {+insertions+}, [-deletions-], *italics*, ^[footnote]
    calls, «comments» and the paragraph mark's revision (¶+ / ¶-); a paragraph in a Word list
    with ``#numId`` (``#now/before`` where only rejecting numbers it) and italic runs as
    ``*…*`` when ``formatting``; then the footnotes."""
    parts = _parts(path)
    names = _style_names(parts["word/styles.xml"])
    comments = {}
    if "word/comments.xml" in parts:
        for c in parts["word/comments.xml"].findall(Q("comment")):
            comments[c.get(Q("id"))] = "".join(t.text or "" for t in c.iter(Q("t")))
    lines = []
    for p in parts["word/document.xml"].find(Q("body")).findall(Q("p")):
        ps = p.find(f"{Q('pPr')}/{Q('pStyle')}")
        style = names.get(ps.get(Q("val")), ps.get(Q("val"))) if ps is not None else "Normal"
        mark = {"ins": " ¶+", "del": " ¶-"}.get(_mark(p), "")
        now, before = _num_id(p, "accept"), _num_id(p, "reject")
        numbered = (f"#{now} " if now == before else f"#{now or '-'}/{before or '-'} ") if now or before else ""
        lines.append(f"[{style}] {numbered if formatting else ''}{_show(p, comments, formatting)}{mark}")
    if "word/footnotes.xml" in parts:
        lines.append("")
        lines.append("Footnotes:")
        for fn in parts["word/footnotes.xml"].findall(Q("footnote")):
            if fn.get(Q("type")):
                continue
            lines.append(f"[{fn.get(Q('id'))}] " + "".join(_show(p, comments, formatting)
                                                            for p in fn.findall(Q("p"))).strip())
    return "\n".join(lines) + "\n"


def revisions(path: Path) -> list[tuple[str, str, str]]:
    """(tag, author, date) of every revision in the main text and the footnotes."""
    parts = _parts(path)
    out = []
    for name in ("word/document.xml", "word/footnotes.xml"):
        if name in parts:
            for node in parts[name].iter(Q("ins"), Q("del")):
                out.append((etree.QName(node).localname, node.get(Q("author")), node.get(Q("date"))))
    return out
