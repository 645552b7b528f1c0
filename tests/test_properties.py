"""Property tests: whatever text comes in, the parser answers with a Resolution or a ReadError."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resodiff.errors import ReadError
from resodiff.readers.text import parse_text

from conftest import SEED

SEED_TEXT = SEED.read_text(encoding="utf-8")
BLOCKS = [b for b in re.split(r"\n\s*\n", SEED_TEXT) if b.strip()]


def _parse(text: str):
    try:
        res = parse_text(text, source="prop.md")
    except ReadError as exc:
        assert "\n" not in str(exc)
        return None
    ids = [p.id for p in res.paragraphs]
    assert all(p.text for p in res.paragraphs)
    return res, ids


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=2000))
def test_random_text_never_crashes(text):
    _parse(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(BLOCKS), min_size=1, max_size=60), st.randoms(use_true_random=False))
def test_shuffled_real_paragraphs_never_crash(blocks, rnd):
    blocks = list(blocks)
    rnd.shuffle(blocks)
    _parse("\n\n".join(blocks))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, len(SEED_TEXT)), st.integers(0, len(SEED_TEXT)), st.sampled_from(["", "\n", "\n\n", " "]))
def test_cut_and_joined_seed_never_crashes(a, b, glue):
    lo, hi = sorted((a, b))
    _parse(SEED_TEXT[:lo] + glue + SEED_TEXT[hi:])
