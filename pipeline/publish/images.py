"""Fetching an article's image for a network that uploads it (Bluesky's thumbnail blob,
Mastodon's media, LinkedIn's Images API): bounded in size and time, never raising."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Literal

import httpx


@dataclass(frozen=True)
class Refused:
    """Why the image could not be had; each network words it for its own report."""

    why: Literal["status", "type", "size", "slow", "error"]
    detail: str = ""
    """The HTTP status, the media type served, or the exception's type name."""


def fetch_image(
    client: httpx.Client,
    url: str,
    max_bytes: int,
    *,
    image_type: bool = True,
    deadline: float | None = None,
) -> tuple[bytes, str] | Refused:
    """The bytes and (lowercased) media type at `url`, or why not. `image_type`: refuse what
    is not served as `image/*`; `deadline`: seconds for the whole body (httpx's timeout counts
    each read)."""
    try:
        with client.stream("GET", url) as response:
            if response.status_code != 200:
                return Refused("status", str(response.status_code))
            mime = response.headers.get("content-type", "").split(";")[0].strip().lower()
            if image_type and not mime.startswith("image/"):
                return Refused("type", mime)
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                return Refused("size")
            ends = time.monotonic() + deadline if deadline is not None else None
            data = bytearray()
            for chunk in response.iter_bytes():
                data.extend(chunk)
                if len(data) > max_bytes:
                    return Refused("size")
                if ends is not None and time.monotonic() > ends:
                    return Refused("slow")
            return bytes(data), mime
    except httpx.HTTPError as exc:
        return Refused("error", type(exc).__name__)
