"""``ExportScreen`` (e): write the comparison on screen to a file, in one of the report formats.

JSON is the compare dict of the contract, as ``json.dumps`` writes it. Markdown, HTML and Word
(tracked changes) are ``resodiff.reports``' renderings of the same two texts, offered when that
package is there. Files are written with ``resodiff.output.write_new``: atomically, never over
an existing file.

The dialog proposes ``resodiff-<old>-<new>.<suffix>`` in the folder last exported to (during
this session), else the user's documents folder (platformdirs), else the working directory;
a name already taken gets a counter, counted for the format chosen. Up and down choose the
format wherever the focus is; the chosen one is marked ●, not by colour alone.
"""

from __future__ import annotations

import importlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet

from resodiff.errors import ResodiffError
from resodiff.model import Resolution
from resodiff.words import Words


@dataclass(frozen=True)
class Comparison:
    """What is exported: the compare dict, the two texts it was made from, their labels."""

    data: dict[str, Any]
    old: Resolution
    new: Resolution
    old_label: str
    new_label: str


@dataclass(frozen=True)
class Format:
    key: str
    label: str
    suffix: str
    render: Callable[[Comparison], bytes]


def _json(c: Comparison) -> bytes:
    return (json.dumps(c.data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


# (key for resodiff.reports.render, label, suffix)
REPORTS = (("md", "Markdown report", ".md"), ("html", "HTML report", ".html"),
           ("docx", "Word report (tracked changes)", ".docx"))


def formats() -> list[Format]:
    """The formats this installation can write: JSON, then the reports resodiff.reports makes."""
    out = [Format("json", "JSON (the compare contract)", ".json", _json)]
    try:
        reports = importlib.import_module("resodiff.reports")
    except ImportError:
        return out
    available = set(getattr(reports, "FORMATS", ()))
    for key, label, suffix in REPORTS:
        if key in available:
            out.append(Format(key, label, suffix, _report(reports, key)))
    return out


def _report(reports, key: str) -> Callable[[Comparison], bytes]:
    def render(c: Comparison) -> bytes:
        return reports.render(reports.make(c.old, c.new), key)
    return render


def documents_folder() -> Path:
    """The user's documents folder (platformdirs), or the working directory where there is none."""
    from platformdirs import user_documents_dir

    folder = Path(user_documents_dir())
    return folder if folder.is_dir() else Path.cwd()


def default_path(c: Comparison, fmt: Format, folder: Path | None = None) -> Path:
    """``resodiff-<old>-<new><suffix>`` in ``folder`` (default: the documents folder), not yet
    taken: ``-2``, ``-3`` ... counted among the files of this format."""
    folder = folder or documents_folder()
    stem = f"resodiff-{_slug(c.old_label)}-{_slug(c.new_label)}"
    path = folder / f"{stem}{fmt.suffix}"
    n = 2
    while path.exists():
        path = folder / f"{stem}-{n}{fmt.suffix}"
        n += 1
    return path


def _slug(text: str) -> str:
    for suffix in (".md", ".txt", ".docx", ".pdf", ".partial"):
        text = text[: -len(suffix)] if text.lower().endswith(suffix) else text
    # no dot at either end: "A/77/L." must not give "…-A_77_L..json"
    return re.sub(r"[^\w.-]+", "_", text).strip("_.") or "text"


def write(c: Comparison, fmt: Format, path: Path) -> Path:
    """Write the comparison as ``fmt`` to ``path``; never over an existing file.

    Raises ``ResodiffError`` with a one-line message (the file exists, the folder does not, the
    report cannot be made)."""
    from resodiff.output import write_new

    if path.exists():
        raise ResodiffError(f"{path} exists: choose another name")
    write_new(path, fmt.render(c))
    return path


class ExportScreen(ModalScreen[Path | None]):
    """Choose a format and a file; dismisses with the path written, None when cancelled."""

    DEFAULT_CSS = """
    ExportScreen { align: center middle; }
    ExportScreen > Vertical {
        width: 72;
        max-width: 95%;
        height: auto;
        padding: 1 2;
        border: round $primary;
        background: $surface;
    }
    ExportScreen Label { width: 100%; }  /* a long title wraps, in any language, never cut */
    ExportScreen RadioSet { width: 100%; margin: 1 0; }
    ExportScreen #export-error { color: $text-error; height: auto; }
    ExportScreen Horizontal { height: auto; margin-top: 1; }
    ExportScreen Button { margin-right: 2; }
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("up", "format(-1)", "Previous format", priority=True),
        Binding("down", "format(1)", "Next format", priority=True),
    ]

    def __init__(self, comparison: Comparison, folder: Path | None = None, words: Words | None = None) -> None:
        """``folder``: where to propose the file (the last folder exported to), else the
        documents folder; ``words``: the app's words in the texts' language (English when None)."""
        from resodiff.tui.sources import before_reading

        super().__init__()
        self.words = words or before_reading()
        self.comparison = comparison
        self.folder = folder if folder is not None and folder.is_dir() else documents_folder()
        self.formats = formats()
        self.format = self.formats[0]
        self._pressed = 0  # the format the last key or click chose
        self._proposed = default_path(comparison, self.format, self.folder)

    def compose(self):
        w = self.words
        with Vertical():
            yield Label(w("export.title"))
            with RadioSet(id="export-format"):
                for i, fmt in enumerate(self.formats):
                    yield FormatButton(self._label(fmt), value=i == 0, id=f"format-{fmt.key}")
            if len(self.formats) == 1:
                yield Label(w("export.no_reports"))
            yield Input(str(self._proposed), id="export-path")
            yield Label("", id="export-error")
            with Horizontal():
                yield Button(w("export.save"), variant="primary", id="export-save")
                yield Button(w("export.cancel"), id="export-cancel")

    def _label(self, fmt: Format) -> str:
        return self.words("export." + fmt.key) if self.words.has("export." + fmt.key) else fmt.label

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    def action_format(self, step: int) -> None:
        # counted here, not when the radio set says so: two quick presses both count
        index = (self._pressed + step) % len(self.formats)
        self._pressed = index
        self.query_one(f"#format-{self.formats[index].key}", RadioButton).value = True

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        self.format = self.formats[event.index]
        if self.query_one(f"#format-{self._pressed_key()}", RadioButton).value is False:
            self._pressed = event.index  # a click, not a key
        path_input = self.query_one("#export-path", Input)
        if Path(path_input.value) == self._proposed:  # not edited: the proposal for this format
            self._proposed = default_path(self.comparison, self.format, self.folder)
            path_input.value = str(self._proposed)
        else:  # the user's own name: only its suffix follows the format
            path_input.value = str(Path(path_input.value).with_suffix(self.format.suffix))

    def _pressed_key(self) -> str:
        return self.formats[self._pressed].key

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "export-save":
            self.save()
        else:
            self.dismiss(None)

    def save(self) -> None:
        value = self.query_one("#export-path", Input).value.strip()
        error = self.query_one("#export-error", Label)
        if not value:
            error.update(self.words("export.no_name"))
            return
        path = Path(value).expanduser()
        if path.exists():  # said here in the text's language; write() checks again
            error.update(self.words("export.exists", path=path))
            return
        try:
            path = write(self.comparison, self.format, path)
        except ResodiffError as exc:
            error.update(str(exc))
            return
        except Exception as exc:  # a report that fails to render: say so, keep the app
            error.update(self.words("export.failed", format=self._label(self.format), error=exc))
            return
        self.dismiss(path.resolve())

    def action_cancel(self) -> None:
        self.dismiss(None)


class FormatButton(RadioButton):
    """A format's radio button: ● when chosen, empty when not (colour is not the only cue)."""

    BUTTON_INNER = " "

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.BUTTON_INNER = "●" if self.value else " "

    def watch_value(self) -> None:
        self.BUTTON_INNER = "●" if self.value else " "
        super().watch_value()
