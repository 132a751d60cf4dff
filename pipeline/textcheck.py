"""Checks for text that ends up in email headers, URLs and XML: one line, printable, decoded.

Python's email policy decodes RFC 2047 encoded words (`=?utf-8?q?=0D=0A...?=`) when a header is
set, so a value that is clean as typed can still carry CR/LF into a message. Every check here
looks at the value *as the header will hold it* (decoded by the same policy) as well as raw.
"""

from __future__ import annotations

import re
from email import policy
from email.headerregistry import Address
from functools import lru_cache
from urllib.parse import urlsplit

_ENCODED_WORD = re.compile(r"=\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=")
# What `bad_character` refuses: control characters (Unicode category Cc), surrogates (Cs), the
# line and paragraph separators (Zl, Zp) and the noncharacters XML 1.0 forbids (U+FDD0-FDEF,
# U+FFFE, U+FFFF). These categories are fixed by Unicode's stability policy.
_REFUSED = ((0x00, 0x1F), (0x7F, 0x9F), (0xD800, 0xDFFF), (0x2028, 0x2029), (0xFDD0, 0xFDEF),
            (0xFFFE, 0xFFFF))  # fmt: skip


@lru_cache(maxsize=16)
def _refused_pattern(allow: str) -> re.Pattern[str]:
    """One character class of the refused characters less those in `allow` (searched in C: a
    loop over every character of a body in Python was a fifth of a cold build)."""
    allowed = {ord(char) for char in allow}
    ranges: list[str] = []
    for low, high in _REFUSED:
        start = None
        for code in [*range(low, high + 1), None]:
            if code is not None and code not in allowed:
                start = code if start is None else start
                continue
            if start is not None:
                end = (code if code is not None else high + 1) - 1
                ranges.append(f"\\U{start:08x}-\\U{end:08x}")
                start = None
    return re.compile(f"[{''.join(ranges)}]")


def bad_character(value: str, allow: str = "") -> str | None:
    """A description of the first character that is not printable text, or None.

    Control characters (category Cc) other than those in `allow`, line and paragraph
    separators, lone surrogates and Unicode noncharacters (U+FFFE...) are refused."""
    found = _refused_pattern(allow).search(value)
    if found is None:
        return None
    return (
        f"control or non-text character U+{ord(found.group()):04X} at position {found.start() + 1}"
    )


def header_text_problem(value: str) -> str | None:
    """Why `value` cannot be the text of one email header (e.g. the Subject), or None.

    It must be one line of printable text both as written and after RFC 2047 decoding, and hold
    no encoded word at all: the subject must read as the title does on every other page."""
    problem = bad_character(value)
    if problem:
        return f"must be one line of printable text ({problem})"
    if _ENCODED_WORD.search(value):
        return (
            "must not contain an RFC 2047 encoded word ('=?charset?q?...?='): write the text itself"
        )
    decoded = str(policy.SMTP.header_factory("Subject", value))
    problem = bad_character(decoded)
    if problem:
        return f"decodes to text that is not one printable line ({problem})"
    return None


def single_address_problem(value: str) -> str | None:
    """Why `value` is not exactly one email address (`Name <local@domain>` or `local@domain`).

    The address itself must be ASCII (our SMTP client does not use SMTPUTF8); a display name
    may be any printable text."""
    problem = header_text_problem(value)
    if problem:
        return problem
    try:
        header = policy.SMTP.header_factory("From", value)
    except (ValueError, IndexError, TypeError) as exc:  # the parser's own failures
        return f"{value!r} is not an email address ({exc})"
    addresses: tuple[Address, ...] = tuple(getattr(header, "addresses", ()))
    if len(addresses) != 1:
        return f"{value!r} must be exactly one address, found {len(addresses)}"
    defects = list(header.defects)
    if defects:
        return f"{value!r} is not a valid email address ({defects[0]})"
    address = addresses[0]
    if not address.username or not address.domain or "." not in address.domain:
        return f"{value!r} is not an address like name@example.org"
    if not address.addr_spec.isascii():
        return f"{value!r}: the address must be ASCII (use the IDNA form of the domain)"
    if re.search(r"[\s<>,;\"()\[\]\\]", address.addr_spec):
        return f"{value!r} is not a valid email address"
    return None


def https_url_problem(value: str, ascii_only: bool = True) -> str | None:
    """Why `value` is not one absolute https URL fit for a header or a post, or None.

    `ascii_only=False` lets a page address keep non-ASCII path characters (IRIs)."""
    problem = bad_character(value)
    if problem:
        return f"must be one URL ({problem})"
    if re.search(r"[\s<>,\"\\^`{|}]", value):
        return f"must be one URL without spaces, commas, quotes or angle brackets, got {value!r}"
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 (raises on a bad port)
    except ValueError as exc:
        return f"{value!r} is not a valid URL ({exc})"
    if parts.scheme != "https" or not parts.hostname:
        return f"must be an absolute https:// URL, got {value!r}"
    if ascii_only and not value.isascii():
        return f"{value!r} must be ASCII (percent-encode the path, use the IDNA form of the host)"
    return None
