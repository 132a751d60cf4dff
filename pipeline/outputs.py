"""What renderers return: files for dist/, described for the manifest."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


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
