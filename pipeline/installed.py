"""Versions and requirements of installed distributions, as `importlib.metadata` gives them,
read straight from the `*.dist-info/METADATA` files on sys.path.

`importlib.metadata` costs an up-to-date build ~15 ms to import (it pulls in the email
package) and about a millisecond a lookup (it parses each METADATA file as an email message).
This reads the same folders in the same order and only the header lines it needs. Whatever it
does not handle itself (a zip or an egg on sys.path, a finder of distributions besides the
standard one, an `.egg-info`, a folded header line, a distribution it does not find) is asked
of `importlib.metadata`, so the answers are always the same.
"""

from __future__ import annotations

import os
import re
import sys
from functools import cache, lru_cache


class _Unsure(Exception):
    """The quick reading does not apply: ask importlib.metadata."""


def version(name: str) -> str | None:
    """The version of the distribution `name`, or None if it is not installed."""
    try:
        return _header(name, "version")[0]
    except (_Unsure, IndexError):
        from importlib import metadata

        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return None


def requires(name: str) -> list[str] | None:
    """The requirements of `name` (its `Requires-Dist` lines), or None if it is not installed."""
    try:
        found = _header(name, "requires-dist")
    except _Unsure:
        found = []
    if found:
        return found
    from importlib import metadata

    try:
        return metadata.requires(name) or []
    except metadata.PackageNotFoundError:
        return None


def _normalize(name: str) -> str:
    """As `importlib.metadata` matches a distribution's name to its folder's."""
    return re.sub(r"[-_.]+", "-", name).lower().replace("-", "_")


def _header(name: str, field: str) -> list[str]:
    """The values of `field` (lower case) in the metadata header of `name`."""
    values = []
    for line in _metadata_header(_normalize(name)):
        key, colon, value = line.partition(":")
        if colon and key.strip().lower() == field:
            values.append(value.strip())
    return values


@cache
def _metadata_header(normalized: str) -> tuple[str, ...]:
    folder = _dist_info_folders().get(normalized)
    if folder is None:  # not found, or not a .dist-info
        raise _Unsure(normalized)
    try:
        with open(os.path.join(folder, "METADATA"), encoding="utf-8") as handle:
            text = handle.read()
    except (OSError, ValueError):
        raise _Unsure(normalized) from None
    header = text.replace("\r\n", "\n").split("\n\n", 1)[0].split("\n")
    if any(line[:1] in (" ", "\t") for line in header):  # a folded header line
        raise _Unsure(normalized)
    return tuple(header)


@lru_cache(maxsize=1)
def _dist_info_folders() -> dict[str, str | None]:
    """Each normalized name's first metadata folder along sys.path, importlib.metadata's
    choice (None: an `.egg-info`, left to it). The search stops at a zip or an egg, which only
    importlib.metadata reads: a name not found before it is asked of importlib.metadata."""
    from importlib.machinery import PathFinder

    if any(hasattr(f, "find_distributions") and f is not PathFinder for f in sys.meta_path):
        return {}
    folders: dict[str, str | None] = {}
    for entry in sys.path:
        root = entry or "."
        if not os.path.isdir(root):
            if os.path.exists(root):  # a zip file
                break
            continue
        if os.path.basename(root).lower().endswith(".egg"):
            break
        try:
            children = os.listdir(root)
        except OSError:
            continue
        for child in children:
            low = child.lower()
            if low.endswith((".dist-info", ".egg-info")):
                key = _normalize(low.rpartition(".")[0].partition("-")[0])
                dist_info = low.endswith(".dist-info")
                folders.setdefault(key, os.path.join(root, child) if dist_info else None)
    return folders
