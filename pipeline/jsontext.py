"""Indented JSON, the same bytes as `json.dumps(value, ensure_ascii=False, indent=2)`, faster.

The standard library writes indented JSON with its pure-Python encoder (its C encoder only
writes compact JSON), which was most of the cost of writing a thousand draft files and the
manifest. Here one recursive function appends to a list, with the C string escaper; anything it
does not handle exactly (floats, keys that are not strings, other types) goes to `json.dumps`.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring
from typing import Any


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
