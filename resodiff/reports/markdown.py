"""The Markdown report: the HTML report's content for email and wikis.

Insertions are **bold**, deletions ~~struck through~~ (GitHub-flavoured Markdown), leads in
*italics*, footnote calls as superscript digits. Resolution text is always escaped: every
character Markdown could read as markup (``* _ [ ] < > { } | ~ ` & ^ $ \\``) gets a backslash,
so a text stays literal when rendered. Where a CommonMark delimiter cannot open or close
(a change that starts with punctuation right after a word), the piece is marked with the
``<ins>``/``<del>`` tags instead, which GitHub, GitLab and most wikis render the same way.
"""

from __future__ import annotations

import re
import unicodedata

from resodiff import __version__
from resodiff.languages import typeset
from resodiff.reports.content import Call, Report, Seg
from resodiff.marks import GAP
from resodiff.reports.pieces import Gap, shown
from resodiff.reports.words import FIELDS, Words, headers, metadata, words_for

_SPECIALS = re.compile(r"([\\`*_\[\]<>{}|~&^$#])")
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
BREAK = "  \n"  # a hard line break inside one Markdown paragraph


def escape(text: str) -> str:
    """``text`` with every Markdown special character backslash-escaped (literal when rendered)."""
    return _SPECIALS.sub(r"\\\1", text)


def superscript(label: str) -> str:
    return label.translate(_SUPERSCRIPT)


def _punct(ch: str) -> bool:
    return bool(ch) and (unicodedata.category(ch).startswith("P") or unicodedata.category(ch).startswith("S"))


def _space(ch: str) -> bool:
    return ch == "" or ch.isspace()


def _delimited(body: str, before: str, after: str) -> bool:
    """Whether ``left body right`` between ``before`` and ``after`` parses as emphasis
    (CommonMark's flanking rules, which GFM strikethrough follows too)."""
    first, last = body[0], body[-1]
    opens = not first.isspace() and (not _punct(first) or _space(before) or _punct(before))
    closes = not last.isspace() and (not _punct(last) or _space(after) or _punct(after))
    return opens and closes


def _wrap(body: str, op: str, before: str, after: str) -> str:
    """A changed stretch (already escaped) marked as inserted or deleted, its outer spaces kept
    outside the delimiters (``** x**`` would not parse). Where the delimiters would not parse -
    CommonMark's flanking rules, or a neighbouring ``*``/``~`` that would join their run - the
    stretch gets ``<ins>``/``<del>`` instead."""
    core = body.strip(" ")
    if not core:
        return body
    lead_sp, trail_sp = body[: len(body) - len(body.lstrip(" "))], body[len(body.rstrip(" ")):]
    before = lead_sp[-1:] or before
    after = trail_sp[:1] or after
    mark = "**" if op == "+" else "~~"
    if mark[0] not in (before, after) and _delimited(core, before, after):
        return f"{lead_sp}{mark}{core}{mark}{trail_sp}"
    tag = "ins" if op == "+" else "del"
    return f"{lead_sp}<{tag}>{core}</{tag}>{trail_sp}"


def _italic(text: str) -> str:
    """A lead (already escaped) in italics, its outer spaces outside the asterisks."""
    core = text.strip(" ")
    if not core:
        return text
    lead_sp, trail_sp = text[: len(text) - len(text.lstrip(" "))], text[len(text.rstrip(" ")):]
    return f"{lead_sp}*{core}*{trail_sp}" if _delimited(core, " ", " ") else text


def items(its, language: str | None = None) -> str:
    """A paragraph's pieces (``pieces.shown``) as one line of Markdown. Neighbouring pieces of
    one change are marked as one stretch (a lead inside a change is not set in italics: nested
    delimiters are where Markdown renderers disagree); a thin space between a deletion and an
    insertion that would touch."""
    chunks: list[tuple[str, str]] = []  # (op, Markdown text); op "" for text both sides have
    for it in shown(its, language):
        if isinstance(it, Gap):
            chunk = ("", GAP)
        elif isinstance(it, Seg):
            op = it.op if it.op != "=" else ""
            text = escape(it.text)
            chunk = (op, _italic(text) if it.lead and not op else text)
        elif isinstance(it, Call):
            chunk = (it.op if it.op != "=" else "", superscript(it.label))
        else:
            chunk = ("", BREAK)
        if chunks and chunk[0] and chunks[-1][0] == chunk[0]:
            chunks[-1] = (chunk[0], chunks[-1][1] + chunk[1])
        else:
            chunks.append(chunk)
    out: list[str] = []
    for k, (op, text) in enumerate(chunks):
        if not op:
            out.append(text)
            continue
        before = out[-1][-1:] if out and out[-1] else " "
        after = next((t[:1] for _, t in chunks[k + 1:] if t), " ")
        out.append(_wrap(text, op, before, after))
    return "".join(out)


def _note_lines(report: Report, entry, w: Words) -> list[str]:
    lines = []
    for k in entry.notes:
        n = report.notes[k]
        if n.status == "deleted":
            number, flag = f"~~{superscript(n.old)}~~", f" ({w('report.footnote_deleted')})"
        elif n.status == "added":
            number, flag = f"**{superscript(n.new)}**", f" ({w('report.new_footnote')})"
        else:
            number, flag = superscript(n.new), (f" ({w('report.was_footnote', n=n.old)})" if n.old != n.new else "")
        lines.append(f"> {number} {items(n.segs, w.language)}{escape(flag)}")
    return lines


def _margin(entry, block, first: bool, w: Words) -> str:
    if block.new_id:
        parts = [f"**{escape(block.new_id)}**"]
        if block.old_id and block.old_id != block.new_id:
            parts.append(escape(w("report.was", id=block.old_id)))
    else:
        parts = [f"~~{escape(block.old_id or '')}~~"]
    if first or entry.status == "split":
        what = w.describe(entry)
        if what and entry.status != "modified":
            parts.append(escape(what))
        if first and entry.tags and w.tag_words(entry.tags):
            parts.append(f"*{escape(w.tag_words(entry.tags))}*")
    return " · ".join(parts)


def _label(block) -> str:
    """The printed number, its dot escaped: "1." after a line break would start a list."""
    new = "".join(s.text for s in block.label if s.op != "-")
    if new:
        return escape(new).replace(".", "\\.") + " "
    if block.label:
        return "~~" + escape("".join(s.text for s in block.label)).replace(".", "\\.") + "~~ "
    return ""


def entries(report: Report, only_changed: bool = False) -> list[str]:
    """The text section: each paragraph as its margin line and its text, then its footnotes."""
    w = words_for(report)
    out: list[str] = []
    for entry in report.entries:
        if only_changed and not entry.changed:
            continue
        if entry.away:
            stub = w("report.moved_from_here", old=" + ".join(entry.old), new=" + ".join(entry.new))
            out += [f"~~{escape(' + '.join(entry.old))}~~ · *{escape(stub)}*", ""]
            continue
        for k, block in enumerate(entry.blocks):
            pilcrow = " ~~¶~~" if block.end == "-" and entry.status == "merged" else ""
            out += [_margin(entry, block, k == 0, w) + BREAK + _label(block)
                    + items(block.items, w.language) + pilcrow, ""]
        if entry.notes:
            out += [BREAK.join(_note_lines(report, entry, w)), ""]
    return out


def render(report: Report) -> str:
    """The report as one Markdown document, in the report's language."""
    w = words_for(report)
    old, new = metadata(report.old, w), metadata(report.new, w)
    heads = headers(report, w)
    out: list[str] = [f"# {escape(w('report.markdown_title', old=old['name'], new=new['name']))}", ""]
    title = report.new.title or report.old.title
    if title:
        out += [f"**{escape(typeset(title, w.language))}**", ""]
    out += ["| | " + " | ".join(f"{escape(heads[k][0])}<br>{escape(heads[k][1])}" for k in ("old", "new")) + " |",
            "|---|---|---|"]
    out += [f"| {escape(w.field(key))} | {escape(str(old[key]))} | {escape(str(new[key]))} |" for key in FIELDS]
    out += ["", f"## {escape(w('report.summary'))}", "",
            f"| {escape(w('report.paragraphs'))} | {escape(w('report.rows'))} |", "|---|--:|"]
    out += [f"| {escape(w.status(status))} | {count} |" for status, count in report.summary.items()]
    notes = ", ".join(f"{count} {w.note_status(status)}" for status, count in report.note_counts().items())
    out += ["", escape(w("report.footnote_counts", counts=notes)), ""]
    out += [f"### {escape(w('report.lead_changes'))}", ""]
    for c in report.lead_changes:
        was = f" ({escape(w('report.was', id=c['old_ids']))})" if c["old_ids"] != c["new_ids"] else ""
        tags = f" ({escape(', '.join(w.tags(c['tags'])))})" if c["tags"] else ""
        out.append(f"- {escape(c['new_ids'])}{was}{escape(w('report.colon'))} ~~*{escape(c['old'] or '')}*~~ → "
                   f"***{escape(c['new'] or '')}***{tags}")
    if not report.lead_changes:
        out.append(escape(w("report.none")))
    out += ["", f"### {escape(w('report.reference_changes'))}", ""]
    for c in report.reference_changes:
        where = escape(c["new_ids"]) if c["new_ids"] else escape(w("report.deleted_ids", ids=c["old_ids"]))
        removed = f"~~{escape(', '.join(c['removed']))}~~" if c["removed"] else ""
        added = f"**{escape(', '.join(c['added']))}**" if c["added"] else ""
        out.append(f"- {where}{escape(w('report.colon'))} " + " → ".join(p for p in (removed, added) if p))
    if not report.reference_changes:
        out.append(escape(w("report.none")))
    legend = escape(w("report.legend_markdown", ins="\x00ins\x00", new=new["name"], old=old["name"],
                      **{"del": "\x00del\x00"}))
    legend = (legend.replace("\x00ins\x00", f"**{escape(w('report.inserted_text'))}**")
              .replace("\x00del\x00", f"~~{escape(w('report.deleted_text'))}~~"))
    out += ["", legend, "", f"## {escape(w('report.text_inline'))}", ""]
    out += entries(report)
    out += ["---", "", escape(w("report.made_by", version=__version__, old=old["file"], new=new["file"]))]
    return "\n".join(out) + "\n"
