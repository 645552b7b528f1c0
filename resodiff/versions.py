"""The versions a user names for a series - files, or a folder of them - read and kept to one
series, the way ``corpus series`` groups a corpus (title, recall chain).

``report --series``, ``history FILES...`` and ``tui --series FOLDER`` read their versions here,
so that a file of another series given with them (the Millennium Declaration beside the
malaria resolutions) is left out with one warning naming it, not compared as the next version.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from resodiff.errors import ResodiffError
from resodiff.history import Document, Series, pick_series
from resodiff.library.document import describe
from resodiff.model import Resolution
from resodiff.readers import read


@dataclass(frozen=True)
class Versions:
    """The members of one series as read, oldest first, and the files left out."""

    series: Series
    texts: tuple[Resolution, ...]  # the members' texts, in the order of ``series.members``
    left_out: tuple[Document, ...]
    unread: tuple[str, ...] = ()  # "file: why" for files that could not be read (skip_unreadable)

    @property
    def warning(self) -> str | None:
        """One line naming the files left out, or None."""
        if not self.left_out:
            return None
        names = [doc.name for doc in self.left_out]
        series = f"the series “{self.series.title}”" if self.series.title else "the others' series"
        return f"left out {len(names)} file{'s' * (len(names) > 1)} not in {series}: " + ", ".join(names)


def read_series(paths: Sequence[Path], language: str | None = None, *,
                skip_unreadable: bool = False) -> Versions:
    """Read ``paths`` and keep the files of the series most of them belong to (``pick_series``).

    Raises ReadError for a file that cannot be read (``skip_unreadable``: notes it in
    ``unread`` instead), SeriesError where the files are several series of one size.
    ``language`` skips language detection.
    """
    texts: dict[int, Resolution] = {}
    documents = []
    unread = []
    for path in paths:
        try:
            res, doc = describe(Path(path))
        except ResodiffError as exc:
            if not skip_unreadable:
                raise
            unread.append(str(exc))
            continue
        if language and res.language != language:  # the language the user says, not the one detected
            res = read(path, language=language)
            doc = replace(doc, language=language)
        texts[id(doc)] = res
        documents.append(doc)
    series, left_out = pick_series(documents)
    return Versions(series, tuple(texts[id(m)] for m in series.members), left_out, tuple(unread))
