"""Indented JSON for every JSON file the build writes (drafts, JSON Feed, manifest), by orjson.

orjson's two-space indentation gives the same bytes as `json.dumps(value, ensure_ascii=False,
indent=2)` for everything the build writes (strings, integers, booleans, null, lists and
objects with string keys), about fifty times faster: the standard library writes indented
JSON with its pure-Python encoder, which was most of the cost of writing a thousand draft files
and the manifest. Floats are written in their shortest form (`1e-08` becomes `1e-8`); what
orjson refuses (integers beyond 64 bits, keys that are not strings) goes to `json.dumps`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import orjson


def dumps_bytes(value: Any) -> bytes:
    """The indented JSON of `value`, UTF-8, without a final newline."""
    try:
        return orjson.dumps(value, option=orjson.OPT_INDENT_2)
    except TypeError:
        return json.dumps(value, ensure_ascii=False, indent=2).encode("utf-8")


def dumps_indented(value: Any) -> str:
    return dumps_bytes(value).decode("utf-8")


def write_indented(value: Any, path: Path) -> None:
    """Write the indented JSON of `value` and a newline to `path`."""
    path.write_bytes(dumps_bytes(value) + b"\n")
