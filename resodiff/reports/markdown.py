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
from resodiff.reports.content import Call, Report, Seg
from resodiff.reports.words import FIELDS, describe, metadata, tag_words

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


def items(its) -> str:
    """A paragraph's pieces as one line of Markdown. Neighbouring pieces of one change are
    marked as one stretch (a lead inside a change is not set in italics: nested delimiters
    are where Markdown renderers disagree)."""
    chunks: list[tuple[str, str]] = []  # (op, Markdown text); op "" for text both sides have
    for it in its:
        if isinstance(it, Seg):
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


def _note_lines(report: Report, entry) -> list[str]:
    lines = []
    for k in entry.notes:
        n = report.notes[k]
        if n.status == "deleted":
            number, flag = f"~~{superscript(n.old)}~~", " (footnote deleted)"
        elif n.status == "added":
            number, flag = f"**{superscript(n.new)}**", " (new footnote)"
        else:
            number, flag = superscript(n.new), (f" (was footnote {n.old})" if n.old != n.new else "")
        lines.append(f"> {number} {items(n.segs)}{flag}")
    return lines


def _margin(entry, block, first: bool) -> str:
    if block.new_id:
        parts = [f"**{escape(block.new_id)}**"]
        if block.old_id and block.old_id != block.new_id:
            parts.append(f"was {escape(block.old_id)}")
    else:
        parts = [f"~~{escape(block.old_id or '')}~~"]
    if first or entry.status == "split":
        what = describe(entry)
        if what and what != "modified":
            parts.append(escape(what))
        if first and entry.tags and tag_words(entry.tags):
            parts.append(f"*{escape(tag_words(entry.tags))}*")
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
    out: list[str] = []
    for entry in report.entries:
        if only_changed and not entry.changed:
            continue
        if entry.away:
            out += [f"~~{escape(' + '.join(entry.old))}~~ · *moved from here: now "
                    f"{escape(' + '.join(entry.new))}*", ""]
            continue
        for k, block in enumerate(entry.blocks):
            pilcrow = " ~~¶~~" if block.end == "-" and entry.status == "merged" else ""
            out += [_margin(entry, block, k == 0) + BREAK + _label(block) + items(block.items) + pilcrow, ""]
        if entry.notes:
            out += [BREAK.join(_note_lines(report, entry)), ""]
    return out


def render(report: Report) -> str:
    """The report as one Markdown document."""
    old, new = metadata(report.old), metadata(report.new)
    out: list[str] = [f"# Changes: {escape(old['name'])} → {escape(new['name'])}", ""]
    title = report.new.title or report.old.title
    if title:
        out += [f"**{escape(title)}**", ""]
    out += ["| | Old text | New text |", "|---|---|---|"]
    out += [f"| {label} | {escape(str(old[key]))} | {escape(str(new[key]))} |" for label, key in FIELDS]
    out += ["", "## Summary", "", "| Paragraphs | Rows |", "|---|--:|"]
    out += [f"| {status} | {count} |" for status, count in report.summary.items()]
    notes = report.note_counts()
    out += ["", "Footnotes: " + ", ".join(f"{count} {status}" for status, count in notes.items()) + ".", ""]
    out += ["### Lead verbs changed", ""]
    for c in report.lead_changes:
        was = f" (was {escape(c['old_ids'])})" if c["old_ids"] != c["new_ids"] else ""
        tags = f" ({', '.join(c['tags'])})" if c["tags"] else ""
        out.append(f"- {escape(c['new_ids'])}{was}: ~~*{escape(c['old'] or '')}*~~ → "
                   f"***{escape(c['new'] or '')}***{tags}")
    if not report.lead_changes:
        out.append("None.")
    out += ["", "### References updated", ""]
    for c in report.reference_changes:
        where = escape(c["new_ids"]) if c["new_ids"] else f"{escape(c['old_ids'])} (deleted)"
        removed = f"~~{escape(', '.join(c['removed']))}~~" if c["removed"] else ""
        added = f"**{escape(', '.join(c['added']))}**" if c["added"] else ""
        out.append(f"- {where}: " + " → ".join(p for p in (removed, added) if p))
    if not report.reference_changes:
        out.append("None.")
    out += ["", f"How to read: **inserted text**, ~~deleted text~~; each paragraph starts with its number "
                f"in the new text ({escape(new['name'])}) and, where it differs, in the old "
                f"({escape(old['name'])}).", "", "## The new text with its changes", ""]
    out += entries(report)
    out += ["---", "", f"Made by resodiff {__version__} from {escape(old['file'])} and {escape(new['file'])}."]
    return "\n".join(out) + "\n"
