"""The header of a resolution (symbol, session, agenda item, dates, drafts) and its references."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from resodiff.languages import Profile
from resodiff.model import Paragraph
from resodiff import symbols
from resodiff.fold import fold
from resodiff.readers.clean import strip_markup

_TITLE_LINE = re.compile(r"^(?P<session>\d{1,3})/(?P<number>\d{1,4})\.\s+(?P<title>.+)$")
_DRAFT = re.compile(r"\b[AES]/(?:C\.\d/)?\d{1,3}/L\.\d+(?:/(?:Rev|Add)\.\d+)*")
_DRAFT_TITLE = re.compile(r"draft resolution|projet de résolution|proyecto de resolución", re.IGNORECASE)


@dataclass
class Header:
    symbol: str | None = None
    session: int | None = None
    title: str | None = None
    short_title: str | None = None  # the title line as printed, when cut short
    agenda_title: str | None = None
    agenda_item: str | None = None
    issued: str | None = None
    adopted: str | None = None
    drafts: list[str] = field(default_factory=list)


def front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split YAML-style front matter ("---\\nkey: value\\n---") from the text.

    Only flat ``key: value`` pairs occur in these exports, so no YAML library is needed.
    """
    m = re.match(r"\A\ufeff?---\s*\n(.*?)\n---\s*\n", text, re.DOTALL)
    if not m:
        return {}, text
    data: dict[str, str] = {}
    for line in m.group(1).splitlines():
        k, sep, v = line.partition(":")
        if sep and k.strip() and not k.startswith(" "):
            data[k.strip().lower()] = v.strip().strip('"').strip()
    return data, text[m.end():]


def parse_header(lines: list[str], front: dict[str, str], prof: Profile) -> Header:
    """Read the header lines (everything before the formula)."""
    h = Header()
    plain = [strip_markup(ln) for ln in lines]
    joined = " ".join(plain)
    session_re = re.compile(prof.session_line.format(ordinal=prof.ordinal_re), re.IGNORECASE)
    agenda_re = re.compile(prof.agenda_item, re.IGNORECASE)
    adopted_re = re.compile(prof.adopted_line, re.IGNORECASE)
    distr_re = re.compile(prof.distr, re.IGNORECASE)

    for i, line in enumerate(plain):
        if (m := _TITLE_LINE.match(line)) and h.title is None:
            h.session = int(m["session"])
            h.symbol = f"A/RES/{m['session']}/{m['number']}"
            h.title = m["title"].strip()
        if (m := adopted_re.search(line)) and h.adopted is None:
            h.adopted = prof.parse_date(m["date"])
        if (m := distr_re.search(line)) and h.issued is None:
            h.issued = prof.parse_date(line[m.end():]) or (
                prof.parse_date(plain[i + 1]) if i + 1 < len(plain) else None)
        if (m := agenda_re.search(line)) and h.agenda_item is None:
            h.agenda_item = re.sub(r"\s+", " ", m["item"]).strip()
            rest = line[m.end():].strip()
            h.agenda_title = rest or (plain[i + 1] if i + 1 < len(plain) and not _is_field(plain[i + 1], prof) else None)
        if re.match(prof.committee_line, line, re.IGNORECASE):
            h.drafts = _DRAFT.findall(line)
        if _DRAFT_TITLE.search(line) and i + 1 < len(plain) and h.title is None:
            h.title = plain[i + 1].strip()  # a draft: the title follows "<sponsors>: draft resolution"

    if h.session is None and (m := session_re.search(joined)):
        h.session = prof.ordinal_value(m["ord"])
    if front.get("symbol") and h.symbol is None:
        h.symbol = front["symbol"]
        if h.session is None:
            h.session = symbols.session(h.symbol)
    if h.session is None and (m := re.match(r"\s*(\d{1,3})\b", front.get("session", ""))):
        h.session = int(m.group(1))  # a fragment's front matter: "session: 72 (2017, inferred ...)"
    if h.symbol is None:
        drafts = _DRAFT.findall(joined)
        if drafts and not re.match(prof.committee_line, joined):
            h.symbol = drafts[0]
    h.title, h.short_title = _complete_title(h.title, front.get("title"), h.agenda_title)
    return h


def _is_field(line: str, prof: Profile) -> bool:
    return bool(re.search(prof.adopted_line, line, re.IGNORECASE) or line.startswith("["))


def _complete_title(title: str | None, front_title: str | None, agenda_title: str | None):
    """The full title, where the title line was cut short by the PDF extraction.

    The body wins over the front matter (whose title can be wrong): the front matter or the
    agenda title only completes a title line that is a prefix of it.
    """
    if not title:
        return None, None
    for candidate in (front_title, agenda_title):
        if not candidate:
            continue
        candidate = re.sub(r"\s*:\s*$", "", candidate).strip()
        if len(candidate) > len(title) and fold(candidate).startswith(fold(title)):
            return title + candidate[len(title):], title  # printed words as printed
    return title, None


def parse_meeting(closing: str, prof: Profile) -> tuple[int | None, str | None]:
    m = re.match(prof.meeting_line, strip_markup(closing), re.IGNORECASE)
    if not m:
        return None, None
    return int(m["n"]), prof.parse_date(closing)


# References: resolutions (71/317, 217 A (III), 1325 (2000)) and documents (A/74/811, S/2020/898).
_REFERENCE = re.compile(
    r"(?<![\w/.\-])(?:"
    r"(?:[AES]|A/C\.\d|E/CN\.\d+|A/CONF\.\d+|A/AC\.\d+)/[A-Z0-9.\-()]*(?:/[\w.\-()]+)*"  # documents
    r"(?:-S/\d{4}/\d+)?"  # joint symbols A/75/345-S/2020/898
    r"|S-\d{1,2}/\d{1,2}"  # special sessions: S-10/2
    r"|\d{1,2}/\d{1,3}(?:\s[A-Z]{1,2}(?=[\s,.;]|$))?"  # GA resolutions: 71/317, 34/83 G, 53/77 AA
    r"|\d{1,4}\s(?:[A-Z]\s)?\([IVXL]+\)"  # early GA resolutions: 217 A (III), 169 (II)
    r"|\d{3,4}\s\((?:19|20)\d\d\)"  # Security Council: 1325 (2000)
    r")(?![\w/])"
)


_DIGIT = re.compile(r"\d")


def references(paragraphs: tuple[Paragraph, ...], footnotes: dict[str, str]) -> list[str]:
    """Every resolution and document cited, in reading order, each once.

    A footnote's references are read where its marker stands.
    """
    seen: dict[str, None] = {}

    def take(text: str) -> None:
        if not _DIGIT.search(text):  # every reference kept holds a digit: a text without one has none
            return
        for m in _REFERENCE.finditer(text):
            ref = m.group(0).rstrip(".,;")
            while ref.endswith(")") and ref.count(")") > ref.count("("):  # "(S/INF/68)."
                ref = ref[:-1].rstrip(".,;")
            if _DIGIT.search(ref):  # "A/RES" alone is no reference
                seen.setdefault(ref, None)

    def walk(p: Paragraph) -> None:
        take(p.text)
        for n in p.footnotes:
            take(footnotes.get(n, ""))
        for s in p.subparagraphs:
            walk(s)

    for p in paragraphs:
        walk(p)
    return list(seen)
