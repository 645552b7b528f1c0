"""The corpus folder: where it is by default, which of its files may be resolutions, and the
name a resolution is stored under (the same as `resodiff fetch` gives it). No I/O but the
user's data folder's name."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_path

from resodiff import symbols

INDEX_DIR = ".resodiff"  # inside the corpus folder, hidden: never taken for a resolution
# Files in the folder that are never resolutions: the parsed JSON `resodiff fetch` keeps beside
# each document, the index itself, and a copy still being written.
SKIP_SUFFIXES = frozenset({".json", ".sqlite3", ".sqlite3-wal", ".sqlite3-shm", ".part"})


def default_folder() -> Path:
    """The user's corpus folder (platformdirs): where `resodiff fetch` and `corpus add` store."""
    return user_data_path("resodiff") / "corpus"


def candidate(rel: Path) -> bool:
    """A path (relative to a folder being scanned) that may hold a resolution."""
    return not any(part.startswith(".") for part in rel.parts) and rel.suffix.lower() not in SKIP_SUFFIXES


def stored_name(src: Path, symbol: str | None, language: str) -> str:
    """A_RES_75_15.fr.md: symbol and language, as `resodiff fetch` names files; the file's own
    name when the text gives no symbol."""
    if not symbol:
        return src.name
    suffix = src.suffix.lower() if src.suffix else ".txt"
    return symbols.file_stem(symbol, language) + suffix
