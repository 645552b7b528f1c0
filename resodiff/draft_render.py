"""Rendering a draft: Markdown and plain text from Jinja templates, DOCX from code.

Templates are looked up as ``<language>.<md|txt>.j2``: the user's folder (``--template DIR``)
first, then the bundled ``templates/draft/`` (so a user template may extend the bundled
``base.md.j2``). They run in Jinja's sandbox with strict undefined names: a template that
reaches for Python internals (``''.__class__``) or names something that does not exist stops
with one line naming the template and the line.
"""

from __future__ import annotations

import os
import time
import traceback
from pathlib import Path

import jinja2
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from resodiff.bundled import templates_dir
from resodiff.draft import Draft
from resodiff.errors import TemplateError
from resodiff.languages import typeset

FORMATS = ("md", "text", "docx")
EXTENSIONS = {"md": "md", "text": "txt"}
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def render(draft: Draft, fmt: str = "md", template_dir: str | Path | None = None) -> bytes:
    """The draft in ``fmt`` (md, text or docx) as the bytes of the file to write."""
    if fmt == "docx":
        if template_dir is not None:
            raise TemplateError("--template applies to the md and text formats; the docx layout is built in")
        from resodiff.draft_docx import render_docx

        return render_docx(draft)
    return render_text(draft, fmt, template_dir).encode("utf-8")


def render_text(draft: Draft, fmt: str = "md", template_dir: str | Path | None = None) -> str:
    name = f"{draft.language}.{EXTENSIONS[fmt]}.j2"
    bundled = templates_dir() / "draft"
    search = [bundled]
    if template_dir is not None:
        folder = Path(template_dir)
        if not folder.is_dir():
            raise TemplateError(f"{folder}: no such template folder")
        if not (folder / name).is_file():
            raise TemplateError(f"{folder}: no {name} in it (draft templates are named <language>.<md|txt>.j2)")
        search = [folder, bundled]
    env = _BoundedSandbox(
        loader=_ConfinedLoader([str(p) for p in search]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters["superscript"] = lambda s: str(s).translate(_SUPERSCRIPT)
    env.globals["range"] = env.bounded_range
    try:
        text = env.render_bounded(env.get_template(name), d=draft)
    except SecurityError as exc:
        raise TemplateError(f"{_where(exc, name)}: refused by the template sandbox: {exc}") from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"{exc.filename or name}, line {exc.lineno}: {exc.message}") from None
    except jinja2.TemplateError as exc:
        raise TemplateError(f"{_where(exc, name)}: {exc.message or exc}") from None
    except Exception as exc:  # a user's template can fail in any way Python can
        if template_dir is None:
            raise
        raise TemplateError(f"{_where(exc, name)}: {type(exc).__name__}: {exc}") from None
    text = typeset(text, draft.language)  # the language's spaces around ; : ? ! « » (French)
    return text if text.endswith("\n") else text + "\n"


MAX_OUTPUT = 10 * 1024 * 1024  # characters a draft may render to (a resolution is ~100,000)
MAX_SECONDS = 5.0  # the bundled templates render in a few milliseconds


class _ConfinedLoader(jinja2.FileSystemLoader):
    """Templates from the search folders only: a symlink pointing out of its folder is refused."""

    def get_source(self, environment, template):
        source, filename, uptodate = super().get_source(environment, template)
        real = os.path.realpath(filename)
        if not any(real.startswith(os.path.realpath(folder) + os.sep) for folder in self.searchpath):
            raise TemplateError(f"{filename}: a link to {real}, outside the template folder; refused")
        return source, filename, uptodate


class _BoundedSandbox(SandboxedEnvironment):
    """The sandbox, with a clock and a size limit: a template cannot hang or fill the memory."""

    intercepted_binops = frozenset({"*", "**"})

    def render_bounded(self, template: jinja2.Template, **context) -> str:
        self.deadline = time.monotonic() + MAX_SECONDS
        out: list[str] = []
        size = 0
        for chunk in template.generate(**context):
            out.append(chunk)
            size += len(chunk)
            if size > MAX_OUTPUT:
                raise SecurityError(f"the output is over {MAX_OUTPUT:,} characters")
            self._check_clock()
        return "".join(out)

    def _check_clock(self) -> None:
        if time.monotonic() > getattr(self, "deadline", float("inf")):
            raise SecurityError(f"rendering takes more than {MAX_SECONDS:g} s")

    def bounded_range(self, *args):
        for k, value in enumerate(range(*args)):
            if not k & 0x3FF:
                self._check_clock()
            yield value

    def call_binop(self, context, operator: str, left, right):
        if operator == "*":
            for seq, n in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(n, int) and len(seq) * n > MAX_OUTPUT:
                    raise SecurityError(f"a repeated text or list of over {MAX_OUTPUT:,} items")
        if operator == "**" and isinstance(right, int) and abs(right) > 1000:
            raise SecurityError("a power over 1000")
        return super().call_binop(context, operator, left, right)


def _where(exc: BaseException, name: str) -> str:
    """"path/fr.md.j2, line 3": the innermost template frame of the error's traceback."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(".j2")]
    if not frames:
        return name
    return f"{frames[-1].filename}, line {frames[-1].lineno}"
