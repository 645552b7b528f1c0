"""Text resolutions: the UN text export, PDF-extracted markdown, pdftotext output, fragments.

All four end in the same ``Resolution``. The work goes in stages, each a small function:

    front matter -> unicode clean-up -> footnote definitions out -> header / body split
    -> noise lines out -> lines grouped into paragraphs -> footnote markers tied -> leads

Every language fact comes from the profile (``resodiff.languages``).
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field
from functools import reduce
from itertools import pairwise

from resodiff.errors import ReadError, ReadWarning
from resodiff.fold import fold
from resodiff.languages import CODES, Profile, detect, profile
from resodiff.model import OPERATIVE, PREAMBLE, SUBPARAGRAPH, Paragraph, Resolution
from resodiff.readers import emphasis
from resodiff.readers import footnotes as fn
from resodiff.readers import header as hd
from resodiff.readers import negotiation as neg
from resodiff.readers.clean import is_noise, join_lines, normalise, strip_markup
from resodiff.readers.lines import TERMINAL, Line, cut_closing, ends_complete, split_lines, take_annotations

_OP_NUMBER = re.compile(r"^(?P<num>\d{1,3})\s*\.\s+(?P<rest>\S.*)$")
_SECTION = re.compile(r"^(?P<num>[IVX]{1,5}|[A-H])\.?(?:\s+(?P<title>[^.,;]{0,120}))?$")


@dataclass
class _Para:
    kind: str
    number: str | None = None
    section: str | None = None
    parts: list[str] = field(default_factory=list)
    subs: list[_Para] = field(default_factory=list)
    italic_lead: str | None = None
    inferred: bool = False  # number not printed, inferred from its neighbours
    label: neg.Label | None = None  # a negotiation text's margin label ("PP4 bis")
    status: str | None = None
    status_note: str | None = None
    extracts: list[int] = field(default_factory=list)  # where each further extract starts in parts

    _joined: tuple[tuple[int, int], str] | None = field(default=None, repr=False, compare=False)

    @property
    def text(self) -> str:
        # Asked for after each line is added; lines are only ever appended, so the join is
        # redone only when one came since (it was 12 % of parsing, redone every time).
        key = (len(self.parts), len(self.extracts))
        if self._joined is None or self._joined[0] != key:
            if not self.extracts:
                joined = join_lines(self.parts)
            else:
                bounds = [0, *self.extracts, len(self.parts)]
                joined = reduce(merge_extracts, (join_lines(self.parts[a:b]) for a, b in pairwise(bounds)))
            self._joined = (key, joined)
        return self._joined[1]

    def last(self) -> _Para:
        """The (sub-)paragraph text goes on in."""
        node = self
        while node.subs:
            node = node.subs[-1]
        return node


_ELISION = "(...)"


def merge_extracts(first: str, second: str) -> str:
    """One printed paragraph from two extracts a database kept of it, each eliding with "(...)"
    what the other gives: "Encourages Member States, (...) to continue to observe ..." and
    "Encourages (...) relevant organizations ... and civil society to continue to observe ...".

    Where the second's words before its elision open the first, and the first's words after its
    elision close the second, the two overlap: the paragraph is the first's opening, one
    "(...)" (the words joining them are not known), and the second's close - every word of
    both, none twice. Extracts that do not overlap so are kept whole, one after the other.
    """
    if first.count(_ELISION) == 1 and second.count(_ELISION) == 1:
        first_open, first_close = (part.split() for part in first.split(_ELISION))
        second_open, second_close = (part.split() for part in second.split(_ELISION))
        opens = first_open[:len(second_open)] == second_open
        closes = len(first_close) <= len(second_close) and second_close[len(second_close) - len(first_close):] == first_close
        if opens and closes:
            return " ".join([*first_open, _ELISION, *second_close])
    return f"{first} {second}"


def parse_text(text: str, *, source: str = "<text>", language: str | None = None) -> Resolution:
    """Parse the text of one resolution (or of an operative fragment) into a Resolution."""
    front, body = hd.front_matter(text)
    body = normalise(body)
    code = language or _language(front, body, source)
    prof = profile(code)

    lines = split_lines(body)
    lines, draft_notes = _cut_draft_notes(lines)
    lines, defs = fn.extract_definitions(lines, prof)
    start = _formula_index(lines, prof)
    head_lines = lines[:start] if start is not None else []
    body_lines = lines[start + 1 :] if start is not None else lines
    head = hd.parse_header([ln.text for ln in head_lines], front, prof)

    whole = body_lines
    body_lines, closing = cut_closing(body_lines, prof)
    after_closing = _after_closing(whole[len(body_lines) + 1:], body_lines, closing, source) if closing else ()
    if closing is None:
        # Some extractions push the end of the text into the footnotes (80/57, 80/59).
        body_lines, defs, closing = fn.restore_body(body_lines, defs, prof)
    body_lines = _drop_noise(body_lines, head, prof)

    paras = _group(body_lines, prof, plain=_is_hard_wrapped(body_lines), fragment=start is None)
    paras = _fix_unnumbered_operative(paras)
    if not paras:
        raise ReadError(f"{source}: no preambular or operative paragraphs found (is this a resolution?)")
    if start is None and not any(p.kind == OPERATIVE and p.number for p in paras):
        raise ReadError(f"{source}: no resolution text found (no \"{prof.organ}\" formula, no numbered paragraphs)")

    built = _build(paras, prof)
    raw_notes = {d.number: d.text for d in defs}
    built, footnotes = fn.tie_markers(built, defs, prof)
    built = [neg.with_brackets(p) for p in built]
    preamble = tuple(p for p in built if p.kind == PREAMBLE)
    operative = tuple(p for p in built if p.kind == OPERATIVE)
    notes = list(after_closing)
    if draft_notes:
        notes.append(f"{draft_notes} lines of draft notes after its end, not read as text")
    if flagged := [p.id for p in _walk(preamble + operative) if p.annotations]:
        notes.append(f"flags read as annotations, not text: {', '.join(flagged)}")

    meeting, meeting_date = hd.parse_meeting(closing, prof) if closing else (None, None)
    return Resolution(
        language=code,
        preamble=preamble,
        operative=operative,
        footnotes=tuple(footnotes),
        symbol=head.symbol,
        session=head.session,
        title=head.title,
        agenda_item=head.agenda_item,
        issued=head.issued,
        adopted=head.adopted or meeting_date,
        drafts=tuple(head.drafts),
        meeting=meeting,
        references=tuple(hd.references(preamble + operative, dict(footnotes))),
        source=source,
        source_format=_format_name(front, text, start),
        footnote_emphasis=tuple((n, found) for n, note in footnotes
                                if (found := emphasis.spans(raw_notes.get(n, ""), note))),
        notes=tuple(notes),
    )


_ANNEX = re.compile(r"\W*(?:annex|annexe|anexo)\b", re.IGNORECASE)


def _after_closing(after: list[Line], body: list[Line], closing: str, source: str) -> tuple[str, ...]:
    """What follows the closing meeting line is not body (an annex, usually): say so, never drop
    it silently; warn when it outweighs the body (a resolution's text cut short?)."""
    after = [ln for ln in after if ln.text not in closing]  # the date line is part of the closing
    size = sum(len(ln.text) for ln in after)
    if not size:
        return ()
    if _ANNEX.match(strip_markup(after[0].text)):
        return (f"annex after the closing line not read as paragraphs ({size:,} characters)",)
    note = f"{size:,} characters after the closing line \"{closing}\" not read as paragraphs (an annex?)"
    if size > sum(len(ln.text) for ln in body):
        warnings.warn(ReadWarning(f"{source}: {note}"), stacklevel=3)
    return (note,)


def _walk(paras):
    for p in paras:
        yield p
        yield from _walk(p.subparagraphs)


# ---- a draft's own annotations -------------------------------------------------------------


def _notes_headings() -> set[str]:
    return {fold(words.notes_heading) for c in CODES if (words := profile(c).draft) is not None}


_NOTES_HEADINGS = _notes_headings()
_NOTES_LINE = 4 * max(map(len, _NOTES_HEADINGS), default=0) + 40
_RULE_LINE = re.compile(r"^(?:[-=_*]\s*){3,}$")
_FOOTNOTE_LINE = re.compile(r"^(?:[¹²³⁴⁵⁶⁷⁸⁹⁰]+\s|\[\^\d+\]:)")


def _cut_draft_notes(lines: list[Line]) -> tuple[list[Line], int]:
    """A draft's own notes follow its marked end ("Notes de rédaction (hors texte du projet)"):
    not text. The Word reader puts the footnotes after everything: those are kept."""
    for i, ln in enumerate(lines):
        # a heading is one short line: a long one (a paragraph) is not cleaned up to be compared
        if len(ln.text) <= _NOTES_LINE and fold(strip_markup(ln.text).strip("#* ")) in _NOTES_HEADINGS:
            body = lines[:i]
            while body and _RULE_LINE.match(body[-1].text):
                body.pop()
            end = next((j for j in range(i + 1, len(lines)) if _FOOTNOTE_LINE.match(lines[j].text)), len(lines))
            return body + lines[end:], end - i
    return lines, 0


# ---- language and format ---------------------------------------------------------------


def _language(front: dict[str, str], body: str, source: str) -> str:
    declared = front.get("language", "").strip().lower()[:2]
    if declared in ("fr", "en", "es"):
        return declared
    code = detect(body)
    if code is None:
        raise ReadError(f"{source}: cannot tell which language this text is in (French, English or Spanish)")
    return code


def _format_name(front: dict[str, str], raw: str, start: int | None) -> str:
    if start is None:
        return "fragment"
    if "source_pdf" in front or "[^" in raw:
        return "pdf-markdown"
    if re.search(r"\]\(#\)|[¹²³⁴⁵⁶⁷⁸⁹]", raw):
        return "un-text"
    return "plain-text"


def _is_hard_wrapped(lines: list[Line]) -> bool:
    """pdftotext output: almost no blank lines, so a line break says nothing about paragraphs."""
    if len(lines) < 8:
        return False
    blanks = sum(1 for ln in lines if ln.blank_before)
    return blanks < len(lines) * 0.15


def _formula_index(lines: list[Line], prof: Profile) -> int | None:
    for i, ln in enumerate(lines):
        if prof.formula_re.match(strip_markup(ln.text)):
            return i
    return None


def _drop_noise(lines: list[Line], head: hd.Header, prof: Profile) -> list[Line]:
    """Remove running headers, job numbers, page numbers and rules from the body.

    A removed line hands its "blank before" to the next line only if both were blank-separated
    blocks: a header between two halves of a sentence must not make them two paragraphs.
    """
    titles = [fold(t) for t in (head.title, head.agenda_title, head.short_title) if t]
    out: list[Line] = []
    for ln in lines:
        s = strip_markup(ln.text)
        if is_noise(s) or _is_running_title(s, titles):
            continue
        out.append(ln)
    return out


def _is_running_title(line: str, titles: list[str]) -> bool:
    if line[-1:] in TERMINAL or len(line) < 12:
        return False
    f = fold(line)
    return any(t == f or (t.startswith(f) and len(f) >= 20) for t in titles)


# ---- grouping lines into paragraphs ----------------------------------------------------


def _group(lines: list[Line], prof: Profile, *, plain: bool, fragment: bool = False) -> list[_Para]:
    """Group body lines into paragraphs and sub-paragraphs.

    A line opens a new paragraph only when the text before it is complete (ends with , ; : .)
    and the line itself looks like an opening: an operative number, a sub-paragraph label, a
    preambular lead, or - in blank-line separated text - any capitalised block. Everything
    else continues the paragraph before: that is how page breaks, running headers and
    hard-wrapped lines are rejoined.
    """
    sub_re = re.compile(r"^" + prof.sub_label + r"\s+(?P<rest>\S.*)$")
    paras: list[_Para] = []
    state = PREAMBLE
    section: str | None = None
    last_num = 0
    for i, ln in enumerate(lines):
        text = ln.text
        plain_text = strip_markup(text)
        prev = paras[-1].last() if paras else None
        prev_text = prev.text if prev else ""
        complete = prev is None or ends_complete(prev_text)

        labelled = neg.margin_label(plain_text)
        if labelled:
            # A negotiation text's margin label opens its paragraph whatever came before.
            label, rest = labelled
            rest, status, note = neg.leading_status(rest, prof)
            raw_rest = text[len(text) - len(rest):] if text.endswith(rest) else rest
            if label.kind == OPERATIVE:
                state = OPERATIVE
                last_num = label.plain if label.plain is not None else last_num
            para = _Para(label.kind, label.number if label.kind == OPERATIVE else None,
                         section if label.kind == OPERATIVE else None, label=label, status=status, status_note=note)
            para.italic_lead = _italic_lead(raw_rest.lstrip("["))
            para.parts.append(raw_rest)
            paras.append(para)
            continue
        if paras and (note_line := neg.status_line(plain_text, prof)):
            paras[-1].status, paras[-1].status_note = note_line  # a note on a line of its own
            continue

        m = _OP_NUMBER.match(plain_text)
        if m and fragment and state == OPERATIVE and int(m["num"]) == last_num and ln.blank_before:
            # The same number twice: a database kept two extracts of one paragraph (malaria).
            paras[-1].extracts.append(len(paras[-1].parts))
            paras[-1].parts.append(_strip_number(text))
            continue
        if m and _plausible_number(int(m["num"]), last_num, complete or ln.blank_before, m["rest"], prof):
            num = int(m["num"])
            if num <= last_num and state == OPERATIVE and section is None:
                section = "II"  # numbering restarts without a printed heading
            last_num = num
            state = OPERATIVE
            para = _Para(OPERATIVE, str(num), section)
            rest = _strip_number(text)
            para.italic_lead = _italic_lead(rest.lstrip("["))
            para.parts.append(rest)
            paras.append(para)
            continue

        s = sub_re.match(plain_text)
        if s and paras and _opens_sub(prev_text, complete):
            parent = _sub_parent(paras[-1], s["label"])
            parent.subs.append(_Para(SUBPARAGRAPH, s["label"], parts=[_strip_label(text, prof)]))
            continue

        nxt = lines[i + 1].text if i + 1 < len(lines) else ""
        if complete and _is_heading(plain_text, nxt):
            sec = _SECTION.match(plain_text)
            if sec:
                section = sec["num"]
                last_num = 0 if section else last_num
            continue

        opens = complete and _opens_paragraph(plain_text, ln.blank_before, plain, state, prof)
        if (opens and state == OPERATIVE and last_num and not paras[-1].subs
                and _lost_number(plain_text, prev_text, ln.blank_before, prof)
                and _next_number(lines[i + 1:]) in (None, last_num + 2)):
            # "2." lost in the extraction (80/3): a new block opening with a lead verb after a
            # finished operative paragraph is the next paragraph.
            last_num += 1
            paras.append(_Para(OPERATIVE, str(last_num), section, parts=[text], inferred=True))
            continue
        if opens and state == PREAMBLE:
            paras.append(_Para(PREAMBLE, parts=[text]))
        elif opens and state == OPERATIVE and not any(p.number for p in paras if p.kind == OPERATIVE):
            paras.append(_Para(OPERATIVE, parts=[text]))
        elif prev is not None:
            prev.parts.append(text)
        else:
            paras.append(_Para(PREAMBLE, parts=[text]))
    return [p for p in paras if p.text]


def _plausible_number(num: int, last: int, complete: bool, rest: str, prof: Profile) -> bool:
    if not rest[:1].isupper() and not rest.startswith(("*", "[", "“", "\"", "«")):
        return False
    if num == last + 1:
        return True
    # Fragments skip numbers and sections restart them; ask for a clean break then (the end of
    # a clause, or a blank line: some databases dropped the closing semicolons).
    return complete and (num > last or num == 1 or prof.op_lead(strip_markup(rest)) is not None)


def _opens_sub(prev_text: str, complete: bool) -> bool:
    t = prev_text.rstrip()
    return complete or t.endswith((" and", " or", " et", " ou", " y", " o"))


def _sub_parent(para: _Para, label: str) -> _Para:
    """Roman (i), (ii) under a lettered sub-paragraph nest one level down."""
    if para.subs and _is_roman(label) and not _next_letter(para.subs[-1].number, label):
        return para.subs[-1]
    return para


def _is_roman(label: str) -> bool:
    return bool(re.fullmatch(r"[ivx]+", label))


def _next_letter(prev: str | None, label: str) -> bool:
    """Is ``label`` the letter after ``prev`` ((h) -> (i) is a letter, not roman one)?"""
    if not prev or len(prev) != 1 or len(label) != 1:
        return False
    return ord(label) == ord(prev) + 1


def _is_heading(line: str, nxt: str) -> bool:
    """A section heading: a short line with no closing punctuation, right before an OP."""
    if ends_complete(line) or len(line) > 150 or not line[:1].isupper():
        return False
    return bool(_OP_NUMBER.match(strip_markup(nxt))) or bool(_SECTION.match(line))


def _opens_paragraph(line: str, blank_before: bool, plain: bool, state: str, prof: Profile) -> bool:
    if not line[:1].isupper() and not line.startswith(("“", "\"", "«", "*")):
        return False
    if blank_before and not plain:
        return True
    # A line break inside a block: only a lead followed by running text opens a paragraph, so
    # that wrapped names ("Stockpiling and Use of ...", "Armed Robbery against Ships") do not.
    text = line.lstrip("*")
    lead = prof.pp_lead(text) if state == PREAMBLE else prof.op_lead(text)
    if not lead or lead.split()[0] in prof.extra.get("not_leads", ()):
        return False
    if any(w in prof.extra.get("frequent_leads", ()) for w in lead.split()):
        return True  # "Welcoming Human Rights Council resolution ...": a lead drafters use daily
    after = text[len(lead):].split()
    return bool(after) and (after[0][:1].islower() or after[0][:1] in "«“\"") and after[0] not in _CONJUNCTIONS


_CONJUNCTIONS = ("and", "or", "nor", "et", "ou", "y", "o")


def _next_number(lines: list[Line]) -> int | None:
    for ln in lines:
        if m := _OP_NUMBER.match(strip_markup(ln.text)):
            return int(m["num"])
    return None


def _lost_number(line: str, prev_text: str, blank_before: bool, prof: Profile) -> bool:
    lead = prof.op_lead(line.lstrip("*"))
    return (blank_before and lead is not None and prev_text.rstrip()[-1:] in ";."
            and lead.split()[0] not in prof.extra.get("not_leads", ()))


def _fix_unnumbered_operative(paras: list[_Para]) -> list[_Para]:
    """A resolution with one unnumbered operative paragraph ("Adopts the Declaration ...").

    With no numbered paragraph at all, the paragraphs after the last one ending with a comma
    are operative: preambular paragraphs end with a comma, operative ones with ; or .
    """
    if any(p.kind == OPERATIVE for p in paras) or not paras:
        return paras
    last_comma = -1
    for i, p in enumerate(paras):
        if p.text.rstrip().rstrip("”’\"»").endswith(","):
            last_comma = i
    for p in paras[last_comma + 1 :]:
        p.kind = OPERATIVE
    return paras


def _strip_number(text: str) -> str:
    return re.sub(r"^\s*\d{1,3}\s*\.\s+", "", text)


def _strip_label(text: str, prof: Profile) -> str:
    return re.sub(r"^\s*" + prof.sub_label + r"\s+", "", text)


def _italic_lead(text: str) -> str | None:
    m = re.match(r"^\*([^*]+)\*", text)
    return m.group(1).strip() if m else None


# ---- from working paragraphs to the model ------------------------------------------------


def _build(paras: list[_Para], prof: Profile) -> list[Paragraph]:
    out: list[Paragraph] = []
    pp = 0
    unnumbered = 0
    for p in paras:
        _take_trailing_status(p, prof)
        if p.label is not None:
            pp = p.label.plain if p.label.kind == PREAMBLE and p.label.plain is not None else pp
            pid = f"OP{p.section}.{p.label.number}" if p.section and p.kind == OPERATIVE else p.label.id
        elif p.kind == PREAMBLE:
            pp += 1
            pid = f"PP{pp}"
        else:
            if p.number is None:
                unnumbered += 1
            num = p.number or str(unnumbered)
            pid = f"OP{p.section}.{num}" if p.section else f"OP{num}"
        text, flags = take_annotations(strip_markup(p.text))
        bare = text.lstrip("[")  # "[Noting ...]": a bracketed paragraph still has its lead
        if p.kind == PREAMBLE:
            lead = prof.pp_lead(bare)
        else:
            lead = strip_markup(p.italic_lead) if p.italic_lead else prof.op_lead(bare)
        subs = tuple(_build_sub(s, pid) for s in p.subs)
        out.append(Paragraph(id=pid, kind=p.kind, text=text, lead=lead, subparagraphs=subs,
                             number=p.number, section=p.section, annotations=flags,
                             emphasis=_emphasis(p.text, text, lead),
                             label=p.label.typed if p.label else None, status=p.status, status_note=p.status_note))
    return out


def _take_trailing_status(p: _Para, prof: Profile) -> None:
    """A status note closing the paragraph (its last sub-paragraph's end) is the paragraph's."""
    node = p.last()
    if not node.parts or p.status is not None:
        return
    last, status, note = neg.trailing_status(node.parts[-1], prof)
    if status is None:
        return
    node.parts[-1] = last
    node._joined = None  # the cached join counts lines, and this one changed in place
    p.status, p.status_note = status, note


def _build_sub(p: _Para, parent_id: str) -> Paragraph:
    pid = f"{parent_id}({p.number})"
    text, flags = take_annotations(strip_markup(p.text))
    return Paragraph(id=pid, kind=SUBPARAGRAPH, text=text, number=p.number, emphasis=_emphasis(p.text, text),
                     subparagraphs=tuple(_build_sub(s, pid) for s in p.subs), annotations=flags)


def _emphasis(raw: str, text: str, lead: str | None = None) -> tuple[tuple[int, int], ...]:
    """Italic stretches of ``text`` besides its lead (which is printed in italics anyway)."""
    end = len(lead) if lead and text.startswith(lead) else 0
    return tuple(s for s in emphasis.spans(raw, text) if s[0] >= end)
