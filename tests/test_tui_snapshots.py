"""SVG snapshots of the terminal app's main views at 80x24, 120x40 and 200x50 (pytest-textual-snapshot).

Each was looked at before it was pinned. After a deliberate change of the screen, look again
and re-pin: ``pytest tests/test_tui_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SEED
from tui_docs import edited_seed

from resodiff.tui.app import ResodiffApp
from resodiff.tui.sources import PAIR, Request

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40"), pytest.param((200, 50), id="200x50")]


def keys(*pressed: str):
    """A run_before that waits for the worker, then presses ``pressed`` one by one."""
    async def run_before(pilot) -> None:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        for key in pressed:
            await pilot.press(key)
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
    return run_before


@pytest.fixture
def pair(tmp_path: Path) -> Request:
    return Request(PAIR, (SEED, edited_seed(tmp_path)))


@pytest.mark.parametrize("size", SIZES)
def test_outline_of_the_bundled_example(snap_compare, size):
    assert snap_compare(ResodiffApp(), terminal_size=size, run_before=keys())


@pytest.mark.parametrize("size", SIZES)
def test_side_by_side(snap_compare, pair, size):
    """PP3 reworded, at the top after n."""
    assert snap_compare(ResodiffApp(pair), terminal_size=size, run_before=keys("n"))


@pytest.mark.parametrize("size", SIZES)
def test_side_by_side_added_and_deleted(snap_compare, pair, size):
    """The inserted OP6: the whole paragraph underlined, nothing on the old side."""
    assert snap_compare(ResodiffApp(pair), terminal_size=size, run_before=keys("n", "n"))


@pytest.mark.parametrize("size", SIZES)
def test_inline(snap_compare, pair, size):
    """OP23's lead strengthened, as tracked changes in one column."""
    assert snap_compare(ResodiffApp(pair), terminal_size=size,
                        run_before=keys("g", *"OP23", "enter", "s"))


@pytest.mark.parametrize("size", SIZES)
def test_summary_and_footnotes(snap_compare, pair, size):
    """The summary panel (beside the text when wide, over it when narrow) and PP4's footnotes."""
    assert snap_compare(ResodiffApp(pair), terminal_size=size,
                        run_before=keys("g", *"PP4", "enter", "o", "i"))


def test_light_theme(snap_compare, pair):
    """The deleted OP11 (struck through, nothing on the new side), in the light theme."""
    assert snap_compare(ResodiffApp(pair, theme="light"), terminal_size=(120, 40), run_before=keys("n", "n", "n"))


def test_help(snap_compare, pair):
    assert snap_compare(ResodiffApp(pair), terminal_size=(80, 24), run_before=keys("question_mark"))
