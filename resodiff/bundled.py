"""Where the bundled corpus/ and templates/ are, installed or not.

Installed (editable or not), they are the packages resodiff.corpus and resodiff.templates
(see pyproject.toml). Run from a source checkout without installing, they are the top-level
folders beside the package.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parent.parent


def _folder(package: str, name: str) -> Path:
    try:
        return Path(str(resources.files(package)))
    except ModuleNotFoundError:
        return _CHECKOUT / name


def corpus_dir() -> Path:
    return _folder("resodiff.corpus", "corpus")


def templates_dir() -> Path:
    return _folder("resodiff.templates", "templates")


def example() -> Path:
    """The seed resolution, A/RES/75/15 in French: the project's bundled example."""
    return corpus_dir() / "A_RES_75_15.fr.md"
