"""The terminal app speaks the language of the text it shows (fr, en, es), in the reports' words.

A French text against an edited copy of it (tests/edited_seed.py: a paragraph moved, one split,
two merged, one deleted, one added, "Encourage" -> "Encourage vivement", dates changed) is
driven through every screen, panel and dialog, and no English word of the app's catalogues may
be on screen; an English pair keeps the English words it always had.
"""

from __future__ import annotations

import asyncio
import re
import tempfile
from pathlib import Path

import pytest
from conftest import CORPUS, DATA, SEED, needs_shared
from edited_seed import edited_seed_text as report_edit
from tui_docs import edited_seed_text, screen_text

from resodiff.bundled import templates_dir
from resodiff.languages import typeset
from resodiff.tui.app import ResodiffApp
from resodiff.tui.export import ExportScreen
from resodiff.tui.paragraph import GUTTER, fit
from resodiff.tui.picker import VersionPicker
from resodiff.tui.review import ReviewScreen
from resodiff.tui.rounds_view import RoundsApp
from resodiff.tui.sources import PAIR, SERIES, Request, before_reading
from resodiff.words import LANGUAGES, Words, app_words, catalogue, table

WORD = re.compile(r"[^\W\d_]{3,}")
ROUNDS_FR = [DATA / "rounds" / n for n in ("asean.fr.0-zero.txt", "asean.fr.1-rev1.txt")]
ROUNDS_EN = [DATA / "rounds" / n for n in ("icc.0-zero.txt", "icc.1-rev1.txt", "icc.2-rev2.txt")]


def _keys(name: str, code: str) -> set[tuple[str, str]]:
    return {(s, k) for s, section in catalogue(name, code).items() for k in section}


def test_the_app_catalogues_have_the_same_keys_in_every_language():
    keys = {code: _keys("app", code) for code in LANGUAGES}
    assert keys["fr"] == keys["en"] == keys["es"]
    assert (templates_dir() / "app" / "words").is_dir()


def test_the_app_and_the_reports_share_no_section():
    """One home per word: the app says the reports' tags and statuses, it has no copy of them."""
    for code in LANGUAGES:
        app = {s for s, _ in _keys("app", code)}
        report = {s for s, _ in _keys("report", code)}
        assert not app & report
        assert set(table(code, "report", "app")[1]) == app | report
    with pytest.raises(ValueError, match="two catalogues"):
        table("fr", "report", "report")


def test_a_language_without_a_catalogue_is_labelled_in_english():
    assert app_words("ru").language == "en" and app_words(None).language == "en"


def test_before_a_text_is_read_the_app_speaks_english_as_it_is_typeset():
    """The words shown while loading (no language profile loaded for them) are the English
    catalogue exactly as typeset."""
    assert before_reading().table == app_words("en").table and not before_reading().typeset


def test_french_labels_follow_french_typography():
    for section, entries in app_words("fr").table.items():
        for key, text in entries.items():
            assert text == typeset(text, "fr"), (section, key)
            assert not re.search(r"\S [:;?!»]|« ", text), (section, key, text)
    assert app_words("fr")("footnotes.title", id="PP4") + app_words("fr")("report.colon") == "Notes de PP4\u00a0:"


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_gutter_word_fits_the_gutter_uncut(code):
    """Statuses, tags, "was OPII.12", notes, flags: each line of the gutter at most 12 columns,
    broken at spaces (or after an elided article), no word cut in two."""
    w = app_words(code)
    labels = [w("gutter." + k, numbers="12,13") for k in w.table["gutter"] if k != "fragment"]
    labels += w.tags(w.table["tags"]) + [w("report.was", id="OPII.12")]
    for label in labels:
        lines = fit(label).split("\n")
        assert all(len(line) <= GUTTER for line in lines), (label, lines)
        assert "".join(lines).replace(" ", "") == label.replace(" ", "")  # nothing lost
    assert fit("verbe d'introduction modifié") == "verbe d'\nintroduction\nmodifié"


# ---- the app on a French text ------------------------------------------------------------------

def _words(w: Words) -> set[str]:
    """The words of a catalogue's texts (not of the fields they name: "{help}")."""
    return {m.lower() for section in w.table.values() for text in section.values()
            for m in WORD.findall(re.sub(r"\{\w*\}", " ", text))}


def _english_words(*texts: str, language: str = "fr") -> set[str]:
    """The English catalogues' words that are no word of ``language``'s catalogues nor of ``texts``."""
    other = _words(app_words(language)) | {w.lower() for t in texts for w in WORD.findall(t)}
    return _words(app_words("en")) - other - {"resodiff", "tui", "series"}


async def _ready(app, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


def _seen(app) -> str:
    """The screen, and the notifications of the moment (what a toast says, whether drawn yet or not)."""
    notes = "\n".join(f"{n.title} {n.message}" for n in app._notifications)
    return screen_text(app) + "\n" + notes


def _commands(app) -> str:
    """The command palette's entries the app adds (Textual's own are Textual's)."""
    from textual.app import App

    textual = {c.title for c in App.get_system_commands(app, app.screen)}
    return "\n".join(f"{c.title} {c.help}" for c in app.get_system_commands(app.screen) if c.title not in textual)


def _french_screens(folder: Path, size: tuple[int, int]) -> list[str]:
    """Everything the app shows of a French pair, a French series and a French text alone."""
    old, new = folder / "A_RES_75_15.fr.md", folder / "A_RES_75_15.nouveau.fr.md"
    old.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    new.write_text(report_edit(), encoding="utf-8")
    series = folder / "serie"
    series.mkdir()
    (series / "a_premier.fr.md").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (series / "b_deuxieme.fr.md").write_text(edited_seed_text(), encoding="utf-8")
    (series / "c_troisieme.fr.md").write_text(
        edited_seed_text().replace("*Réaffirme* que l'intégration", "*Souligne* que l'intégration"), encoding="utf-8")
    shown: list[str] = []

    async def pair() -> None:
        app = ResodiffApp(Request(PAIR, (old, new)))
        async with app.run_test(size=size) as pilot:
            await _ready(app, pilot)
            screen = app.screen
            assert isinstance(screen, ReviewScreen)
            shown.append(_seen(app))
            await pilot.press("p")  # "no change above": said in a notification
            await pilot.pause()
            shown.append(_seen(app))
            for _ in range(14):  # every change: moved, split, merged, deleted, added, leads, dates
                await pilot.press("n")
                shown.append(_seen(app))
            for keys in (["home", "s"], ["n"], ["n"], ["s", "i"], ["i", "o"], ["h"], ["h", "o"], ["f"], ["f"],
                         ["c"], ["c"]):
                await pilot.press(*keys)
                await _ready(app, pilot)
                shown.append(_seen(app))
            shown.append(_commands(app))
            await pilot.press("g")
            shown.append(_seen(app))
            await pilot.press(*"xyz", "enter")  # not an id
            await pilot.press("g", *"OP99", "enter")  # no such paragraph
            await pilot.press("g", *"OP28", "enter")  # an old id: renumbered in the new text
            await pilot.pause()
            shown.append(_seen(app))
            await pilot.press("slash", *"Nations")
            shown.append(_seen(app))
            await pilot.press("enter")
            shown.append(_seen(app))
            await pilot.press("slash", *"zzzq", "enter")  # found nowhere
            shown.append(_seen(app))
            await pilot.press("escape")
            screen.export_folder = Path(tempfile.gettempdir())  # a path with no words in it
            await pilot.press("e")
            assert isinstance(app.screen, ExportScreen)
            shown.append(_seen(app))
            app.screen.query_one("#export-path").value = str(old)  # a file that exists
            await pilot.press("enter")
            shown.append(_seen(app))
            await pilot.press("escape", "question_mark")
            shown.append(_seen(app))
            await pilot.press("escape")

    async def a_series() -> None:
        app = ResodiffApp(Request(SERIES, (series,)))
        async with app.run_test(size=size) as pilot:
            await _ready(app, pilot)
            await pilot.press("h")
            shown.append(_seen(app))
            await pilot.press("v")
            assert isinstance(app.screen, VersionPicker)
            shown.append(_seen(app))
            await pilot.press("enter", "enter")  # the same text twice: "choose two different texts"
            shown.append(_seen(app))

    async def alone() -> None:
        app = ResodiffApp(Request("outline", (old,)))
        async with app.run_test(size=size) as pilot:
            await _ready(app, pilot)
            shown.append(_seen(app))
            await pilot.press("d")  # beside its next-session draft: points "to update"
            await _ready(app, pilot)
            await pilot.press("i", "u")
            shown.append(_seen(app))

    async def rounds() -> None:
        app = RoundsApp([old, *ROUNDS_FR])
        async with app.run_test(size=size) as pilot:
            await _ready(app, pilot)
            shown.append(screen_text(app))
            for keys in (["o"], ["enter"], ["escape", "o", "end", "enter"]):
                await pilot.press(*keys)
                await pilot.pause()
                shown.append(screen_text(app))

    asyncio.run(pair())
    asyncio.run(a_series())
    asyncio.run(alone())
    asyncio.run(rounds())
    return shown


@pytest.mark.parametrize("size", [(80, 24), (160, 50)], ids=["80x24", "160x50"])
def test_no_english_label_in_the_app_for_a_french_text(size):
    with tempfile.TemporaryDirectory(prefix="resodiff-") as tmp:
        shown = _french_screens(Path(tmp), size)
    texts = (SEED.read_text(encoding="utf-8"), report_edit(), edited_seed_text(),
             *(p.read_text(encoding="utf-8") for p in ROUNDS_FR))
    english = _english_words(*texts)
    # the words a French reader tripped over, and the rest of the app's
    assert {"unchanged", "modified", "moved", "deleted", "split", "merged", "strengthened", "lead", "was",
            "summary", "help", "quit", "next", "footnotes", "history", "find", "changed", "rows", "update"} <= english
    for k, text in enumerate(shown):
        found = sorted(set(WORD.findall(text.lower())) & english)
        assert found == [], (k, found, text)
    everything = "\n".join(shown)
    for french in ("inchangé", "modifié", "déplacé", "scindé", "fusionné", "supprimé", "renforcé", "ancien OP",
                   "Résumé", "Aide", "Quitter", "Historique de", "Notes de", "Aller au paragraphe", "Chercher",
                   "Exporter la comparaison", "Comparer deux des 3 textes", "à actualiser", "précédent",
                   "Aucune modification avant", "parcours d'un tour à l'autre", "abandonné", "Encore ouverts"):
        assert french in everything, french


# ---- the app on an English text ---------------------------------------------------------------

ICC_72 = CORPUS / "ga-72-partial" / "N1735495.partial.md"
ICC_80 = CORPUS / "ga-80" / "A_RES_80_6.md"


@needs_shared
def test_an_english_text_keeps_the_apps_english_words():
    """72 -> 80/6 in English: the words the app always said, the tags now in the reports'
    words ("lead changed", not the contract's "lead-verb"), and no French."""
    async def go():
        app = ResodiffApp(Request(PAIR, (ICC_72, ICC_80)))
        async with app.run_test(size=(160, 50)) as pilot:
            await _ready(app, pilot)
            screen = app.screen
            assert isinstance(screen, ReviewScreen) and screen.loaded is not None
            assert screen.loaded.words.language == "en"
            texts = [screen_text(app)]
            assert "unchanged ·" in screen.sub_title and "modified" in screen.sub_title
            target = next(r for r in screen.loaded.rows if "lead-verb" in r.tags)
            await pilot.press("g", *target.new[0], "enter", "i", "o", "h")
            await _ready(app, pilot)
            texts.append(screen_text(app))
            await pilot.press("question_mark")
            texts.append(screen_text(app))
            text = "\n".join(texts)
            for english in ("old N1735495.partial.md", "new A/RES/80/6", "deleted", "inserted", "modified",
                            "lead changed", "Summary", "Lead verbs changed (", "rows", "Footnotes of",
                            "History of", "? Help  q Quit  n Next  p Prev  g Go to", "was OP",
                            "not in old", "next / previous change", "Open two versions:   resodiff OLD NEW"):
                assert english in text, english
            assert "lead-verb" not in text  # the contract's word, not a reader's
            for french in ("inchangé", "modifié", "Résumé", "Aide", "Quitter", "ancien", "précédent", "Notes de"):
                assert french not in text, french
    asyncio.run(go())


def test_non_breaking_spaces_hold_where_the_app_wraps_lines():
    """Rich and Textual would break at a non-breaking space (Textualize/rich#4196): "»" or ":"
    alone at the start of a line. ``spaces.hold`` (done by the app) keeps them with their word."""
    from rich.console import Console
    from rich.text import Text
    from textual._wrap import compute_wrap_offsets

    from resodiff import spaces

    ResodiffApp()  # holds them
    label = app_words("fr")("help.next_flag")
    assert "«\u202fà actualiser\u202f»" in label
    console = Console(width=60)
    for width in range(20, 60):
        lines = [line.plain for line in Text(label).wrap(console, width)]
        assert not any(line.lstrip().startswith(("»", ":", ";", "?", "!")) for line in lines), (width, lines)
        breaks = compute_wrap_offsets(label, width, 4)
        assert all(label[b - 1] not in spaces.NON_BREAKING for b in breaks), (width, breaks)
        assert all(label[b] not in "»:;?!" for b in breaks), (width, breaks)


def test_the_rounds_view_of_an_english_negotiation_keeps_its_words():
    async def go():
        app = RoundsApp(ROUNDS_EN)
        async with app.run_test(size=(160, 40)) as pilot:
            await _ready(app, pilot)
            assert app.words.language == "en" and app.title == "resodiff — rounds"
            text = screen_text(app)
            for english in ("id", "status", "path through the rounds", "proposed by", "0 new · 1 same · 2 modified",
                            "paragraphs,", "still open  (o: still open only / all; Enter: steps)", "o Still open"):
                assert english in text, english
    asyncio.run(go())


SPANISH = """La Asamblea General,

*Recordando* sus resoluciones anteriores sobre la cooperación entre las Naciones Unidas y la Asociación de Naciones de Asia Sudoriental,

*Tomando nota* del informe del Secretario General sobre la cooperación entre las Naciones Unidas y las organizaciones regionales,

1. *Acoge con beneplácito* la cooperación entre las Naciones Unidas y la Asociación en el ámbito de la salud pública;

2. *Alienta* a los Estados Miembros a que apoyen la cooperación regional en materia de paz y seguridad;

3. *Solicita* al Secretario General que le presente, en su septuagésimo séptimo período de sesiones, un informe sobre la aplicación de la presente resolución.
"""


def test_a_spanish_text_is_labelled_in_spanish(tmp_path: Path):
    """A Spanish text (written here: OP1 deleted, OP2's lead strengthened, the session rolled
    forward) against its first version: the app's words in Spanish, none in English."""
    old, new = tmp_path / "anterior.es.md", tmp_path / "nuevo.es.md"
    old.write_text(SPANISH, encoding="utf-8")
    edited = re.sub(r"(?m)^1\. .*\n\n", "", SPANISH).replace("2. *Alienta*", "1. *Alienta encarecidamente*")
    new.write_text(edited.replace("3. *Solicita*", "2. *Solicita*").replace("séptimo", "noveno"), encoding="utf-8")
    shown: list[str] = []

    async def go():
        app = ResodiffApp(Request(PAIR, (old, new)))
        async with app.run_test(size=(120, 40)) as pilot:
            await _ready(app, pilot)
            assert app.words.language == "es"
            for keys in (["n", "n"], ["i", "o"], ["question_mark"], ["escape", "g"]):
                await pilot.press(*keys)
                await _ready(app, pilot)
                shown.append(_seen(app))
    asyncio.run(go())
    english = _english_words(SPANISH, edited, language="es")
    assert {"unchanged", "modified", "deleted", "summary", "help", "strengthened"} <= english
    for text in shown:
        assert sorted(set(WORD.findall(text.lower())) & english) == [], text
    everything = "\n".join(shown)
    for spanish in ("suprimido", "modificado", "antes OP2", "verbo inicial", "reforzado", "Resumen", "Ayuda",
                    "Salir", "Ir al párrafo", "anterior anterior.es.md"):
        assert spanish in everything, spanish
