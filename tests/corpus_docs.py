"""Small English resolutions written as text files, for the corpus, series and history tests."""

from __future__ import annotations

from pathlib import Path

from resodiff.languages import profile

_EN = profile("en")


def ordinal(n: int) -> str:
    """77 -> "Seventy-seventh", as a session line prints it."""
    word = next(w for w, k in _EN.ordinals.items() if k == n)
    return word[:1].upper() + word[1:]


def resolution_text(symbol: str, title: str, operative: list[str], preamble: list[str] = (),
                    footnotes: dict[str, str] | None = None, year: int | None = None) -> str:
    """The text of a resolution as the UN text export lays it out. ``symbol``: "A/RES/77/12"."""
    session, number = (int(x) for x in symbol.split("/")[2:4])
    year = year or 1945 + session
    lines = [f"United Nations {symbol}", "", "General Assembly Distr.: General", f" 5 December {year}", "",
             f"{ordinal(session)} session", "Agenda item 12", "",
             f"Resolution adopted by the General Assembly on 1 December {year}", "",
             f"{session}/{number}. {title}", "", "The General Assembly,", ""]
    for text in preamble:
        lines += [text, ""]
    for n, text in enumerate(operative, 1):
        lines += [f"{n}. {text}", ""]
    for mark, text in (footnotes or {}).items():
        lines += [f"{mark} {text}", ""]
    return "\n".join(lines)


def write(folder: Path, name: str, *args, **kwargs) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(resolution_text(*args, **kwargs), encoding="utf-8")
    return path


FORUM = "Cooperation between the United Nations and the Pacific Islands Forum"
OPS = [
    "Encourages the United Nations and the Pacific Islands Forum to strengthen their cooperation on climate change;",
    "Calls upon the specialized agencies to expand technical assistance for fisheries management and maritime surveillance;",
    "Requests the Secretary-General to submit to the General Assembly at its {next} session a report on the implementation of the present resolution.",
]


def forum(folder: Path, session: int, number: int, *, operative: list[str] | None = None, recalls: str | None = None,
          name: str | None = None) -> Path:
    """A member of the (invented) Pacific Islands Forum series, session ``session``."""
    ops = [t.replace("{next}", ordinal(session + 2).lower()) for t in (operative or OPS)]
    pre = ["Recalling its previous resolutions on cooperation between the United Nations and the Pacific Islands Forum,1"] if recalls else []
    notes = {"1": recalls} if recalls else None
    return write(folder, name or f"forum_{session}.md", f"A/RES/{session}/{number}", FORUM, ops, pre, notes)
