"""Alignment on real pairs, against links labelled by reading both texts (tests/data/links).

The labels were made by hand, paragraph by paragraph, before the aligner was scored on them;
resodiff must find nearly all of them and clearly beat difflib's SequenceMatcher.
"""

from __future__ import annotations

import pytest

from benchmarks.link_quality import difflib_links, load_labels, prf, resodiff_links
from resodiff.readers import read

from conftest import DATA, needs_shared

pytestmark = needs_shared
LABELS = sorted((DATA / "links").glob("*.tsv"))


def _score(method) -> tuple[float, float, float]:
    tp = predicted = true = 0
    for path in LABELS:
        old_path, new_path, old_ids, new_ids, links = load_labels(path)
        old, new = read(old_path), read(new_path)
        # only operative paragraphs were labelled: score links between them
        found = {(o, n) for o, n in method(old, new) if o in old_ids and n in new_ids}
        tp += len(found & links)
        predicted += len(found)
        true += len(links)
    return prf(tp, predicted, true)


def test_labels_are_there():
    assert len(LABELS) == 9


def test_resodiff_finds_the_true_links():
    precision, recall, _f1 = _score(resodiff_links)
    assert precision >= 0.98 and recall >= 0.95, (precision, recall)


def test_resodiff_beats_difflib_clearly():
    *_, ours = _score(resodiff_links)
    *_, baseline = _score(lambda o, n: difflib_links(o, n, fancy=False))
    assert ours >= baseline + 0.2, (ours, baseline)


@pytest.mark.parametrize("path", LABELS, ids=lambda p: p.stem)
def test_each_pair_keeps_its_links(path):
    old_path, new_path, old_ids, new_ids, links = load_labels(path)
    found = {(o, n) for o, n in resodiff_links(read(old_path), read(new_path)) if o in old_ids and n in new_ids}
    # a wrong link is worse than a missed one: never invent
    assert found <= links, found - links
    assert len(found) >= len(links) - 2, links - found
