"""What an editorial check of the drafts finds (`checks.py`), apart from the checks: the review
page rebuilds remembered findings without loading the language rules."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Finding:
    check: str
    post: str
    """Which post, e.g. "X thread post 2"."""
    message: str
