"""`json.dumps(value, ensure_ascii=False, indent=2)`, the same text at C speed for the strings.

With `indent`, the standard library falls back to its pure-Python encoder, which costs more
than half a millisecond for one drafts document (and drafting costs a few). This writer does
the layout itself and hands every string to the C string encoder the standard library uses.
tests/render/test_social_corpus.py checks the text equals `json.dumps` on every corpus draft,
and tests/render/test_social_properties.py on arbitrary JSON values.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring
from typing import Any


def _write(value: Any, indent: str, out: list[str]) -> None:
    if isinstance(value, str):
        out.append(encode_basestring(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, int):
        out.append(int.__repr__(value))  # what json writes for an int (a bool is handled above)
    elif isinstance(value, float):
        out.append(json.dumps(value))
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = indent + "  "
        out.append("{")
        first = True
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError(f"keys must be str, not {type(key).__name__}")
            out.append(("\n" if first else ",\n") + inner + encode_basestring(key) + ": ")
            first = False
            _write(item, inner, out)
        out.append("\n" + indent + "}")
    elif isinstance(value, list | tuple):
        if not value:
            out.append("[]")
            return
        inner = indent + "  "
        out.append("[")
        for index, item in enumerate(value):
            out.append(("\n" if index == 0 else ",\n") + inner)
            _write(item, inner, out)
        out.append("\n" + indent + "]")
    else:
        raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def dumps_indented(value: Any) -> str:
    """The text of `json.dumps(value, ensure_ascii=False, indent=2)`."""
    out: list[str] = []
    _write(value, "", out)
    return "".join(out)
