"""The Jinja environment of the email templates, and template errors as BuildErrors.

Autoescape is on (MJML is HTML, and MRML fails on a raw `<` in text) except for the
plain-text templates (`*.txt.j2`); `StrictUndefined` makes a missing variable an error.
"""

from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path
from types import TracebackType
from typing import Any

import jinja2

from pipeline.errors import BuildError, shown_path
from pipeline.render.email.plaintext import wrap

TEMPLATE_SUFFIXES = (".j2", ".mjml", ".txt")


def _autoescape(name: str | None) -> bool:
    return not (name or "").endswith(".txt.j2")


def _underline(text: str, char: str = "=") -> str:
    return char * max((len(line) for line in text.split("\n")), default=0)


@lru_cache(maxsize=8)
def environment(folder: Path) -> jinja2.Environment:
    """The environment loading templates from `folder` (usually `templates/email`)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder),
        autoescape=_autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["wrap"] = wrap
    env.filters["underline"] = _underline
    return env


def _template_frame(tb: TracebackType | None, folder: Path) -> tuple[str, int] | None:
    """The innermost traceback frame in a template file (Jinja maps its lines back)."""
    found: tuple[str, int] | None = None
    root = str(folder.resolve())
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.startswith(root) or filename.endswith(TEMPLATE_SUFFIXES):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


def render_template(folder: Path, name: str, context: dict[str, Any]) -> str:
    """Render `folder/name`; any Jinja error becomes a BuildError naming the file and line."""
    try:
        return environment(folder).get_template(name).render(context)
    except jinja2.TemplateNotFound as exc:
        missing = exc.name if isinstance(exc.name, str) else name
        raise BuildError(f"{shown_path(str(folder / missing))}: template not found") from None
    except jinja2.TemplateSyntaxError as exc:
        where = shown_path(exc.filename or str(folder / (exc.name or name)))
        raise BuildError(f"{where}:{exc.lineno}: template syntax error: {exc.message}") from None
    except jinja2.TemplateError as exc:
        frame = _template_frame(sys.exc_info()[2], folder)
        where = f"{shown_path(frame[0])}:{frame[1]}" if frame else shown_path(str(folder / name))
        raise BuildError(f"{where}: template error: {exc}") from None
