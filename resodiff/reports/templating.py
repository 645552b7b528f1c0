"""The Jinja environment of the report layouts (``templates/report/``).

The layouts are bundled, not the user's, so no sandbox; but autoescape is on for HTML: every
resolution text goes through ``{{ }}`` and is shown as text, never read as markup. Names a
template uses and the context lacks stop the rendering (StrictUndefined).
"""

from __future__ import annotations

from functools import cache

import jinja2

from resodiff.bundled import templates_dir
from resodiff.reports.content import Call, Seg, Sub
from resodiff.reports.pieces import Gap


@cache
def environment(autoescape: bool = True, finalize=None) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir() / "report")),
        autoescape=autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=finalize,
    )
    env.tests["seg"] = lambda x: isinstance(x, Seg)
    env.tests["call"] = lambda x: isinstance(x, Call)
    env.tests["sub"] = lambda x: isinstance(x, Sub)
    env.tests["gap"] = lambda x: isinstance(x, Gap)
    return env
