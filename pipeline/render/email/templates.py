"""The Jinja environment of the email templates, and template errors as BuildErrors.

Autoescape is on (MJML is HTML, and MRML fails on a raw `<` in text) except for the
plain-text templates (`*.txt.j2`); `StrictUndefined` makes a missing variable an error.

Compiling the templates costs a process tens of milliseconds, so Jinja keeps them compiled
(its `FileSystemBytecodeCache`) in the pipeline's cache folder, as Python keeps modules in
`__pycache__`: an entry is used only for the same template source and Python version.
"""

from __future__ import annotations

import os
import sys
from functools import lru_cache
from pathlib import Path
from types import TracebackType
from typing import Any

import jinja2
import jinja2.bccache

from pipeline.errors import BuildError, shown_path
from pipeline.render.email.plaintext import wrap

TEMPLATE_SUFFIXES = (".j2", ".mjml", ".txt")


def _autoescape(name: str | None) -> bool:
    return not (name or "").endswith(".txt.j2")


def _underline(text: str, char: str = "=") -> str:
    return char * max((len(line) for line in text.split("\n")), default=0)


class _Compiled(jinja2.FileSystemBytecodeCache):
    """Jinja's compiled templates in a folder that may be missing or read-only: a template that
    cannot be kept is compiled again by the next build, never an error."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except OSError:
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            os.makedirs(self.directory, exist_ok=True)
            super().dump_bytecode(bucket)
        except OSError:
            pass


@lru_cache(maxsize=8)
def environment(folder: Path, compiled: Path | None = None) -> jinja2.Environment:
    """The environment loading templates from `folder` (usually `templates/email`), keeping
    them compiled in the folder `compiled` if one is given."""
    env = jinja2.Environment(
        bytecode_cache=_Compiled(str(compiled)) if compiled is not None else None,
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


def render_template(
    folder: Path, name: str, context: dict[str, Any], compiled: Path | None = None
) -> str:
    """Render `folder/name`; any Jinja error becomes a BuildError naming the file and line.
    `compiled`: where compiled templates are kept (`Cache.folder_for`), if anywhere."""
    try:
        return environment(folder, compiled).get_template(name).render(context)
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
