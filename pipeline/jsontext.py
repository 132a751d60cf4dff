"""Indented JSON, the same bytes as `json.dumps(value, ensure_ascii=False, indent=2)`, faster.

The standard library writes indented JSON with its pure-Python encoder (its C encoder only
writes compact JSON), which was most of the cost of writing a thousand draft files and the
manifest. Here one recursive function appends to a list, with the C string escaper; anything it
does not handle exactly (floats, keys that are not strings, other types) goes to `json.dumps`.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring
from pathlib import Path
from typing import IO, Any


class _Unusual(Exception):
    """A value this encoder leaves to the standard library."""


def _write(value: Any, out: list[str], indent: str) -> None:
    if isinstance(value, str):
        out.append(encode_basestring(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif type(value) is int:
        out.append(int.__repr__(value))
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = indent + "  "
        out.append("{\n" + inner)
        first = True
        for key, item in value.items():
            if type(key) is not str:
                raise _Unusual
            if not first:
                out.append(",\n" + inner)
            first = False
            out.append(encode_basestring(key) + ": ")
            _write(item, out, inner)
        out.append("\n" + indent + "}")
    elif isinstance(value, list | tuple):
        if not value:
            out.append("[]")
            return
        inner = indent + "  "
        out.append("[\n" + inner)
        for index, item in enumerate(value):
            if index:
                out.append(",\n" + inner)
            _write(item, out, inner)
        out.append("\n" + indent + "]")
    else:
        raise _Unusual


def dumps_indented(value: Any) -> str:
    """`json.dumps(value, ensure_ascii=False, indent=2)`."""
    out: list[str] = []
    try:
        _write(value, out, "")
    except (_Unusual, RecursionError):
        return json.dumps(value, ensure_ascii=False, indent=2)
    return "".join(out)


class _Flushing(list[str]):
    """A list of pieces that writes itself out, UTF-8, every few thousand pieces."""

    def __init__(self, handle: IO[bytes]) -> None:
        super().__init__()
        self.handle = handle

    def append(self, piece: str) -> None:
        super().append(piece)
        if len(self) >= 4096:
            self.flush()

    def flush(self) -> None:
        self.handle.write("".join(self).encode("utf-8"))
        self.clear()


def write_indented(value: Any, path: Path) -> None:
    """Write `dumps_indented(value)` and a newline to `path` as UTF-8, piece by piece (a large
    manifest is never held whole in memory)."""
    with path.open("wb") as handle:
        out = _Flushing(handle)
        try:
            _write(value, out, "")
        except (_Unusual, RecursionError):
            handle.seek(0)
            handle.truncate()
            out.clear()
            out.append(json.dumps(value, ensure_ascii=False, indent=2))
        out.append("\n")
        out.flush()
