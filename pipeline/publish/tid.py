"""Bluesky record keys: the TID a step's post is created under, the same on every attempt.

A TID (atproto "timestamp identifier") is a 64-bit integer written as 13 characters of
base32-sortable (`234567abcdefghijklmnopqrstuvwxyz`, most significant first): the top bit is 0,
then 53 bits of microseconds since the UNIX epoch, then a 10-bit clock id. A post's record key
must be a TID (`app.bsky.feed.post` has `key: tid`).

The key of a step is derived, not drawn from the clock: the whole seconds of the step's
`started_at` (stable across attempts: the first intent's time), the microseconds within that
second from the step token's hash, and the clock id from further bits of that hash. Steps that
started in the same second (a frozen clock, a fast thread) differ in 30 bits of the token, so
two steps sharing a key is a one-in-a-billion event, and even then the repository refuses the
second create and the sender sees a record that is not its own.
"""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime

ALPHABET = "234567abcdefghijklmnopqrstuvwxyz"
TID_PATTERN = re.compile(r"^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$")
"""The syntax rule of the atproto spec: 13 characters, the first one keeping the top bit 0."""


def encode_tid(microseconds: int, clock_id: int) -> str:
    """The TID of a 53-bit microsecond timestamp and a 10-bit clock id."""
    if not 0 <= microseconds < 1 << 53:
        raise ValueError(f"TID timestamp out of range: {microseconds}")
    if not 0 <= clock_id < 1 << 10:
        raise ValueError(f"TID clock id out of range: {clock_id}")
    value = (microseconds << 10) | clock_id
    chars = []
    for _ in range(13):
        chars.append(ALPHABET[value & 31])
        value >>= 5
    return "".join(reversed(chars))


def decode_tid(tid: str) -> tuple[int, int]:
    """(microseconds, clock id) of a valid TID; ValueError otherwise."""
    if not TID_PATTERN.match(tid):
        raise ValueError(f"not a TID: {tid!r}")
    value = 0
    for char in tid:
        value = (value << 5) | ALPHABET.index(char)
    return value >> 10, value & 0x3FF


def step_record_key(token: str, started_at: datetime) -> str:
    """The record key of one step: a function of its token and first-intent time only."""
    if started_at.tzinfo is None:
        started_at = started_at.replace(tzinfo=UTC)
    seconds = int(started_at.timestamp() // 1)
    digest = hashlib.sha256(f"pipeline/bluesky-rkey/1|{token}".encode()).digest()
    within_second = int.from_bytes(digest[:4], "big") % 1_000_000
    clock_id = int.from_bytes(digest[4:6], "big") & 0x3FF
    return encode_tid(seconds * 1_000_000 + within_second, clock_id)
