"""The next session's draft: a resolution rolled forward, as a context templates render.

``build(resolution, session=None) -> Draft`` is pure (no I/O, no printing). What it does to the
text, and nothing else:

- header: the draft's session, "Distr. limitée", placeholders for the draft symbol, date and
  agenda item; the title as it was;
- recall chain: a list of the series' resolutions ending with the previous member (in a
  footnote or in the text) gets the current resolution; a preambular paragraph recalling the
  previous member alone ("Recalling its resolution 79/6 of ...") is moved on to the current one;
- the Assembly's own session named in the text as the next one ("à sa soixante-dix-septième
  session") is rolled by the series' period (next session minus the current one);
- a paragraph about a report keeps its place, its symbol of the current session becoming a
  placeholder (A/77/___);
- time-bound text is flagged, never changed: years and dates of the series' last two periods
  up to the draft's year, ended periods "(2016-2020)", anniversaries, numbered events
  ("onzième Sommet"), documents of the current session, the previous resolution cited elsewhere.

Every language fact comes from the profile's ``draft`` words (``resodiff/languages``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from resodiff import symbols
from resodiff.errors import DraftError
from resodiff.fold import fold
from resodiff.languages import DraftWords, Profile, apostrophe_of, profile
from resodiff.model import OPERATIVE, PREAMBLE, Paragraph, Resolution

FIRST_SESSION_YEAR = 1945  # session N of the General Assembly opens in September of 1945 + N
EVENT_YEAR_REACH = 120  # characters around a numbered event where its year is looked for

_YEAR = re.compile(r"(?<![\w/.\-–])(?P<year>(?:19|20)\d\d)(?![\w/]|[-–]\d|\.\d)")
_PERIOD = re.compile(r"(?<![\w/])(?P<a>(?:19|20)\d\d)(?:\s*[-–]\s*(?P<b>(?:19|20)\d\d)|/(?P<yy>\d\d))(?![\w/])")
_SC_RESOLUTION = re.compile(r"\b\d{3,4}\s*\((?:19|20)\d\d\)")
_DOCUMENT = re.compile(r"(?<![\w/])(?:[AES]|ST)/[\w.()\-]+(?:/[\w.()\-]+)+")
_GA_SYMBOL = r"(?<![\w/.])\d{1,3}/\d{1,4}(?:\s(?-i:[A-Z]{1,2})(?=[\s,.;]|$))?(?![\w/])"  # 35/142 B


# ---- the context ------------------------------------------------------------------------


@dataclass(frozen=True)
class Flag:
    """One piece of time-bound text: what kind, the text, where (None: in a footnote), why."""

    kind: str  # year, date, period, anniversary, event, report, document, previous, anchor
    text: str
    start: int | None
    end: int | None
    reason: str


@dataclass(frozen=True)
class Segment:
    """A run of a paragraph as it is printed: the lead (italic), flagged text, or a footnote call."""

    text: str
    lead: bool = False
    flagged: bool = False
    footnote: str | None = None  # a footnote reference here (text is then "")


@dataclass(frozen=True)
class DraftParagraph:
    id: str  # PP3, OP12, OP4(a): the contract's ids, those of the text rolled forward
    kind: str  # preamble, operative, subparagraph
    label: str | None  # "12." / "a)" / "(a)" as printed; None for a preambular paragraph
    number: str | None
    section: str | None
    lead: str | None
    text: str  # the rolled text, without footnote calls or marker
    footnotes: tuple[str, ...]
    flags: tuple[Flag, ...]
    marker: str | None  # "[À ACTUALISER : ...]" when flagged
    segments: tuple[Segment, ...]
    subparagraphs: tuple[DraftParagraph, ...] = ()
    # The final punctuation (" ;", ",") where the paragraph carries a marker: segments stop
    # before it and templates print the marker in between, so the paragraph still ends as a
    # paragraph ends and readers strip the marker as an annotation. "" when not flagged.
    tail: str = ""

    @property
    def reasons(self) -> tuple[str, ...]:
        return _unique(f.reason for f in self.flags)


@dataclass(frozen=True)
class Footnote:
    number: str
    text: str


@dataclass(frozen=True)
class Flagged:
    """One line of the list of flags: a paragraph id and its reasons."""

    id: str  # the contract's id (PP5), whatever the language
    reasons: tuple[str, ...]
    line: str  # "alinéa 5 du préambule : année 2017 ; « cinquantième anniversaire »"


@dataclass(frozen=True)
class Change:
    """What the rollover changed by itself: where, the old text, the new one."""

    where: str  # "OP27" or "PP4, note 3"
    old: str
    new: str
    line: str  # "OP27 : sa soixante-dix-septième session → sa soixante-dix-neuvième session"


@dataclass(frozen=True)
class Draft:
    language: str
    words: DraftWords
    source: str | None  # "A/RES/75/15"
    source_session: int
    session: int  # the draft's session (77)
    period: int  # sessions between two members of the series (2)
    next_session: int  # the session the draft names as the next one (79)
    symbol: str  # "A/77/L.__"
    organ: str
    distribution: str
    date: str
    session_line: str  # "Soixante-dix-septième session"
    agenda_line: str
    sponsors_line: str
    title: str
    formula: str
    preamble: tuple[DraftParagraph, ...]
    operative: tuple[DraftParagraph, ...]
    footnotes: tuple[Footnote, ...]
    flagged: tuple[Flagged, ...]
    changes: tuple[Change, ...]
    notes_heading: str = ""  # the heading the draft's own lists follow (readers stop there)

    @property
    def paragraphs(self) -> tuple[DraftParagraph, ...]:
        return self.preamble + self.operative


# ---- building it ------------------------------------------------------------------------


@dataclass
class _Node:
    """A paragraph being rolled: its text, footnote offsets and the spans the rollover wrote."""

    para: Paragraph
    text: str
    footnote_at: list[int]
    written: list[tuple[int, int]]
    flags: list[Flag]
    subs: list[_Node]


@dataclass(frozen=True)
class _Context:
    prof: Profile
    words: DraftWords
    current: int
    session: int
    period: int
    next_in_text: int | None
    rolled_to: int
    symbol: str | None  # "75/15"
    adopted: str | None  # "23 novembre 2020"
    title: str | None  # folded, to recognise the series where a paragraph names it
    lower_year: int  # years from here ...
    upper_year: int  # ... to here are time-bound
    requests_report: bool = True  # the text asks for a report for the session it names next

    @property
    def previous(self) -> int:
        return self.current - self.period


def build(resolution: Resolution, *, session: int | None = None) -> Draft:
    """The next session's draft of ``resolution`` (``session`` overrides the one the text names)."""
    prof = profile(resolution.language)
    words = prof.draft
    name = resolution.source or resolution.symbol or "the text"
    if words is None:
        raise DraftError(f"{name}: drafts in {prof.name} are not supported yet")
    current = resolution.session
    if current is None:
        raise DraftError(f"{name}: the session of this text is unknown (no symbol, session line or "
                         "front matter 'session:'); give it with --from-session N")
    next_in_text = _next_session(resolution, prof, current)
    if session is None:
        if next_in_text is None:
            raise DraftError(f"{name}: no paragraph names the session that takes the item up next; give --session N")
        session = next_in_text
    if session <= current:
        raise DraftError(f"{name}: --session {session} is not after the text's own session ({current})")
    period = (next_in_text - current) if next_in_text is not None else session - current
    symbol = symbols.short(symbols.resolution(resolution.symbol or ""))
    ctx = _Context(
        prof=prof, words=words, current=current, session=session, period=period,
        next_in_text=next_in_text, rolled_to=session + period, symbol=symbol,
        adopted=prof.format_date(resolution.adopted) if resolution.adopted else None,
        title=fold(resolution.title) if resolution.title else None,
        # Dates of the series' last two periods may be news that goes stale; older ones are history.
        lower_year=FIRST_SESSION_YEAR + current - 2 * period,
        upper_year=FIRST_SESSION_YEAR + session,
        requests_report=_requests_report(resolution, prof, next_in_text),
    )

    changes: list[Change] = []
    nodes = [_node(p) for p in resolution.paragraphs]
    footnotes = dict(resolution.footnotes)
    fn_written: dict[str, list[tuple[int, int]]] = {n: [] for n in footnotes}

    for node in _walk(nodes):
        _roll_sessions(node, ctx, changes)
    previous = _roll_recall(nodes, footnotes, fn_written, ctx, changes)
    for node in _walk(nodes):
        _report_placeholders(node, footnotes, fn_written, ctx, changes)
    _anchor_lost_footnotes(nodes, footnotes, ctx)
    for node in _walk(nodes):
        node.flags.extend(_flags(node, footnotes, fn_written, ctx, previous))
        if not previous:  # no recall of the previous member confirms the period: say it is a guess
            node.flags.extend(_guessed_period(node, ctx))

    order = {node.para.id: k for k, node in enumerate(_walk(nodes))}
    changes.sort(key=lambda c: order.get(c.where.split(",")[0], len(order)))  # reading order
    # resodiff's own words take the source's apostrophe (’ or ') and its names for paragraphs.
    apostrophe = apostrophe_of(p.full_text for p in resolution.paragraphs)
    own = lambda s: s.replace("'", apostrophe).replace("’", apostrophe)  # noqa: E731
    changes = [replace(c, line=own(_named(c.where, words) + c.line[len(c.where):])) for c in changes]
    built = [_freeze(n, ctx, own) for n in nodes]
    preamble = tuple(p for p in built if p.kind == PREAMBLE)
    operative = tuple(p for p in built if p.kind == OPERATIVE)
    flagged = tuple(
        Flagged(p.id, p.reasons, f"{_named(p.id, words)}{words.colon}{words.reason_separator.join(p.reasons)}")
        for p in _walk_draft(preamble + operative) if p.flags
    )
    return Draft(
        language=resolution.language,
        words=words,
        source=resolution.symbol,
        source_session=current,
        session=session,
        period=period,
        next_session=ctx.rolled_to,
        symbol=f"A/{session}/L.__",
        organ=prof.organ,
        distribution=own(words.distribution),
        date=words.date_placeholder,
        session_line=own(words.session_line.format(ordinal=prof.ordinal(session, capital=True))),
        agenda_line=own(words.agenda_line.format(item="__")),
        sponsors_line=own(words.sponsors_line),
        title=resolution.title or words.title_placeholder,
        formula=own(words.formula),
        preamble=preamble,
        operative=operative,
        footnotes=tuple(Footnote(n, t) for n, t in footnotes.items()),
        flagged=flagged,
        changes=tuple(changes),
        notes_heading=own(words.notes_heading),
    )


def printed(resolution: Resolution) -> Draft:
    """``resolution`` itself in the draft's shape, nothing rolled or flagged: the base text a
    tracked draft (``resodiff.tracked``) is written on when the source is not a Word file."""
    prof = profile(resolution.language)
    words = prof.draft
    if words is None:
        raise DraftError(f"{resolution.source}: drafts in {prof.name} are not supported yet")
    ctx = _Printed(words)
    built = [_freeze(_node(p), ctx) for p in resolution.paragraphs]  # type: ignore[arg-type]
    short = symbols.short(symbols.resolution(resolution.symbol or ""))
    title = resolution.title or ""
    return Draft(
        language=resolution.language, words=words, source=resolution.symbol,
        source_session=resolution.session or 0, session=resolution.session or 0, period=0, next_session=0,
        symbol=resolution.symbol or "", organ=prof.organ, distribution=words.general_distribution,
        date=prof.format_date(resolution.issued) if resolution.issued else "",
        session_line=(words.session_line.format(ordinal=prof.ordinal(resolution.session, capital=True))
                      if resolution.session else ""),
        agenda_line=words.agenda_line.format(item=resolution.agenda_item) if resolution.agenda_item else "",
        sponsors_line="", title=f"{short}. {title}" if short and title else title, formula=words.formula,
        preamble=tuple(p for p in built if p.kind == PREAMBLE),
        operative=tuple(p for p in built if p.kind == OPERATIVE),
        footnotes=tuple(Footnote(n, t) for n, t in resolution.footnotes), flagged=(), changes=(),
    )


@dataclass(frozen=True)
class _Printed:
    words: DraftWords


def _named(where: str, words: DraftWords) -> str:
    """A place in the language of the draft: "OP4(a), note 3" -> "paragraphe 4 a), note 3"."""
    pid, sep, rest = where.partition(",")
    if m := re.fullmatch(r"PP(\d+)", pid):
        name = words.pp_name.format(m[1])
    elif m := re.fullmatch(r"OP((?:\w+\.)?\d+)((?:\(\w+\))*)", pid):
        name = words.op_name.format(m[1])
        for label in re.findall(r"\((\w+)\)", m[2]):
            sub = words.sub_label.format(label)
            name += sub if sub.startswith("(") else " " + sub
    else:
        return where
    return name + sep + rest


def _node(p: Paragraph) -> _Node:
    at = list(p.footnote_at) if len(p.footnote_at) == len(p.footnotes) else [_fallback_anchor(p.text)] * len(p.footnotes)
    return _Node(p, p.text, at, [], [], [_node(s) for s in p.subparagraphs])


def _fallback_anchor(text: str) -> int:
    """Where a footnote call goes when the reader lost its place: before the final punctuation."""
    return len(text.rstrip(",;:. "))


def _walk(nodes):
    for n in nodes:
        yield n
        yield from _walk(n.subs)


def _walk_draft(paras):
    for p in paras:
        yield p
        yield from _walk_draft(p.subparagraphs)


def _unique(items) -> tuple:
    return tuple(dict.fromkeys(items))


def _names_series(text: str, ctx: _Context) -> bool:
    """Does ``text`` name the series by the resolution's title ("toutes ses résolutions sur <titre>")?"""
    return bool(ctx.title and ctx.title in fold(text))


# ---- the session --------------------------------------------------------------------------


@cache
def _own_session_re(code: str) -> re.Pattern[str]:
    prof = profile(code)
    return re.compile(prof.draft_words.own_session_re.format(ordinal=prof.ordinal_re), re.IGNORECASE)


def _next_session(resolution: Resolution, prof: Profile, current: int) -> int | None:
    """The session the operative part names for taking the item up again: the last one it names."""
    found = None
    for node in _walk([_node(p) for p in resolution.operative]):
        for m in _own_session_re(prof.code).finditer(node.text):
            n = prof.ordinal_value(m["ord"])
            if n is not None and n > current:
                found = n
    return found


@cache
def _this_session_re(code: str) -> re.Pattern[str] | None:
    prof = profile(code)
    words = prof.draft
    if words is None or not words.this_session_re:
        return None
    return re.compile(words.this_session_re.format(ordinal=prof.ordinal_re), re.IGNORECASE)


def _roll_sessions(node: _Node, ctx: _Context, changes: list[Change]) -> None:
    """"à sa soixante-dix-septième session" -> "... soixante-dix-neuvième ..." where 77 is the next
    session; "the records of the seventy-second session of the General Assembly" -> the draft's
    session, where 72 is the text's own."""
    edits = []
    taken: list[tuple[int, int]] = []
    if ctx.next_in_text is not None:
        for m in _own_session_re(ctx.prof.code).finditer(node.text):
            if ctx.prof.ordinal_value(m["ord"]) != ctx.next_in_text:
                continue
            old = m["ord"]
            new = ctx.prof.ordinal(ctx.rolled_to, capital=old[:1].isupper())
            edits.append((m.start("ord"), m.end("ord"), new))
            taken.append(m.span("ord"))
            whole = m.group(0)
            changes.append(_change(node.para.id, whole, whole.replace(old, new, 1), ctx))
    if (this := _this_session_re(ctx.prof.code)) is not None:
        for m in this.finditer(node.text):
            if ctx.prof.ordinal_value(m["ord"]) != ctx.current or _overlaps(*m.span("ord"), taken):
                continue
            old = m["ord"]
            new = ctx.prof.ordinal(ctx.session, capital=old[:1].isupper())
            edits.append((m.start("ord"), m.end("ord"), new))
            whole = m.group(0)
            changes.append(_change(node.para.id, whole, whole.replace(old, new, 1), ctx))
    _apply(node, edits)


def _guessed_period(node: _Node, ctx: _Context) -> list[Flag]:
    """The rolled next session, flagged where the period is only the text's own guess."""
    if ctx.next_in_text is None:
        return []
    out = []
    for m in _own_session_re(ctx.prof.code).finditer(node.text):
        if ctx.prof.ordinal_value(m["ord"]) == ctx.rolled_to and _overlaps(*m.span("ord"), node.written):
            out.append(Flag("rolled", m["ord"], m.start("ord"), m.end("ord"),
                            ctx.words.reasons["rolled"].format(m["ord"], ctx.period)))
    return out


def _requests_report(resolution: Resolution, prof: Profile, next_in_text: int | None) -> bool:
    """Does an operative paragraph ask for a report at the session the text names next? Only
    then does the report a paragraph takes note of come back with a new symbol."""
    if prof.draft is None:
        return False
    report = re.compile(prof.draft.report_re, re.IGNORECASE)
    request = re.compile(prof.draft.report_request_re, re.IGNORECASE) if prof.draft.report_request_re else None
    for node in _walk([_node(p) for p in resolution.operative]):
        if request is not None and request.search(node.text):
            return True  # "Requests the Secretary-General to submit ... a report", "annual report"
        if report.search(node.text) and any(prof.ordinal_value(m["ord"]) == next_in_text
                                            for m in _own_session_re(prof.code).finditer(node.text)):
            return True
    return False


# ---- the recall chain ---------------------------------------------------------------------


@cache
def _item_res(code: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(one resolution with its optional date, a list of them) for a language."""
    prof = profile(code)
    words = prof.draft_words
    months = "|".join(sorted(prof.months, key=len, reverse=True))
    date = words.date_re.format(months=months).replace("(?P<year>", "(?:")
    connector = re.escape(words.date_connector).replace(r"\ ", r"\s+")
    item = rf"(?P<sym>{_GA_SYMBOL})(?P<date>{connector}{date})?"
    plain = rf"{_GA_SYMBOL}(?:{connector}{date})?"
    and_ = re.escape(prof.list_and.strip())
    chain = rf"{plain}(?:(?:\s*,\s+|\s+{and_}\s+){plain})*"
    return re.compile(item, re.IGNORECASE), re.compile(chain, re.IGNORECASE)


@dataclass(frozen=True)
class _Recall:
    """One recall of the previous member found in a paragraph or a footnote, as an edit."""

    symbol: str  # the previous member as cited: "73/259"
    titled: bool  # the paragraph names the series by its title
    start: int
    end: int
    new: str
    old_shown: str
    new_shown: str


def _recalls(text: str, ctx: _Context, *, recall: bool, titled: bool) -> list[_Recall]:
    """Where ``text`` cites a resolution of the previous member's session as the series' last.

    A list of resolutions ending there gets the current one in the language's list style, where
    the member before it is at most one period earlier or the paragraph names the series
    (``titled``). With ``recall`` (see ``_is_recall``), one such resolution cited alone is
    moved on to the current one, unless it is "entitled" something other than the series.
    """
    if ctx.symbol is None:
        return []
    item_re, chain_re = _item_res(ctx.prof.code)
    words = ctx.words
    out: list[_Recall] = []
    for chain in chain_re.finditer(text):
        items = list(item_re.finditer(text, chain.start(), chain.end()))
        if not items or (symbols.session(items[-1]["sym"]) or 0) != ctx.previous:
            continue
        last = items[-1]
        new_item = ctx.symbol
        if last["date"]:
            new_item += words.date_connector + (ctx.adopted or words.date_placeholder)
        before = text[: chain.start()]
        if len(items) >= 2:
            prev = items[-2]
            if (((symbols.session(prev["sym"]) or 0) < ctx.previous - ctx.period and not titled)
                    or not re.search(rf"(?:{words.resolutions_re})\s*$", before, re.IGNORECASE)):
                continue
            new = f", {text[last.start():last.end()]}{ctx.prof.list_and}{new_item}"
            out.append(_Recall(last["sym"], titled, prev.end(), last.end(), new,
                               text[prev.start():last.end()], text[prev.start():prev.end()] + new))
        elif (recall and not any(r.start == r.end for r in out)
              and re.search(rf"\b(?:{words.resolution_re})\s*$", before, re.IGNORECASE)
              and (titled or not re.match(words.entitled_re, text[last.end():], re.IGNORECASE))):
            out.append(_Recall(last["sym"], titled, last.start(), last.end(), new_item,
                               text[last.start():last.end()], new_item))
    return out


def _is_recall(node: _Node, ctx: _Context) -> bool:
    """A preambular paragraph that recalls the series' previous resolution.

    Its lead recalls ("Recalling", "Rappelant"), and it speaks of the series ("and all its
    previous relevant resolutions", "la plus récente"), names it by its title, or is nothing
    but the recall ("Recalling its resolution 79/31 of 2 December 2024,").
    """
    lead = node.para.lead or ""
    words = ctx.words
    if node.para.kind != PREAMBLE or not re.match(rf"(?:{words.recall_leads_re})\b", lead, re.IGNORECASE):
        return False
    if re.search(words.series_re, node.text, re.IGNORECASE) or _names_series(node.text, ctx):
        return True
    item_re, _ = _item_res(ctx.prof.code)
    bare = rf"{re.escape(lead)}\s+(?:{words.resolution_re})\s+{item_re.pattern}\s*[,;.]?"
    return re.fullmatch(bare, node.text, re.IGNORECASE) is not None


def _roll_recall(nodes, footnotes, fn_written, ctx: _Context, changes: list[Change]) -> set[str]:
    """Bring the recall chain up to the current resolution, in the preamble and its footnotes.

    Other series' lists can end in the same session ("its resolutions 78/27 and 79/47" in a
    resolution on another subject), so one previous member is chosen: the one cited where the
    paragraph names the series, else the first one in reading order. Returns its symbol.
    """
    found: list[tuple[_Node | str, _Recall]] = []  # (a _Node or a footnote number, recall)
    seen_notes: set[str] = set()
    for node in _walk(nodes):
        if node.para.kind == PREAMBLE:
            titled = _names_series(node.text, ctx)
            found += [(node, r) for r in _recalls(node.text, ctx, recall=_is_recall(node, ctx), titled=titled)]
        for number in node.para.footnotes:
            if number in footnotes and number not in seen_notes:
                seen_notes.add(number)
                found += [(number, r) for r in _recalls(footnotes[number], ctx, recall=False,
                                                        titled=_names_series(node.text, ctx))]
    if not found:
        return set()
    symbol = next((r.symbol for _, r in found if r.titled), found[0][1].symbol)
    owner = _footnote_owners(nodes)
    places: list[_Node | str] = []
    for where, r in found:
        if r.symbol == symbol and not any(where is w for w in places):
            places.append(where)
    for where in places:
        recalls = [r for w, r in found if w is where and r.symbol == symbol]
        edits = [(r.start, r.end, r.new) for r in recalls]
        if isinstance(where, _Node):
            _apply(where, edits)
            label = where.para.id
        else:
            footnotes[where], spans = _apply_text(footnotes[where], edits)
            fn_written[where] = _shift_spans(fn_written[where], edits) + spans
            label = f"{owner[where]}, {ctx.words.footnote} {where}"
        changes.extend(_change(label, r.old_shown, r.new_shown, ctx) for r in recalls)
    return {symbol}


def _footnote_owners(nodes) -> dict[str, str]:
    owner: dict[str, str] = {}
    for node in _walk(nodes):
        for n in node.para.footnotes:
            owner.setdefault(n, node.para.id)
    return owner


# ---- reports ------------------------------------------------------------------------------


def _current_documents(text: str, current: int) -> list[tuple[int, int, str]]:
    """Documents of session ``current`` cited in ``text``: A/75/345-S/2020/898, A/80/225 (not drafts)."""
    pattern = rf"(?<![\w/])A/(?:(?:C\.\d|AC\.\d+|CONF\.\d+)/)?{current}/(?!L\.)[\w.]+(?:/[\w.]+)*(?:-S/\d{{4}}/\d+)?"
    out = []
    for m in re.finditer(pattern, text):
        symbol = m.group(0).rstrip(".")
        out.append((m.start(), m.start() + len(symbol), symbol))
    return out


def _placeholder(symbol: str, ctx: _Context) -> str:
    m = re.match(rf"(A/(?:[\w.]+/)?){ctx.current}/", symbol)
    assert m is not None, symbol  # _current_documents found the symbol by this very prefix
    return f"{m.group(1)}{ctx.session}/___" + ("-S/____/___" if "-S/" in symbol else "")


@cache
def _session_records_re(code: str) -> re.Pattern[str]:
    """"<ordinal> session" as the session line writes it, in any case: "Eightieth Session"."""
    prof = profile(code)
    before, _, after = prof.draft_words.session_line.partition("{ordinal}")
    return re.compile(rf"\b{re.escape(before)}(?P<ord>{prof.ordinal_re}){re.escape(after)}\b".replace(r"\ ", r"\s+"),
                      re.IGNORECASE)


def _report_placeholders(node: _Node, footnotes, fn_written, ctx: _Context, changes) -> None:
    """A paragraph about a report keeps its place; the report's symbol becomes A/77/___.

    Only where the text asks for that report again and the paragraph does not recall it: a
    report recalled, or one the text asks for no more, keeps its symbol (and is flagged)."""
    if not _takes_report(node, ctx):
        return
    edits = []
    for start, end, symbol in _current_documents(node.text, ctx.current):
        new = _placeholder(symbol, ctx)
        edits.append((start, end, new))
        changes.append(_change(node.para.id, symbol, new, ctx))
        node.flags.append(Flag("report", new, None, None, ctx.words.reasons["report"].format(new)))
    if edits:  # an inline citation (a fragment): its Official Records move with the report
        edits += _records(node.text, ctx, node.para.id, changes)
    _apply(node, edits)
    for number in node.para.footnotes:
        text = footnotes.get(number)
        if text is None:
            continue
        fn_edits = []
        where = f"{node.para.id}, {ctx.words.footnote} {number}"
        for start, end, symbol in _current_documents(text, ctx.current):
            new = _placeholder(symbol, ctx)
            fn_edits.append((start, end, new))
            changes.append(_change(where, symbol, new, ctx))
            node.flags.append(Flag("report", new, None, None, ctx.words.reasons["report"].format(new)))
        if fn_edits:
            fn_edits += _records(text, ctx, where, changes)
        footnotes[number], spans = _apply_text(text, fn_edits)
        fn_written[number] = _shift_spans(fn_written[number], fn_edits) + spans


def _takes_report(node: _Node, ctx: _Context) -> bool:
    """A paragraph about a report of this session that the text asks for again (not recalled)."""
    if not ctx.requests_report or not re.search(ctx.words.report_re, node.text, re.IGNORECASE):
        return False
    return not (node.para.lead and re.match(ctx.words.recall_leads_re, node.para.lead, re.IGNORECASE))


def _records(text: str, ctx: _Context, where: str, changes) -> list[tuple[int, int, str]]:
    """The records a report appears in move with it: "Official Records ..., Eightieth Session"."""
    edits = []
    for m in _session_records_re(ctx.prof.code).finditer(text):
        if ctx.prof.ordinal_value(m["ord"]) == ctx.current:
            new = ctx.prof.ordinal(ctx.session, capital=m["ord"][:1].isupper())
            edits.append((m.start("ord"), m.end("ord"), new))
            changes.append(_change(where, m.group(0), m.group(0).replace(m["ord"], new, 1), ctx))
    return edits


def _anchor_lost_footnotes(nodes, footnotes, ctx: _Context) -> None:
    """A footnote whose call the reader lost goes at the end of the paragraph with the one before."""
    anchored = {n for node in _walk(nodes) for n in node.para.footnotes}
    last = None
    for number in footnotes:
        if number in anchored:
            last = next(node for node in _walk(nodes) if number in node.para.footnotes)
            continue
        target = last or (nodes[0] if nodes else None)
        if target is None:
            continue
        target.para = _with_footnote(target.para, number)
        target.footnote_at.append(_fallback_anchor(target.text))
        target.flags.append(Flag("anchor", number, None, None, ctx.words.reasons["anchor"].format(number)))


def _with_footnote(p: Paragraph, number: str) -> Paragraph:
    return replace(p, footnotes=p.footnotes + (number,))


# ---- editing text with footnote offsets kept ---------------------------------------------


def _apply_text(text: str, edits) -> tuple[str, list[tuple[int, int]]]:
    """Apply non-overlapping (start, end, new) edits; return the text and the new spans written."""
    out, spans, pos, shift = [], [], 0, 0
    for start, end, new in sorted(edits):
        out.append(text[pos:start])
        spans.append((start + shift, start + shift + len(new)))
        out.append(new)
        shift += len(new) - (end - start)
        pos = end
    out.append(text[pos:])
    return "".join(out), spans


def _shift(offset: int, edits) -> int:
    moved = offset
    for start, end, new in edits:
        if end <= offset:
            moved += len(new) - (end - start)
        elif start < offset:  # a call inside replaced text goes after the new text
            moved += len(new) - (offset - start)
    return moved


def _shift_spans(spans, edits):
    return [(_shift(a, edits), _shift(b, edits)) for a, b in spans]


def _apply(node: _Node, edits) -> None:
    if not edits:
        return
    node.footnote_at = [_shift(o, edits) for o in node.footnote_at]
    node.written = _shift_spans(node.written, edits)
    node.text, spans = _apply_text(node.text, edits)
    node.written.extend(spans)


def _change(where: str, old: str, new: str, ctx: _Context) -> Change:
    return Change(where, old, new, f"{where}{ctx.words.colon}{old} → {new}")


# ---- flags --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Patterns:
    date: re.Pattern[str]
    anniversary: re.Pattern[str]
    event: re.Pattern[str]
    not_years: tuple[re.Pattern[str], ...]
    deadline: re.Pattern[str] | None


@cache
def _patterns(code: str) -> _Patterns:
    prof = profile(code)
    words = prof.draft_words
    months = "|".join(sorted(prof.months, key=len, reverse=True))
    numbered = (rf"(?:\b(?:{prof.ordinal_re})(?![\w-])|\b\d{{1,3}}(?:e|er|re|ème|st|nd|rd|th)\b"
                rf"|\b\d{{1,3}}\s+(?:{words.first_words_re})\b)")
    return _Patterns(
        date=re.compile(words.date_re.format(months=months), re.IGNORECASE),
        anniversary=re.compile(rf"(?:{numbered}\s+)?\b(?:{words.anniversary_re})\b", re.IGNORECASE),
        event=re.compile(rf"{numbered}\s+(?:[\w’'-]+\s+){{0,2}}?(?:{words.event_nouns_re})\b", re.IGNORECASE),
        not_years=tuple(re.compile(p, re.IGNORECASE) for p in words.not_years),
        deadline=re.compile(words.deadline_re, re.IGNORECASE) if words.deadline_re else None,
    )


def _overlaps(a: int, b: int, spans) -> bool:
    return any(a < e and s < b for s, e in spans)


def _reference_spans(text: str, code: str) -> list[tuple[int, int]]:
    """Citations, whose years date the citation and not the text: 71/317 du 19 juillet 2017, 1325 (2000), S/2020/898."""
    item_re, _ = _item_res(code)
    spans = [m.span() for m in item_re.finditer(text)]
    spans += [m.span() for m in _SC_RESOLUTION.finditer(text)]
    spans += [m.span() for m in _DOCUMENT.finditer(text)]
    return spans


def _flags(node: _Node, footnotes, fn_written, ctx: _Context, previous: set[str]) -> list[Flag]:
    """Time-bound text of one paragraph, in reading order; what the rollover wrote is not flagged."""
    text, words, pats = node.text, ctx.words, _patterns(ctx.prof.code)
    refs = _reference_spans(text, ctx.prof.code)
    taken = list(node.written) + refs
    found: list[Flag] = []

    def in_window(year: int) -> bool:
        return ctx.lower_year <= year <= ctx.upper_year

    def add(kind: str, start: int, end: int, shown: str | None = None) -> None:
        shown = shown or text[start:end]
        found.append(Flag(kind, shown, start, end, words.reasons[kind].format(shown)))

    for m in _PERIOD.finditer(text):
        if _overlaps(*m.span(), taken):
            continue
        taken.append(m.span())
        end_year = int(m["b"]) if m["b"] else int(m["a"][:2] + m["yy"])
        if in_window(end_year):
            add("period", *m.span())
    for pattern in pats.not_years:
        taken.extend(m.span() for m in pattern.finditer(text))
    for m in pats.date.finditer(text):
        if _overlaps(*m.span(), taken):
            continue
        taken.append(m.span())
        if in_window(int(m["year"])):
            add("date", *m.span())
    years = [(m.start(), int(m["year"])) for m in _YEAR.finditer(text) if not _overlaps(*m.span(), refs)]
    for m in _YEAR.finditer(text):
        if not _overlaps(*m.span(), taken) and in_window(int(m["year"])):
            add("year", *m.span())
    for m in pats.deadline.finditer(text) if pats.deadline else ():
        year = int(m["year"])  # a target still ahead but near: "by 2010" in a 2007 text
        if ctx.upper_year < year <= ctx.upper_year + 2 * ctx.period + 2 and not _overlaps(*m.span("year"), taken):
            add("deadline", *m.span("year"))
    for m in pats.anniversary.finditer(text):
        if not _overlaps(*m.span(), node.written):
            add("anniversary", *m.span())
    for m in pats.event.finditer(text):
        if _overlaps(*m.span(), node.written):
            continue
        near = [(min(abs(pos - m.start()), abs(pos - m.end())), y) for pos, y in years
                if min(abs(pos - m.start()), abs(pos - m.end())) <= EVENT_YEAR_REACH]
        if near and min(near)[1] < ctx.lower_year:
            continue  # an event dated before the window is history
        add("event", *m.span())

    report_node = _takes_report(node, ctx)
    if not report_node:
        for start, end, symbol in _current_documents(text, ctx.current):
            if not _overlaps(start, end, node.written):
                add("document", start, end, symbol)
    item_re, chain_re = _item_res(ctx.prof.code)
    resolution_words = rf"\b(?:{words.resolutions_re}|{words.resolution_re})\s*$"
    for chain in chain_re.finditer(text):
        if not re.search(resolution_words, text[: chain.start()], re.IGNORECASE):
            continue  # decisions, documents
        for m in item_re.finditer(text, chain.start(), chain.end()):
            if _overlaps(*m.span(), node.written):
                continue
            if m["sym"] in previous:
                add("previous", *m.span("sym"))
            elif ctx.previous <= (symbols.session(m["sym"]) or 0) < ctx.current:
                add("recent", *m.span("sym"))  # a resolution of the last period: superseded since?
    for number in node.para.footnotes:
        fn, fn_taken = footnotes.get(number, ""), fn_written.get(number, [])
        if not report_node:
            for start, end, symbol in _current_documents(fn, ctx.current):
                if not _overlaps(start, end, fn_taken):
                    found.append(Flag("document", symbol, None, None, words.reasons["document"].format(symbol)))
        for symbol in sorted(previous):
            for m in re.finditer(rf"(?<![\w/.]){re.escape(symbol)}(?![\w/])", fn):
                if not _overlaps(*m.span(), fn_taken):
                    found.append(Flag("previous", symbol, None, None, words.reasons["previous"].format(symbol)))
    return found


# ---- freezing ------------------------------------------------------------------------------


_TAIL = re.compile(r"\s*[,;:.](?:\s+(?:and|or|et|ou|y|o))?\s*$")


def _freeze(node: _Node, ctx: _Context, own=lambda s: s) -> DraftParagraph:
    p = node.para
    words = ctx.words
    flags = tuple(sorted(node.flags, key=lambda f: (f.start is None, f.start or 0)))
    reasons = _unique(f.reason for f in flags)
    marker = own(words.flag.format(reasons=words.reason_separator.join(reasons))) if reasons else None
    text, tail = node.text, ""
    if marker and (m := _TAIL.search(text)) and all(at <= m.start() for at in node.footnote_at):
        text, tail = text[: m.start()], text[m.start():]
    if p.kind == OPERATIVE:
        label = f"{p.number}." if p.number else None
    elif p.kind == PREAMBLE:
        label = None
    else:
        label = words.sub_label.format(p.number) if p.number else None
    lead = p.lead if p.lead and node.text.startswith(p.lead) else None
    return DraftParagraph(
        id=p.id, kind=p.kind, label=label, number=p.number, section=p.section, lead=p.lead,
        text=node.text, footnotes=p.footnotes, flags=flags, marker=marker,
        segments=_segments(text, lead, p.footnotes, node.footnote_at, flags),
        subparagraphs=tuple(_freeze(s, ctx, own) for s in node.subs),
        tail=tail,
    )


def _segments(text: str, lead: str | None, footnotes, footnote_at, flags) -> tuple[Segment, ...]:
    """The paragraph cut where its lead ends, flagged text starts or ends, and footnotes are called."""
    lead_end = len(lead) if lead else 0
    spans = [(f.start, f.end) for f in flags if f.start is not None]
    cuts = {0, len(text), lead_end}
    for s, e in spans:
        cuts.update((max(s, lead_end), max(e, lead_end)))
    cuts.update(o for o in footnote_at if lead_end <= o <= len(text))
    calls: dict[int, list[str]] = {}
    for number, at in zip(footnotes, footnote_at):
        calls.setdefault(min(max(at, lead_end), len(text)), []).append(number)

    out: list[Segment] = []
    if lead_end:
        out.append(Segment(text[:lead_end], lead=True, flagged=_overlaps(0, lead_end, spans)))
    points = sorted(c for c in cuts if c >= lead_end)
    for i, a in enumerate(points):
        out.extend(Segment("", footnote=n) for n in calls.pop(a, []))
        b = points[i + 1] if i + 1 < len(points) else a
        if b > a:
            seg = Segment(text[a:b], flagged=_overlaps(a, b, spans))
            if out and not out[-1].lead and out[-1].footnote is None and out[-1].flagged == seg.flagged:
                out[-1] = Segment(out[-1].text + seg.text, flagged=seg.flagged)
            else:
                out.append(seg)
    return tuple(out)
