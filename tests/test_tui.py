"""The terminal app, driven as a user drives it: every key, and what is on screen afterwards.

The seed against a hand-edited version of it (``tui_docs.edited_seed``: PP3 reworded, OP11
deleted, a new OP6 inserted and the rest renumbered, OP23's lead strengthened, the next session
rolled forward in OP27 and OP28), the bundled example alone, a series made of both, and a real
72 -> 80 pair when ../shared is there.
"""

from __future__ import annotations

import asyncio
import json
import re
import threading
from pathlib import Path

import pytest
from conftest import CORPUS, SEED, needs_shared
from contracts import conforms
from textual.widgets import Input, LoadingIndicator, OptionList
from tui_docs import edited_seed, edited_seed_text, screen_text

from resodiff.cli import main
from resodiff.compare import compare
from resodiff.readers import read
from resodiff.tui import review as review_module
from resodiff.tui.app import ResodiffApp
from resodiff.tui.columns import ColumnHeader
from resodiff.tui.export import ExportScreen
from resodiff.tui.footnotes import FootnotePanel
from resodiff.tui.goto import GotoScreen
from resodiff.tui.help import HelpScreen
from resodiff.tui.paragraph import INLINE, SIDE, RowView
from resodiff.tui.paragraph_list import ParagraphList
from resodiff.tui.picker import VersionPicker
from resodiff.tui.review import KEY_HELP, ReviewScreen
from resodiff.tui.rows import (
    ViewRow,
    find_row,
    footnote_lines,
    lead_changes,
    normalise_id,
    rows_from_compare,
)
from resodiff.tui.search import SearchBar
from resodiff.tui.sources import DRAFT, OUTLINE, PAIR, SERIES, Request
from resodiff.tui.summary import SummaryPanel

# The rows n stops at, in order, for the seed against its edited version.
CHANGES = ["PP3", "OP6", "OP11", "OP23", "OP27", "OP28"]


# The 72nd-session ICC text (operative paragraphs only) and its 80th-session successor, 80/6.
ICC_72 = CORPUS / "ga-72-partial" / "N1735495.partial.md"
ICC_80 = CORPUS / "ga-80" / "A_RES_80_6.md"


@pytest.fixture
def edited(tmp_path: Path) -> Path:
    return edited_seed(tmp_path)


@pytest.fixture
def pair(edited: Path) -> Request:
    return Request(PAIR, (SEED, edited))


def focused_label(app) -> str | None:
    """The id of the focused paragraph (the list's current row)."""
    current = app.screen.query_one(ParagraphList).current() if app.screen.query(ParagraphList) else None
    return current.row.label if current is not None else None


async def ready(app, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


def review(app) -> ReviewScreen:
    screen = app.screen
    assert isinstance(screen, ReviewScreen)
    return screen


def run(coro):
    return asyncio.run(coro)


# ---- opening ----------------------------------------------------------------------------------


def test_default_screen_is_the_outline_of_the_bundled_example_and_says_how_to_open_two():
    async def go():
        app = ResodiffApp()
        async with app.run_test(size=(100, 30)) as pilot:
            await ready(app, pilot)
            text = screen_text(app)
            # in the text's language: the bundled example is French
            assert "A/RES/75/15" in text and "plan" in text
            assert "resodiff ANCIEN NOUVEAU" in text and "resodiff tui --series DOSSIER" in text
            assert "18 PP, 28 OP, 10 notes" in text
            assert "Rappelant" in text and "note 1" in text  # leads and footnotes
            views = list(app.screen.query(RowView))
            assert [v.row.label for v in views][:3] == ["PP1", "PP2", "PP3"]
            assert len(views) == 46
            assert focused_label(app) == "PP1"
            # Comparison keys do nothing and are not offered for a single text.
            await pilot.press("n")
            assert focused_label(app) == "PP1"
            assert review(app).check_action("next_change", ()) is False
    run(go())


def test_two_versions_side_by_side_with_ids_status_and_marks(pair: Request):
    async def go():
        app = ResodiffApp(pair)
        async with app.run_test(size=(120, 40)) as pilot:
            await ready(app, pilot)
            screen = review(app)
            assert screen.title == "A_RES_75_15.fr.md → A_RES_75_15.edited.fr.md"
            assert "4 modifiés" in screen.sub_title and "1 ajouté" in screen.sub_title
            header = app.screen.query_one(ColumnHeader)
            assert (header.old, header.new) == ("A_RES_75_15.fr.md", "A_RES_75_15.edited.fr.md")
            text = screen_text(app)
            assert "précédent A_RES_75_15.fr.md" in text and "supprimé" in text and "ajouté" in text
            assert "PP1" in text and "inchangé" in text
            views = list(app.screen.query(RowView))
            assert all(v.mode == SIDE for v in views)
            assert len(views) == 47  # 46 paragraphs, one deleted and one added
    run(go())


def test_loading_runs_in_a_worker_and_the_screen_stays_live(pair: Request, monkeypatch):
    gate = threading.Event()
    real_load = review_module.load

    def slow_load(request):
        gate.wait(10)
        return real_load(request)

    monkeypatch.setattr(review_module, "load", slow_load)

    async def go():
        app = ResodiffApp(pair)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert app.screen.query(LoadingIndicator)
            # the language is not known yet: the files' names, no words
            assert "A_RES_75_15.fr.md → A_RES_75_15.edited.fr.md …" in screen_text(app)
            await pilot.press("question_mark")  # the app answers while the worker works
            assert isinstance(app.screen, HelpScreen)
            await pilot.press("escape")
            gate.set()
            await ready(app, pilot)
            assert not app.screen.query(LoadingIndicator)
            assert len(app.screen.query(RowView)) == 47
    run(go())


def test_a_text_that_is_no_resolution_is_one_line_on_screen(tmp_path: Path):
    junk = tmp_path / "notes.md"
    junk.write_text("Shopping list: bread, milk.\n", encoding="utf-8")

    async def go():
        app = ResodiffApp(Request(PAIR, (SEED, junk)))
        async with app.run_test(size=(80, 24)) as pilot:
            await ready(app, pilot)
            text = screen_text(app)
            assert "error: " in text and "notes.md" in text
            assert not app.screen.query(RowView)
            await pilot.press("q")
        assert app.return_code == 0
    run(go())


# ---- every key ----------------------------------------------------------------------------------


def test_n_and_p_move_from_change_to_change(pair: Request):
    async def go():
        app = ResodiffApp(pair)
        async with app.run_test(size=(80, 24)) as pilot:
            await ready(app, pilot)
            seen = []
            for _ in CHANGES:
                await pilot.press("n")
                seen.append(focused_label(app))
            assert seen == CHANGES
            await pilot.press("n")  # nothing below: stays, says so
            assert focused_label(app) == "OP28"
            assert any("Aucune modification après" in n.message for n in app._notifications)
            back = []
            for _ in CHANGES[:-1]:
                await pilot.press("p")
                back.append(focused_label(app))
            assert back == CHANGES[-2::-1]
            # The focused row is on screen, at the top of the list (under the title and the
            # column names), its insertion there too.
            lines = screen_text(app).splitlines()
            assert "PP3" in lines[2] and "modifié" in lines[3]
            assert "Notant avec une vive" in "\n".join(lines[2:6])
    run(go())


def test_g_then_an_id_jumps_to_that_paragraph(pair: Request):
    async def go():
        app = ResodiffApp(pair)
        async with app.run_test(size=(80, 24)) as pilot:
            await ready(app, pilot)
            await pilot.press("g")
            assert isinstance(app.screen, GotoScreen)
            await pilot.press(*"OP23", "enter")
            assert focused_label(app) == "OP23"
            assert "Encourage vivement" in screen_text(app)
            await pilot.press("g", *"pp3", "enter")  # any case
            assert focused_label(app) == "PP3"
            await pilot.press("g", *"12", "enter")  # a bare number is an operative paragraph
            assert focused_label(app) == "OP12"
            await pilot.press("g", *"OP99", "enter")  # none: the focus stays, a word says why
            assert focused_label(app) == "OP12"
            assert any("Aucun paragraphe OP99" in n.message for n in app._notifications)
            await pilot.press("g", "escape")
            assert isinstance(app.screen, ReviewScreen) and focused_label(app) == "OP12"
    run(go())


def test_f_shows_changed_paragraphs_only_and_back(pair: Request):
    async def go():
        app = ResodiffApp(pair)
        async with app.run_test(size=(80, 24)) as pilot:
            await ready(app, pilot)
            await pilot.press("f")
            shown = [v.row.label for v in app.screen.query(RowView) if v.display]
            assert shown == CHANGES
            assert focused_label(app) == "PP3"  # PP1 is hidden: the focus went to a change
            assert "f : modifiés" in screen_text(app)
            # g to a hidden paragraph shows everything again.
            await pilot.press("g", *"PP1", "enter")
            assert focused_label(app) == "PP1" and not review(app).changed_only
            await pilot.press("f", "f")
            assert all(v.display for v in app.screen.query(RowView))
    run(go())


def test_slash_searches_both_texts(pair: Request):
    async def go():
        app = ResodiffApp(pair)
        async with app.run_test(size=(80, 24)) as pilot:
            await ready(app, pilot)
            await pilot.press("slash")
            bar = app.screen.query_one(SearchBar)
            assert bar.is_open and isinstance(app.focused, Input)
            await pilot.press(*"santé publique")
            assert review(app).needle == "santé publique"
            assert "1 trouvé" in screen_text(app)
            await pilot.press("enter")
            assert not bar.is_open
            assert focused_label(app) == "OP6"
            assert "1 sur 1" in screen_text(app)  # the focused paragraph is the match
            # A word of the old text only: found in the deleted paragraph.
            await pilot.press("slash", *"ateliers", "enter")
            assert focused_label(app) == "OP11"
            assert app.screen.query_one(ParagraphList).current().row.status == "deleted"
            # ] and [ go on from match to match, round the end.
            await pilot.press("slash")
            await pilot.press(*("ctrl+a",))
            app.screen.query_one("#search-input", Input).value = "soixante-dix"
            await pilot.press("enter")
            first = focused_label(app)
            assert "1 sur 2" in screen_text(app)
            await pilot.press("right_square_bracket")
            second = focused_label(app)
            assert [first, second] == ["OP27", "OP28"]
            assert "2 sur 2" in screen_text(app)
            await pilot.press("right_square_bracket")
            assert focused_label(app) == "OP27"
            await pilot.press("left_square_bracket")
            assert focused_label(app) == "OP28"
            # Escape closes the bar, clears the search and gives the focus back to the paragraph.
            await pilot.press("slash", "escape")
            assert not bar.is_open and focused_label(app) == "OP28"
            assert review(app).needle == "" and " sur 2" not in screen_text(app)
            # Escape on the text, after Enter, clears it too.
            await pilot.press("slash", *"ateliers", "enter")
            assert "1 sur 2" in screen_text(app)
            await pilot.press("escape")
            assert review(app).needle == "" and "1 sur 2" not in screen_text(app)
            await pilot.press("slash", *"introuvable", "enter")
            assert any("Aucun paragraphe ne contient" in n.message for n in app._notifications)
    run(go())


def test_s_switches_to_inline_tracked_changes_and_back(pair: Request):
    async def go():
        app = ResodiffApp(pair)
        async with app.run_test(size=(80, 24)) as pilot:
            await ready(app, pilot)
            await pilot.press("g", *"OP27", "enter", "s")
            assert review(app).mode == INLINE
            assert all(v.mode == INLINE for v in app.screen.query(RowView))
            assert app.screen.query_one(ColumnHeader).mode == INLINE
            text = screen_text(app)
            # One column: the deleted and the inserted words follow each other, a space apart
            # (the display's: the two never run together, colour or not).
            assert "soixante-dix-septième soixante-dix-neuvième session" in text
            assert "septièmesoixante" not in text
            assert focused_label(app) == "OP27"  # the focus stays on the paragraph
            await pilot.press("s")
            assert all(v.mode == SIDE for v in app.screen.query(RowView))
    run(go())


def test_o_shows_the_focused_paragraphs_footnotes(pair: Request):
    async def go():
        app = ResodiffApp(pair)
        async with app.run_test(size=(80, 24)) as pilot:
            await ready(app, pilot)
            panel = app.screen.query_one(FootnotePanel)
            assert not panel.display
            await pilot.press("o")
            assert panel.display
            text = screen_text(app)
            assert "Notes de PP1" in text and "Recueil des Traités" in text
            await pilot.press("g", *"PP4", "enter")
            text = screen_text(app)
            assert "Notes de PP4" in text and "57/35" in text
            await pilot.press("g", *"PP3", "enter")
            assert "Notes de PP3 : aucune." in screen_text(app)
            await pilot.press("o")
            assert not panel.display
    run(go())


def test_i_shows_the_summary_counts_and_lead_verbs(pair: Request):
    async def go():
        app = ResodiffApp(pair)
        async with app.run_test(size=(120, 40)) as pilot:
            await ready(app, pilot)
            panel = app.screen.query_one(SummaryPanel)
            assert not panel.display
            await pilot.press("i")
            assert panel.display
            text = screen_text(app)
            assert re.search(r"41\s+inchangés", text) and re.search(r"4\s+modifiés", text)
            assert re.search(r"1\s+supprimé", text) and re.search(r"47\s+lignes", text)
            assert "Verbes d'introduction modifiés (2)" in text
            assert "Encourage → Encourage vivement" in text
            await pilot.press("i")
            assert not panel.display
    run(go())


def test_i_on_a_narrow_terminal_takes_the_whole_width(pair: Request):
    async def go():
        app = ResodiffApp(pair)
        async with app.run_test(size=(80, 24)) as pilot:
            await ready(app, pilot)
            await pilot.press("i")
            assert app.screen.query_one("#summary").display
            assert not app.screen.query_one("#main").display
            await pilot.press("n")  # moving through the text brings the text back
            assert app.screen.query_one("#main").display and focused_label(app) == "PP3"
    run(go())


def test_e_exports_json_and_the_reports(pair: Request, tmp_path: Path, monkeypatch):
    documents = tmp_path / "Documents"
    documents.mkdir()
    monkeypatch.setattr("resodiff.tui.export.documents_folder", lambda: documents)
    stem = "resodiff-A_RES_75_15.fr-A_RES_75_15.edited.fr"

    async def go():
        app = ResodiffApp(pair)
        async with app.run_test(size=(100, 30)) as pilot:
            await ready(app, pilot)
            await pilot.press("e")
            assert isinstance(app.screen, ExportScreen)
            path_input = app.screen.query_one("#export-path", Input)
            # The documents folder, a name without double dots.
            assert path_input.value == str(documents / f"{stem}.json")
            await pilot.press("enter")
            assert isinstance(app.screen, ReviewScreen)
            written = Path(path_input.value)
            exported = conforms(json.loads(written.read_text(encoding="utf-8")), "compare")
            assert exported == compare(read(pair.paths[0]), read(pair.paths[1]))
            assert any(n.message == f"Écrit\u00a0: {written}" for n in app._notifications)  # the full path
            # Every other format resodiff.reports offers, chosen with the arrow keys while the
            # name has the focus; each proposes its own name, counted for its own format.
            await pilot.press("e")
            assert app.screen.query_one("#export-path", Input).value == str(documents / f"{stem}-2.json")
            keys = [f.key for f in app.screen.formats]
            for i, key in enumerate(keys[1:], start=1):
                if not isinstance(app.screen, ExportScreen):
                    await pilot.press("e")
                    for _ in range(i):
                        await pilot.press("down")
                else:
                    await pilot.press("down")
                assert app.screen.format.key == key
                assert app.screen.query_one(f"#format-{key}").value
                target = Path(app.screen.query_one("#export-path", Input).value)
                assert target == documents / f"{stem}{app.screen.formats[i].suffix}"  # no "-2" from JSON's count
                await pilot.press("enter")
                assert target.stat().st_size > 0
            # An existing name is refused in words, nothing overwritten.
            await pilot.press("e")
            app.screen.query_one("#export-path", Input).value = str(written)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, ExportScreen)
            assert "existe déjà\u00a0: choisissez un autre nom" in str(app.screen.query_one("#export-error").render())
            await pilot.press("escape")
            assert isinstance(app.screen, ReviewScreen)
    run(go())


def test_question_mark_lists_every_key(pair: Request):
    async def go():
        app = ResodiffApp(pair)
        async with app.run_test(size=(100, 50)) as pilot:  # the whole help on screen
            await ready(app, pilot)
            await pilot.press("question_mark")
            assert isinstance(app.screen, HelpScreen)
            text = screen_text(app)
            assert "modification suivante / précédente" in text and "resodiff ANCIEN NOUVEAU" in text
            await pilot.press("question_mark")
            assert isinstance(app.screen, ReviewScreen)
    run(go())


def test_every_binding_is_in_the_help():
    listed = {key for keys, _ in KEY_HELP for key in re.split(r"[ ,/]+", keys.replace(" / ", " ")) if key}
    listed |= {"/"} if any(keys == "/" for keys, _ in KEY_HELP) else set()
    listed |= {"]", "["}  # told in the line of /
    names = {"slash": "/", "question_mark": "?", "right_square_bracket": "]", "left_square_bracket": "["}
    for binding in ReviewScreen.BINDINGS + ResodiffApp.BINDINGS:
        assert names.get(binding.key, binding.key) in listed, binding.key


def test_q_quits(pair: Request):
    async def go():
        app = ResodiffApp(pair)
        async with app.run_test(size=(80, 24)) as pilot:
            await ready(app, pilot)
            await pilot.press("q")
            await pilot.pause()
            assert not app.is_running
        assert app.return_code == 0
    run(go())


def test_t_switches_dark_and_light(pair: Request):
    async def go():
        app = ResodiffApp(pair, theme="light")
        async with app.run_test(size=(80, 24)) as pilot:
            await ready(app, pilot)
            assert not app.current_theme.dark
            await pilot.press("t")
            assert app.current_theme.dark
            await pilot.press("t")
            assert app.theme == "textual-light"
    run(go())


def test_arrows_move_paragraph_by_paragraph(pair: Request):
    async def go():
        app = ResodiffApp(pair)
        async with app.run_test(size=(80, 24)) as pilot:
            await ready(app, pilot)
            assert focused_label(app) == "PP1"
            await pilot.press("down")
            # PP1 is taller than the screen at 80x24? Then down scrolls first; press until PP2.
            for _ in range(5):
                if focused_label(app) == "PP2":
                    break
                await pilot.press("down")
            assert focused_label(app) == "PP2"
            await pilot.press("up")
            for _ in range(5):
                if focused_label(app) == "PP1":
                    break
                await pilot.press("up")
            assert focused_label(app) == "PP1"
            await pilot.press("end")
            assert focused_label(app) == "OP28"
            await pilot.press("home")
            assert focused_label(app) == "PP1"
    run(go())


def test_command_palette_lists_every_action(pair: Request):
    async def go():
        app = ResodiffApp(pair)
        async with app.run_test(size=(100, 30)) as pilot:
            await ready(app, pilot)
            titles = {c.title for c in app.get_system_commands(app.screen)}
            words = review(app).words
            for binding in ReviewScreen.BINDINGS:
                name = binding.action.partition("(")[0]
                if binding.action.startswith("app."):
                    continue
                if review(app).check_action(name, ()):
                    assert words("tips." + name) in titles, binding.action  # in the text's language
            assert {"Aide", "Thème sombre ou clair", "Quit"} <= titles  # "Quit": Textual's own command
            # And it runs them: the palette, "Modification suivante" (next change), Enter.
            await pilot.press("ctrl+p")
            await pilot.pause()
            await pilot.press(*"Modification suivante")
            await pilot.pause(0.3)
            await pilot.press("enter")
            await pilot.pause()
            assert focused_label(app) == "PP3"
    run(go())


def test_v_picks_two_versions_of_a_series(tmp_path: Path):
    folder = tmp_path / "series"
    folder.mkdir()
    (folder / "a_first.fr.md").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "b_second.fr.md").write_text(edited_seed_text(), encoding="utf-8")
    third = edited_seed_text().replace("*Réaffirme* que l'intégration régionale", "*Souligne* que l'intégration régionale")
    (folder / "c_third.fr.md").write_text(third, encoding="utf-8")
    (folder / "README.txt").write_text("not a resolution", encoding="utf-8")

    async def go():
        app = ResodiffApp(Request(SERIES, (folder,)))
        async with app.run_test(size=(100, 30)) as pilot:
            await ready(app, pilot)
            screen = review(app)
            # Three texts with one symbol: ordered by file name; the last two compared.
            assert screen.loaded.pick == (1, 2)
            assert screen.title == "b_second.fr.md → c_third.fr.md"
            assert any("README.txt" in n.message for n in app._notifications)  # said, not fatal
            await pilot.press("v")
            picker = app.screen
            assert isinstance(picker, VersionPicker)
            # Each entry: symbol, session, year and title.
            shown = screen_text(app)
            assert shown.count("75e session · 2020") == 6, shown
            assert "A/RES/75/15 · a_first.fr.md " in shown  # one symbol: + the file
            assert "75e session · 2020 · Coopération entre" in shown
            # The keys do what the hint says: Enter in Old goes on to New, Tab to the other list
            # (never to a button), Enter in New compares.
            assert "Entrée : Précédent → Nouveau, puis comparer · Tab : l'autre liste" in shown
            old, new = picker.lists
            await pilot.press("up")      # old: the first text
            await pilot.press("enter")   # ... chosen; on to the new list (c_third highlighted)
            assert app.focused is new
            await pilot.press("tab")
            assert app.focused is old and old.highlighted == 0
            await pilot.press("tab")
            assert app.focused is new
            await pilot.press("enter")
            await ready(app, pilot)
            assert isinstance(app.screen, ReviewScreen)
            assert review(app).title == "a_first.fr.md → c_third.fr.md"
            await pilot.press("n")
            assert focused_label(app) == "PP3"
    run(go())


def test_v_is_not_offered_for_two_texts(pair: Request):
    async def go():
        app = ResodiffApp(pair)
        async with app.run_test(size=(80, 24)) as pilot:
            await ready(app, pilot)
            assert review(app).check_action("versions", ()) is False
            await pilot.press("v")
            assert isinstance(app.screen, ReviewScreen)
    run(go())


def test_d_puts_the_example_beside_its_next_session_draft():
    async def go():
        app = ResodiffApp()
        async with app.run_test(size=(100, 30)) as pilot:
            await ready(app, pilot)
            await pilot.press("d")
            await ready(app, pilot)
            screen = review(app)
            assert screen.request.kind == DRAFT and screen.loaded.is_comparison
            assert screen.title.startswith("A/RES/75/15 → A/77/L.")
            await pilot.press("g", *"OP27", "enter")
            text = screen_text(app)
            assert "septième" in text and "neuvième" in text  # the next session rolled forward
            await pilot.press("d")
            await ready(app, pilot)
            assert review(app).request.kind == OUTLINE
    run(go())


# ---- the command line ---------------------------------------------------------------------------


def test_bare_resodiff_outside_a_terminal_prints_the_outline(capsys):
    assert main([]) == 0
    out = capsys.readouterr().out
    assert out.startswith("A/RES/75/15") and "Operative part" in out


def test_two_files_without_a_command_open_the_app(tmp_path: Path, capsys, monkeypatch):
    launched = []
    monkeypatch.setattr("resodiff.commands.tui.launch", lambda request, theme="dark": launched.append(request) or 0)
    edited = edited_seed(tmp_path)
    assert main([str(SEED), str(edited)]) == 0
    assert launched[-1] == Request(PAIR, (SEED, edited))
    assert main(["tui", "--series", str(tmp_path)]) == 0
    assert launched[-1] == Request(SERIES, (tmp_path,))
    assert main(["tui", str(SEED)]) == 0
    assert launched[-1] == Request(OUTLINE, (SEED,))


def test_the_app_refuses_bad_arguments_in_one_line(tmp_path: Path, capsys):
    assert main([str(SEED), str(tmp_path / "nowhere.md")]) == 2
    assert capsys.readouterr().err == f"error: {tmp_path / 'nowhere.md'}: no such file\n"
    assert main(["tui", "--series", str(tmp_path / "nothing")]) == 2
    assert "no such folder" in capsys.readouterr().err
    assert main([str(SEED), str(SEED)]) == 2  # pytest is no terminal
    assert "needs a terminal" in capsys.readouterr().err


# ---- a real pair --------------------------------------------------------------------------------


@needs_shared
def test_a_real_72_to_80_pair():
    old, new = ICC_72, ICC_80

    async def go():
        app = ResodiffApp(Request(PAIR, (old, new)))
        async with app.run_test(size=(100, 30)) as pilot:
            await ready(app, pilot)
            assert review(app).title == "N1735495.partial.md → A/RES/80/6"
            await pilot.press("f", "g", *"OP30", "enter")
            row = app.screen.query_one(ParagraphList).current().row
            assert (row.lead_old, row.lead_new) == ("Takes note", "Also takes note")
            assert "was OP26" in screen_text(app)
            await pilot.press("i")
            assert "Takes note → Also takes note" in screen_text(app)
    run(go())


@needs_shared
def test_the_malaria_folder_is_a_series_of_nine_and_the_others_are_named():
    """`tui --series malaria-series`: 13 files, the nine of "Decade to Roll Back Malaria" are the
    series (v offers them); 49/135, 50/128, 55/2 and 58/179 are named in one notice."""
    folder = CORPUS / "malaria-series"

    async def go():
        app = ResodiffApp(Request(SERIES, (folder,)))
        async with app.run_test(size=(100, 30)) as pilot:
            await ready(app, pilot)
            screen = review(app)
            assert [m.label for m in screen.loaded.members] == [
                "A/RES/55/284", "A/RES/57/294", "A/RES/58/237", "A/RES/59/256", "A/RES/60/221",
                "A/RES/61/228", "A/RES/62/180", "A/RES/63/234", "A/RES/64/79"]
            assert screen.title == "A/RES/63/234 → A/RES/64/79"
            notices = [n.message for n in app._notifications]
            assert [n for n in notices if "left out" in n] == [
                "left out 4 files not in the series “2001–2010: Decade to Roll Back Malaria in Developing "
                "Countries, Particularly in Africa”: A/RES/49/135, A/RES/50/128, A/RES/55/2, A/RES/58/179"]
            await pilot.press("v")
            picker = app.screen
            assert isinstance(picker, VersionPicker)
            assert "Compare two of the 9 texts of this series" in screen_text(app)
            offered = picker.query_one("#picker-old", OptionList)
            assert [str(offered.get_option_at_index(i).prompt) for i in range(offered.option_count)] == [
                m.label for m in screen.loaded.members]


@needs_shared
def test_the_old_column_shows_the_old_texts_own_spelling():
    """72 -> 80/6: the old column is the 72nd-session text as read (its "parties", its straight
    apostrophe, the footnote number its reader left glued on), the new column the 80th's."""
    old, new = ICC_72, ICC_80

    def columns(app) -> tuple[str, str]:
        view = app.screen.query_one(ParagraphList).current()
        return view._side("-", view.row.lead_old).plain, view._side("+", view.row.lead_new).plain

    async def go():
        app = ResodiffApp(Request(PAIR, (old, new)))
        async with app.run_test(size=(160, 40)) as pilot:
            await ready(app, pilot)
            await pilot.press("g", *"OP11", "enter")
            left, right = columns(app)
            assert "by States parties as well as States not parties, the United" in left
            assert "by States Parties as well as States not Parties, the United" in right
            assert left == read(old).paragraph("OP10").full_text
            assert right == read(new).paragraph("OP11").full_text
            await pilot.press("g", *"OP13", "enter")
            left, right = columns(app)
            assert "respect each other's status" in left and "respect each other\u2019s status" in right
            await pilot.press("g", *"OP12", "enter")  # unchanged, but read with a glued "2"
            left, right = columns(app)
            assert left == read(old).paragraph("OP11").full_text != right
            assert "Criminal Court,2 and also" in left
    run(go())


# ---- the plain data behind the screen ----------------------------------------------------------


@pytest.mark.parametrize("typed, pid", [
    ("OP12", "OP12"), ("op12", "OP12"), ("12", "OP12"), (" pp 3 ", "PP3"), ("opii.3", "OPII.3"),
    ("OP4(a)", "OP4(a)"), ("op4a", "OP4(a)"), ("OP2(iv)", "OP2(iv)"), ("twelve", None), ("", None),
])
def test_ids_as_typed_after_g(typed, pid):
    assert normalise_id(typed) == pid


def test_find_row_prefers_the_new_numbering_and_finds_a_subparagraphs_row():
    rows = [ViewRow("unchanged", ("OP11",), ("OP12",)), ViewRow("deleted", ("OP12",), ()),
            ViewRow("modified", ("OP4",), ("OP4",))]
    assert find_row(rows, "OP12") == (0, "new")
    assert find_row(rows, "OP11") == (0, "old")
    assert find_row(rows, "OP4(b)") == (2, "new")
    assert find_row(rows, "OP99") is None


def test_footnotes_are_matched_across_versions_by_their_text():
    row = ViewRow("modified", ("PP10",), ("PP10",),
                  footnotes_old=(("6", "Voir A/75/345."), ("7", "Gone.")),
                  footnotes_new=(("6", "Voir A/77/___."), ("8", "Gone.")))
    assert footnote_lines(row) == [("+", "6", "Voir A/77/___."), ("=", "8", "Gone."), ("-", "6", "Voir A/75/345.")]


def test_rows_of_a_comparison_carry_both_sides_and_their_footnotes(tmp_path: Path):
    old, new = read(SEED), read(edited_seed(tmp_path))
    rows = rows_from_compare(compare(old, new), old, new)
    pp3 = rows[find_row(rows, "PP3")[0]]
    assert pp3.old_text.startswith("Notant avec satisfaction") and "une vive" in pp3.new_text
    pp4 = rows[find_row(rows, "PP4")[0]]
    assert pp4.footnote_numbers == ("3",) and "57/35" in pp4.footnotes_new[0][1]
    assert next((a, b) for r, a, b in lead_changes(rows) if r.label == "OP23") == ("Encourage", "Encourage vivement")


def test_h_shows_the_focused_paragraphs_history_across_a_series(tmp_path: Path):
    folder = tmp_path / "series"
    folder.mkdir()
    (folder / "a_first.fr.md").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "b_second.fr.md").write_text(edited_seed_text(), encoding="utf-8")
    third = edited_seed_text().replace("*Réaffirme* que l'intégration régionale", "*Souligne* que l'intégration régionale")
    (folder / "c_third.fr.md").write_text(third, encoding="utf-8")

    async def go():
        app = ResodiffApp(Request(SERIES, (folder,)))
        async with app.run_test(size=(120, 40)) as pilot:
            await ready(app, pilot)
            target = next(r for r in review(app).loaded.rows if "lead-verb" in r.tags)
            await pilot.press("g", *target.new[0], "enter", "h")
            text = screen_text(app)
            assert f"Historique de {target.label}" in text
            # three versions, oldest first: it was there from the start and changed last
            lines = text.splitlines()
            headings = [i for i, ln in enumerate(lines) if "A/RES/75/15, 75e session · " in ln]
            assert len(headings) == 3, text
            assert "ajouté" in lines[headings[0]] and "modifié" in lines[headings[2]]
            # each version's whole paragraph under its heading, the last one's change marked
            assert "Réaffirme que l'intégration" in lines[headings[0] + 1]
            assert "Souligne" in lines[headings[2] + 1]
            await pilot.press("h")
            assert not app.screen.query_one("#history").display
    run(go())


def test_h_on_two_texts_computes_their_history_when_asked(pair: Request):
    async def go():
        app = ResodiffApp(pair)
        async with app.run_test(size=(100, 30)) as pilot:
            await ready(app, pilot)
            assert review(app).loaded.history is None  # not at launch
            await pilot.press("g", *"OP27", "enter", "h")
            text = screen_text(app)
            assert "Historique de OP27" in text and "soixante-dix-neuvième" in text
            assert review(app).loaded.history is not None
    run(go())


def test_export_names_have_no_double_dot_and_a_counter_per_format(tmp_path: Path):
    from resodiff.tui.export import Comparison, default_path, formats

    c = Comparison({}, read(SEED), read(SEED), "A/RES/75/15", "A/77/L.")
    json_, md = formats()[0], next(f for f in formats() if f.key == "md")
    assert default_path(c, json_, tmp_path).name == "resodiff-A_RES_75_15-A_77_L.json"
    (tmp_path / "resodiff-A_RES_75_15-A_77_L.json").write_text("{}")
    assert default_path(c, json_, tmp_path).name == "resodiff-A_RES_75_15-A_77_L-2.json"
    assert default_path(c, md, tmp_path).name == "resodiff-A_RES_75_15-A_77_L.md"


def test_export_proposes_the_folder_last_exported_to(pair: Request, tmp_path: Path, monkeypatch):
    monkeypatch.setattr("resodiff.tui.export.documents_folder", lambda: tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()

    async def go():
        app = ResodiffApp(pair)
        async with app.run_test(size=(100, 30)) as pilot:
            await ready(app, pilot)
            await pilot.press("e")
            app.screen.query_one("#export-path", Input).value = str(elsewhere / "mine.json")
            await pilot.press("enter")
            assert (elsewhere / "mine.json").exists()
            await pilot.press("e")
            assert Path(app.screen.query_one("#export-path", Input).value).parent == elsewhere
    run(go())


# ---- every size ---------------------------------------------------------------------------------

def _in_view(app, label: str) -> bool:
    """Whether the row ``label``'s first line is inside the list's viewport, with its cursor."""
    lst = app.screen.query_one(ParagraphList)
    current = lst.current()
    return (current is not None and current.row.label == label
            and lst.content_region.y <= current.region.y < lst.content_region.bottom
            and f"▶ {label}" in screen_text(app))


def test_the_focused_row_stays_in_view_across_resizes_panels_and_themes(pair: Request):
    async def go():
        app = ResodiffApp(pair)
        async with app.run_test(size=(120, 40)) as pilot:
            await ready(app, pilot)
            await pilot.press("g", *"OP20", "enter")
            await pilot.pause()
            assert _in_view(app, "OP20")
            for size in [(80, 24), (200, 50), (120, 40)]:
                await pilot.resize_terminal(*size)
                await pilot.pause()
                await pilot.pause()
                assert _in_view(app, "OP20"), size
            for key in ("i", "o", "h", "s", "t", "i", "o", "h", "s", "t"):  # panels, layout, theme
                await pilot.press(key)
                await pilot.pause()
                await pilot.pause()
                assert _in_view(app, "OP20"), key
    run(go())


def test_at_80x24_the_title_and_footer_fit_without_cutting_a_word(pair: Request):
    async def go():
        app = ResodiffApp(pair)
        async with app.run_test(size=(80, 24)) as pilot:
            await ready(app, pilot)
            lines = screen_text(app).splitlines()
            title, footer = lines[0], lines[-1]
            assert "4 mod. · …" in title  # abbreviated, whole counts only
            assert footer.split()[:2] == ["?", "plus"] and "s Disposition" in footer
            assert len(footer) <= 80
            await pilot.resize_terminal(160, 30)
            await pilot.pause()
            title = screen_text(app).splitlines()[0]
            assert "45 inchangés · 4 modifiés · 1 ajouté · 1 supprimé" not in title  # 47 rows in all
            assert "modifiés" in title and "…" not in title
    run(go())


def test_one_column_of_text_stops_at_a_readable_measure():
    async def go():
        app = ResodiffApp()
        async with app.run_test(size=(200, 50)) as pilot:
            await ready(app, pilot)
            body = screen_text(app).splitlines()[4:-1]
            assert max(len(line.rstrip(" ▁▂▃▄▅▆▇█")) for line in body) <= 118
    run(go())


@needs_shared
def test_a_fragments_missing_preamble_is_no_change():
    """The 72nd-session ICC text is operative paragraphs only: 80/6's preamble is not "added"."""
    old, new = ICC_72, ICC_80

    async def go():
        app = ResodiffApp(Request(PAIR, (old, new)))
        async with app.run_test(size=(120, 40)) as pilot:
            await ready(app, pilot)
            rows = review(app).loaded.rows
            outside = [r for r in rows if r.fragment]
            assert [r.label for r in outside] == [f"PP{k}" for k in range(1, 15)]
            assert all(r.fragment == "old" and not r.changed for r in outside)
            assert review(app).loaded.data["summary"]["added"] == 10  # 24 rows added, 14 of them PP
            text = screen_text(app)
            assert "not in this text (fragment)" in text and "not in old" in text
            assert "10 added" in text.splitlines()[0]
            await pilot.press("n")  # the first change is past the preamble
            assert focused_label(app) == "OP1"
            # the fragment's session comes from its front matter
            await pilot.press("g", *"OP13", "enter", "h")
            assert "N1735495.partial.md, session 72 · " in screen_text(app)
    run(go())


@needs_shared
def test_c_sets_aside_case_only_changes():
    """72 -> 80/6 with c: the rows whose only change is parties -> Parties are dimmed, n skips them."""
    old, new = ICC_72, ICC_80

    async def go():
        app = ResodiffApp(Request(PAIR, (old, new)))
        async with app.run_test(size=(120, 40)) as pilot:
            await ready(app, pilot)
            views = {v.row.label: v for v in app.screen.query(RowView)}
            assert views["OP2"].row.changed and not views["OP2"].row.set_aside
            await pilot.press("c")
            await pilot.pause()
            assert [label for label, v in views.items() if v.row.set_aside] == ["OP2", "OP10", "OP18", "OP19"]
            assert views["OP11"].row.changed  # parties -> Parties and more
            assert "10 modified" in app.screen.sub_title and "4 set aside" in app.screen.sub_title
            await pilot.press("g", *"OP1", "enter", "n")
            assert focused_label(app) == "OP3"  # OP2 set aside: n goes past it
            await pilot.press("f")
            await pilot.pause()
            assert not views["OP2"].display and views["OP11"].display
            gutter = views["OP2"]._gutter().plain
            assert "set aside" in gutter
            await pilot.press("c")
            await pilot.pause()
            assert not any(v.row.set_aside for v in views.values()) and views["OP2"].display
            assert "14 modified" in app.screen.sub_title and "set aside" not in app.screen.sub_title
    run(go())


def test_d_shows_the_drafts_flags_in_the_gutter_the_summary_and_u_steps_through_them():
    async def go():
        app = ResodiffApp()
        async with app.run_test(size=(120, 40)) as pilot:
            await ready(app, pilot)
            await pilot.press("d")
            await ready(app, pilot)
            screen = review(app)
            flagged = [r for r in screen.loaded.rows if r.flags]
            assert [r.label for r in flagged][:3] == ["PP5", "PP6", "PP7"]
            pp6 = next(r for r in flagged if r.label == "PP6")
            assert pp6.status == "unchanged" and pp6.changed  # the text is the same, the work is not
            assert pp6.flags == ("année 2020", "« soixante-quinzième anniversaire »")
            await pilot.press("u")  # the first flag
            await pilot.press("u")  # the second: PP6
            assert screen.paragraphs.current().row.label == "PP6"
            text = screen_text(app)
            assert "à actualiser" in text and "année 2020" in text
            await pilot.press("i")
            await ready(app, pilot)
            summary = screen_text(app)
            assert f"À actualiser ({len(flagged)})" in summary and "PP6    année 2020" in summary
    run(go())


def test_control_characters_in_a_text_are_shown_not_obeyed(tmp_path: Path):
    """A text holding ESC sequences (clear the screen, set the title): the app shows them as
    visible escapes in both columns and in the footnotes panel, and the terminal never gets them."""
    old = tmp_path / "old.fr.md"
    new = tmp_path / "new.fr.md"
    text = SEED.read_text(encoding="utf-8")
    old.write_text(text, encoding="utf-8")
    new.write_text(text.replace("Rappelant ", "Rappelant \x1b[2J\x1b]0;title\x07 ", 1), encoding="utf-8")

    async def go():
        app = ResodiffApp(Request(PAIR, (old, new)))
        async with app.run_test(size=(160, 40)) as pilot:
            await ready(app, pilot)
            view = next(v for v in app.screen.query(RowView) if "\x1b" in v.row.new_text)
            shown = view._side("+", view.row.lead_new).plain
            assert "\\x1b[2J\\x1b]0;title\\x07" in shown and "\x1b" not in shown and "\x07" not in shown
            await pilot.press("s")  # inline tracked changes
            await pilot.pause()
            assert "\x1b" not in view._inline().plain
    run(go())
