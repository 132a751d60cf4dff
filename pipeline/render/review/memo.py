"""The review page's views, remembered on the bytes they are made from.

Every build renders the review page, and its views are the costly part: the email's links and
images parsed with lxml, the drafts' editorial checks (the language rules), dates formatted by
babel (its locale data takes tens of milliseconds to load). Each is a function of output bytes
the build already has, so an unchanged email, drafts file or feed is never looked at again:
a rebuild after one edit imports none of those libraries for it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import orjson

from pipeline.cache import Cache

View = TypeVar("View")


def remembered(
    cache: Cache | None,
    namespace: str,
    parts: Iterable[bytes | str],
    compute: Callable[[], View],
    rebuild: Callable[[Any], View],
) -> View:
    """`compute()`, or the value cached under `parts` (all it depends on). The value is kept as
    JSON (dataclasses become objects, tuples lists) and made again by `rebuild`; an entry that
    does not rebuild is computed anew."""
    if cache is None:
        return compute()

    def decode(data: bytes) -> View | None:
        try:
            return rebuild(orjson.loads(data))
        except (ValueError, TypeError, KeyError, AttributeError):  # a damaged or older entry
            return None

    value: View = cache.memo(namespace, parts, compute, orjson.dumps, decode)
    return value
