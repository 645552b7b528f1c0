"""Shared test fixtures: where the real documents are, and skipping when they are not."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "en"
SEED = ROOT / "corpus" / "A_RES_75_15.fr.md"
DATA = Path(__file__).resolve().parent / "data"

needs_shared = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is absent: real-document tests skipped")
