"""What renderers return: files for dist/, described for the manifest."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import orjson


@dataclass(frozen=True)
class Output:
    """One file of the build, relative to dist/, with what the manifest says about it."""

    path: str
    data: bytes
    kind: str
    """e.g. `feed/rss`, `email/html`, `social/json`."""
    slug: str | None = None
    """The article it belongs to, if one."""
    meta: Mapping[str, Any] = field(default_factory=dict)
    """Extra facts for reviewers and the CI summary (subject, preheader, sizes, lengths)."""


def encode_outputs(outputs: Sequence[Output]) -> bytes:
    """Outputs as bytes for the cache: one JSON line describing them, then their data."""
    head = [
        {"path": o.path, "kind": o.kind, "slug": o.slug, "meta": dict(o.meta), "bytes": len(o.data)}
        for o in outputs
    ]
    return orjson.dumps(head) + b"\n" + b"".join(o.data for o in outputs)


def decode_outputs(data: bytes) -> list[Output] | None:
    """What `encode_outputs` wrote; None for bytes it did not write (a damaged entry)."""
    line, newline, rest = data.partition(b"\n")
    try:
        head = orjson.loads(line)
        outputs, start = [], 0
        for item in head:
            end = start + item["bytes"]
            outputs.append(Output(item["path"], rest[start:end], item["kind"], item["slug"],
                                  item["meta"]))  # fmt: skip
            start = end
    except (orjson.JSONDecodeError, KeyError, TypeError):
        return None
    return outputs if newline and start == len(rest) else None
