"""Language profiles: everything resodiff knows about one official language, kept as data.

A profile is a plain ``Profile`` built by ``resodiff/languages/<code>.py``. Readers, the aligner
and the drafter ask the profile; they never hold language facts of their own, so adding
Russian or Arabic is writing one more data module.
"""

from __future__ import annotations

import re
from collections import Counter
from contextlib import suppress
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import import_module

from num2words import num2words

from resodiff.fold import fold

CODES = ("fr", "en", "es")


@dataclass(frozen=True)
class DraftWords:
    """What the drafter (``resodiff/draft.py``) writes and looks for in one language.

    Strings with ``{}`` or named fields are formats; fields named ``*_re`` and ``own_*`` are
    regular expressions (matched ignoring case), ``{ordinal}`` / ``{months}`` filled in by the
    profile.
    """

    formula: str  # "L'Assemblée générale,"
    distribution: str  # "Distr. limitée": a draft is a limited document
    date_placeholder: str  # "[date]"
    title_placeholder: str  # where the text gave no title
    session_line: str  # "{ordinal} session", the ordinal capitalised
    agenda_line: str  # "Point {item} de l'ordre du jour"
    sponsors_line: str  # "[Auteurs] : projet de résolution"
    flag: str  # "[À ACTUALISER : {reasons}]": the marker a flagged paragraph carries
    reason_separator: str  # " ; " between two reasons in one marker
    reasons: dict  # flag kind -> format of its reason: {"year": "année {}", ...}
    colon: str  # " : " (French puts a space before the colon)
    footnote: str  # "note": "PP4, note 3"
    flags_heading: str
    changes_heading: str
    sub_label: str  # "{})" -> "a)"; "({})" -> "(a)"
    date_format: str  # "{day} {month} {year}"; {Month} for a capitalised month
    first_day: str  # "1er": how the first day of a month is written
    date_connector: str  # " du " in "73/259 du 10 décembre 2018"
    resolution_re: str  # "(sa) résolution" before a single resolution's symbol
    resolutions_re: str  # "résolutions" before a list of resolutions (text or footnote)
    own_session_re: str  # "sa <ordinal> session": the Assembly's own sessions
    date_re: str  # a written date to flag, with group "year"
    anniversary_re: str  # "anniversaire"
    event_nouns_re: str  # what an ordinal numbers: "sommets?|conférences?|sessions?|..."
    first_words_re: str  # "premiers" in "les 11 premiers sommets"
    report_re: str  # "rapport": a paragraph about a report whose symbol gets a placeholder
    # A preambular paragraph recalling the series' previous resolution alone: its lead, words
    # that speak of the series ("antérieures", "la plus récente"), and what shows another topic.
    recall_leads_re: str
    series_re: str
    entitled_re: str
    not_years: tuple[str, ...] = ()  # names that hold a year but date nothing: "coronavirus 2019"
    # The heading after which a draft's own notes (flags, technical updates) follow: no reader
    # takes what comes after it for resolution text.
    notes_heading: str = "Drafting notes (not part of the draft)"
    # How the lists name a paragraph: "{}" is the preambular paragraph's rank / operative number.
    pp_name: str = "PP{}"
    general_distribution: str = "Distr.: General"  # an adopted resolution's header
    # The text's own session named in full ("the records of the seventy-second session of the
    # General Assembly"): rolled to the draft's session. Group "ord".
    this_session_re: str = ""
    deadline_re: str = ""  # a target year: "by 2010"; group "year"
    # An operative paragraph that asks for a report again ("Requests the Secretary-General to
    # submit ... a report", "annual report"): only then do report symbols get a placeholder.
    report_request_re: str = ""
    op_name: str = "OP{}"


@dataclass(frozen=True)
class Profile:
    code: str
    name: str
    # Words frequent in running text of this language and rare in the others (detection).
    stopwords: frozenset[str]
    # "L'Assemblée générale," - the formula between header and preamble.
    formula: str
    organ: str
    months: tuple[str, ...]  # January..December, lower case
    # Preamble leads: phrases a preambular paragraph opens with, longest match wins; any word
    # matching ``pp_lead_word`` (a participle) is accepted too.
    pp_leads: tuple[str, ...]
    pp_lead_word: str  # regex for one participle / adjective
    # Operative leads that are more than one word ("Takes note", "Prend note").
    op_phrases: tuple[str, ...]
    op_lead_word: str  # regex for one present-tense verb
    # Words that may stand before the lead ("Also requests", "Profondément préoccupée").
    pp_prefixes: tuple[str, ...]
    op_prefixes: tuple[str, ...]
    # Modifiers that may follow a lead ("Recalling further", "avec satisfaction").
    pp_suffixes: tuple[str, ...]
    op_suffixes: tuple[str, ...]
    # Header lines, each a regex with named groups.
    distr: str  # "Distr. générale" + optional date
    session_line: str  # "<ordinal> session"
    agenda_item: str  # group "item"
    adopted_line: str  # group "date"
    committee_line: str  # "[sans renvoi ... (A/75/L.25 et ...)]"
    meeting_line: str  # group "n", optional group "date"
    list_and: str  # " et " in "57/35 et 73/259"
    sub_label: str  # regex for "(a)" / "a)" with group "label"
    ordinal_gender: str | None = None  # num2words' gender for "session" ordinals
    # Lead verbs from weakest to strongest: a change along the scale is a strengthening or a
    # weakening (used by compare).
    verb_scale: tuple[tuple[str, ...], ...] = ()
    extra: dict = field(default_factory=dict)
    # Endings of an ordinal as written before the word for "session": "primero" -> "primer".
    ordinal_variants: tuple[tuple[str, str], ...] = ()
    # Negotiation status notes a facilitator writes beside a paragraph, per status ("agreed",
    # "pending"), longest first; matched ignoring case, a final full stop optional.
    status_notes: tuple[tuple[str, tuple[str, ...]], ...] = ()
    draft: DraftWords | None = None  # what the drafter needs; None: drafts not supported
    # Typography: the (non-breaking) space a sign takes before or after it in this language,
    # e.g. French "\u202f" before ";" and "\u00a0" after "«"; and Word's language tag.
    space_before: dict = field(default_factory=dict)
    space_after: dict = field(default_factory=dict)
    word_lang: str = "en-US"

    # ---- derived look-ups -------------------------------------------------------------

    @property
    def draft_words(self) -> DraftWords:
        """The drafter's words, for code that runs only where drafts are supported."""
        if self.draft is None:
            raise LookupError(f"drafts in {self.name} are not supported")
        return self.draft

    @cached_property
    def formula_re(self) -> re.Pattern[str]:
        return re.compile(r"^\s*" + self.formula + r"\s*[,:]?\s*$", re.IGNORECASE)

    @cached_property
    def month_number(self) -> dict[str, int]:
        return {m: i + 1 for i, m in enumerate(self.months)}

    @cached_property
    def date_re(self) -> re.Pattern[str]:
        months = "|".join(sorted(self.months, key=len, reverse=True))
        # "de" for Spanish: "1 de diciembre de 2025"
        return re.compile(rf"\b(?P<day>\d{{1,2}})(?:er|st|nd|rd|th)?\s+(?:de\s+)?(?P<month>{months})\s+(?:de\s+)?(?P<year>\d{{4}})\b",
                          re.IGNORECASE)

    def parse_date(self, text: str) -> str | None:
        """First date in ``text`` as ISO yyyy-mm-dd, or None."""
        m = self.date_re.search(text)
        if not m:
            return None
        month = self.month_number[m["month"].lower()]
        return f"{int(m['year']):04d}-{month:02d}-{int(m['day']):02d}"

    @cached_property
    def ordinals(self) -> dict[str, int]:
        """Written ordinal (lower case, as num2words spells it) -> number, 1..200."""
        table: dict[str, int] = {}
        for n in range(1, 201):
            for word in self.ordinal_words(n):
                table[fold(word)] = n
        return table

    def ordinal_words(self, n: int) -> list[str]:
        words = [num2words(n, lang=self.code, to="ordinal")]
        if self.ordinal_gender:
            with suppress(TypeError):  # older num2words without gender for this language
                words.append(num2words(n, lang=self.code, to="ordinal", gender=self.ordinal_gender))
        for ending, variant in self.ordinal_variants:
            if words[0].endswith(ending):
                words.append(words[0][: -len(ending)] + variant)
        return words

    def ordinal(self, n: int, *, capital: bool = False) -> str:
        """``n`` written out as the ordinal of a session: "soixante-dix-septième", "octogésimo primer"."""
        word = num2words(n, lang=self.code, to="ordinal")
        for ending, variant in self.ordinal_variants:
            if word.endswith(ending):
                word = word[: -len(ending)] + variant
        return word[:1].upper() + word[1:] if capital else word

    def format_date(self, iso: str) -> str:
        """An ISO date (2020-11-23) as this language prints it: "23 novembre 2020"."""
        year, month, day = (int(x) for x in iso.split("-"))
        words = self.draft_words
        name = self.months[month - 1]
        return words.date_format.format(day=words.first_day if day == 1 else day, month=name,
                                        Month=name[:1].upper() + name[1:], year=year)

    def ordinal_value(self, word: str) -> int | None:
        return self.ordinals.get(fold(word))

    @cached_property
    def ordinal_re(self) -> str:
        """Regex for one written ordinal (e.g. "soixante-quinzième")."""
        words = sorted(self.ordinals, key=len, reverse=True)
        return "(?:" + "|".join(re.escape(w) for w in words) + ")"

    @cached_property
    def pp_lead_re(self) -> re.Pattern[str]:
        return _lead_regex(self.pp_prefixes, self.pp_leads, self.pp_lead_word, self.pp_suffixes)

    @cached_property
    def op_lead_re(self) -> re.Pattern[str]:
        return _lead_regex(self.op_prefixes, self.op_phrases, self.op_lead_word, self.op_suffixes)

    def pp_lead(self, text: str) -> str | None:
        """The lead phrase a preambular paragraph opens with, or None."""
        return _match_lead(self.pp_lead_re, text)

    def op_lead(self, text: str) -> str | None:
        """The lead verb phrase an operative paragraph opens with, or None."""
        return _match_lead(self.op_lead_re, text)

    def scale_rank(self, lead: str) -> int | None:
        """Position of a lead on the verb scale (weak to strong), ignoring adverbs like "also"."""
        core = fold(lead)
        best: tuple[int, int] | None = None
        for rank, verbs in enumerate(self.verb_scale):
            for verb in verbs:
                v = fold(verb)
                if (best is None or len(v) > best[1]) and re.search(rf"(?:^|\s){re.escape(v)}(?:\s|$)", core):
                    best = (rank, len(v))
        return best[0] if best else None


def _match_lead(pattern: re.Pattern[str], text: str) -> str | None:
    # Leads open a paragraph, so they start with a capital; the regex itself ignores case so
    # that "Also requests" and "Recalling further" need no case variants in the data.
    if not text[:1].isupper():
        return None
    m = pattern.match(text)
    return _WHITE.sub(" ", m.group(0)).strip() if m else None


_WHITE = re.compile(r"\s+")


def _alt(phrases) -> str:
    parts = sorted(set(phrases), key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in parts)


def _lead_regex(prefixes, phrases, word, suffixes) -> re.Pattern[str]:
    pre = rf"(?:(?:{_alt(prefixes)})\s+)*" if prefixes else ""
    core = rf"(?:{_alt(phrases)}|{word})" if phrases else word
    suf = rf"(?:\s+(?:{_alt(suffixes)}))*" if suffixes else ""
    # A lead ends at a word boundary that is not an apostrophe (so "Rappelant" never eats "l'").
    return re.compile(rf"{pre}{core}{suf}(?=[\s,;:.]|$)", re.IGNORECASE)


def typeset(text: str, code: str | None) -> str:
    """``text`` with the spaces its language's typography asks for around punctuation.

    A plain space next to a sign the profile names becomes that sign's non-breaking space:
    French "année 2017 ; date" -> "année 2017\u202f; date", "« Sommet »" with thin spaces.
    Only spaces change, one character for one, so pieces of a text can be typeset together
    (``typeset_pieces``). Apostrophes are the source's (see ``apostrophe_of``).
    """
    if code not in CODES:  # a language without a profile: its text as it is
        return text
    prof = profile(code)
    # Each pattern only where its sign occurs (a regex scan of a long paragraph costs seconds).
    for sign, space in prof.space_before.items():
        if sign in text:
            text = re.sub(rf"(?<=\S)[ \u00a0\u202f](?={re.escape(sign)})", space, text)
    for sign, space in prof.space_after.items():
        if sign in text:
            text = re.sub(rf"(?<={re.escape(sign)})[ \u00a0\u202f](?=\S)", space, text)
    return text


def typeset_pieces(pieces: list[str], code: str | None) -> list[str]:
    """``typeset`` over the pieces of one text (runs of a paragraph), so a space that starts a
    piece still sees the sign that follows it; the pieces keep their lengths."""
    whole = typeset("".join(pieces), code)
    out, at = [], 0
    for piece in pieces:
        out.append(whole[at:at + len(piece)])
        at += len(piece)
    return out


def apostrophe_of(texts) -> str:
    """The apostrophe a text uses most: typographic "’" or straight "'" (resodiff's own words follow it)."""
    curly = straight = 0
    for t in texts:
        curly += t.count("’")
        straight += len(re.findall(r"\w'\w", t))
    return "’" if curly > straight else "'"


@cache
def profile(code: str) -> Profile:
    """The profile for a language code ("fr", "en", "es")."""
    if code not in CODES:
        raise KeyError(code)
    return import_module(f"resodiff.languages.{code}").PROFILE


def detect(text: str) -> str | None:
    """The language of ``text`` by its most frequent function words, or None if unclear."""
    words = re.findall(r"[a-zà-ÿ]+", text[:20000].lower())
    if len(words) < 5:
        return None
    counts = Counter(words)  # each stop word looked up once, not each word once per language
    scores = {code: sum(counts[w] for w in profile(code).stopwords if w in counts) for code in CODES}
    best = max(scores, key=lambda code: scores[code])
    ranked = sorted(scores.values(), reverse=True)
    if ranked[0] < 3 or ranked[0] < 1.5 * ranked[1]:
        return None
    return best
