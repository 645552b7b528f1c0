"""Alignment on versions built from real texts by recorded drafting edits (tests/data/links).

Each ``.edits`` file records, paragraph by paragraph, what a drafter did and which old paragraphs
each new one is made of; those links are the truth. The aligner must invent none, and find all
but a few (benchmarks/link_quality.py prints the figures, tuning and held-out apart).
"""

from __future__ import annotations

import importlib.util

import pytest

from resodiff.align import align
from resodiff.compare import row_json

from conftest import DATA, needs_shared

pytestmark = needs_shared
LINKS = DATA / "links"
EDITS = sorted(LINKS.glob("*/*.edits"))


def _edited():
    spec = importlib.util.spec_from_file_location("links_edited", LINKS / "edited.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


edited = _edited()


def test_the_labelled_set_is_three_times_larger_and_a_third_is_held_out():
    counts = {"tuning": 0, "held-out": 0}
    splits = merges = 0
    for path in EDITS:
        _, _, links = edited.build(path)
        counts[path.parent.name] += len(links)
        olds = [o for o, _ in links]
        news = [n for _, n in links]
        splits += len({o for o in olds if olds.count(o) > 1})
        merges += len({n for n in news if news.count(n) > 1})
    real = sum(1 for path in LINKS.glob("*.tsv") for line in path.read_text(encoding="utf-8").splitlines()
               if line and not line.startswith(("#", "old\t")))
    total = real + counts["tuning"] + counts["held-out"]
    assert total >= 350 and counts["held-out"] >= total / 3 - 5, (real, counts)
    assert splits >= 15 and merges >= 15, (splits, merges)


@pytest.mark.parametrize("path", EDITS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_built_pairs_no_invented_link(path):
    old, new, truth = edited.build(path)
    found = {(o, n) for row in align(old, new) for o in row.old for n in row.new}
    assert found <= truth, found - truth
    assert len(found) >= len(truth) - 2, truth - found


def test_a_short_clause_merged_into_the_next_paragraph_is_found_whole():
    old, new, _ = edited.build(LINKS / "tuning" / "a75_15.fr.edits")
    rows = {r.new: r for r in align(old, new)}
    row = rows[("PP11",)]
    assert (row.status, row.old) == ("merged", ("PP10", "PP11"))
    assert row_json(row)["why"] == list(row.why) and "in order, in the whole" in row.why[0]


def test_an_edit_that_no_longer_fits_its_text_is_an_error(tmp_path):
    path = tmp_path / "stale.edits"
    path.write_text("# old: bundled:A_RES_75_15.fr.md\nnew\tfrom\tkind\tedit\n"
                    "PP1\tPP1\tmodified\tno such words → other words\n", encoding="utf-8")
    with pytest.raises(edited.EditError, match="not in the text"):
        edited.build(path)
