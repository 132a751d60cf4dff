"""Headless Chromium for tests, through Playwright and Debian's /usr/bin/chromium.

Use the `browser` fixture (import it into the test module) and `open_page()`. Elsewhere a
missing browser skips the test; with `CI` set it fails it, so CI cannot pass without looking.
Pages never reach the network: requests other than data: URLs are answered locally (images
with a grey placeholder PNG, everything else aborted).

One Chromium per test process (the session fixture) and one browser context in it: each
`open_page()` is a fresh page of that context, sized and coloured for the test (a new page
costs a fraction of a new context).
"""

from __future__ import annotations

import os
import shutil
import struct
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page, Route


def _find_chromium() -> Path:
    """Debian's chromium here; CHROMIUM or a preinstalled Chrome elsewhere (GitHub's runners)."""
    candidates = [os.environ.get("CHROMIUM", ""), "/usr/bin/chromium", shutil.which("chromium") or "",
                  shutil.which("google-chrome") or ""]  # fmt: skip
    return next((Path(c) for c in candidates if c and Path(c).exists()), Path("/usr/bin/chromium"))


CHROMIUM = _find_chromium()
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SHOTS = Path("/tmp/shots")


def _unavailable(reason: str) -> NoReturn:
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; CI is set, so browser tests must run (see .ci/run)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the session."""
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} not found (apt-get install chromium)")
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install -e '.[dev]')")
    with sync_playwright() as playwright:
        try:
            launched = playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
            )
        except Error as exc:
            _unavailable(f"Chromium did not start: {exc}")
        try:
            yield launched
        finally:
            launched.close()


@cache
def placeholder_png(width: int = 1200, height: int = 675, grey: int = 0xB8) -> bytes:
    """A plain grey PNG (stands in for remote images the test cannot fetch)."""
    row = b"\x00" + bytes([grey, grey, grey]) * width
    raw = zlib.compress(row * height, 9)

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


def _offline(route: Route) -> None:
    request = route.request
    if request.url.startswith("data:"):
        route.continue_()
    elif request.resource_type == "image":
        route.fulfill(status=200, content_type="image/png", body=placeholder_png())
    else:
        route.abort()


def _context(browser: Browser) -> BrowserContext:
    """The browser's one context, opened on first use (it closes with the browser)."""
    return browser.contexts[0] if browser.contexts else browser.new_context()


@contextmanager
def open_page(
    browser: Browser, width: int, height: int = 900, color_scheme: str = "light"
) -> Iterator[Page]:
    """A page `width` CSS pixels wide (any width: the viewport, not the window, is set)."""
    page = _context(browser).new_page()
    try:
        page.set_viewport_size({"width": width, "height": height})
        page.emulate_media(color_scheme=color_scheme)  # type: ignore[arg-type]
        dark = page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")
        assert dark == (color_scheme == "dark"), f"the page did not take {color_scheme}"
        page.route("**/*", _offline)
        yield page
    finally:
        page.close()


def painted(page: Page) -> None:
    """Return once the page has drawn two animation frames: after a resize or a scroll, before
    a screenshot, instead of sleeping for a while. (Only the top frame is asked: the sandboxed
    email frames run no script, so their callbacks would never come.)"""
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def horizontal_overflow(page: Page) -> int:
    """How many CSS pixels the page scrolls sideways (0 when it fits its viewport)."""
    return int(
        page.evaluate(
            "Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
            " - document.documentElement.clientWidth"
        )
    )


def screenshot(page: Page, name: str) -> Path:
    """Save a full-page screenshot to /tmp/shots/<name>.png (for a person to look at)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
