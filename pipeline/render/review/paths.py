"""Links from the review page (`review/index.html`) to the other files of dist/."""

from __future__ import annotations

from urllib.parse import quote

PAGE_PATH = "review/index.html"


def href_to(path: str) -> str:
    """`path` (relative to dist/) as a URL relative to the review page: works from file:// and HTTP."""
    return "../" + quote(path)
