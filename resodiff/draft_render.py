"""Rendering a draft: Markdown and plain text from Jinja templates, DOCX from code.

Templates are looked up as ``<language>.<md|txt>.j2``: the user's folder (``--template DIR``)
first, then the bundled ``templates/draft/`` (so a user template may extend the bundled
``base.md.j2``). They run in Jinja's sandbox with strict undefined names: a template that
reaches for Python internals (``''.__class__``) or names something that does not exist stops
with one line naming the template and the line.
"""

from __future__ import annotations

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
    env = SandboxedEnvironment(
        loader=jinja2.FileSystemLoader([str(p) for p in search]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters["superscript"] = lambda s: str(s).translate(_SUPERSCRIPT)
    try:
        text = env.get_template(name).render(d=draft)
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


def _where(exc: BaseException, name: str) -> str:
    """"path/fr.md.j2, line 3": the innermost template frame of the error's traceback."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(".j2")]
    if not frames:
        return name
    return f"{frames[-1].filename}, line {frames[-1].lineno}"
