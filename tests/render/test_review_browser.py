"""The review page in headless Chromium: from file:// and over HTTP, at 375 px and 1280 px.

Screenshots go to /tmp/shots/review-*.png for a person to look at.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.preview import make_server
from tests.browser import SHOTS, horizontal_overflow, open_page, painted, placeholder_png
from tests.conftest import SAMPLE_CONTENT, SAMPLE_NOW
from tests.render.test_review import ISSUE, write_dist

# The sample is built on the morning after its date (tests/conftest.py: SAMPLE_NOW).
pytestmark = pytest.mark.usefixtures("sample_clock")

# Text on its own background: the WCAG contrast of each element that has text of its own.
CONTRAST_JS = """() => {
  const rgb = s => (s.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = c => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = el => {
    for (; el; el = el.parentElement) {
      const c = rgb(getComputedStyle(el).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const bad = [];
  for (const el of document.body.querySelectorAll('*')) {
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    const style = getComputedStyle(el);
    if (!own || style.visibility === 'hidden' || el.closest('.visually-hidden')) continue;
    const a = lum(rgb(style.color).slice(0, 3)), b = lum(background(el));
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const large = parseFloat(style.fontSize) >= 24 || (parseFloat(style.fontSize) >= 18.66 && +style.fontWeight >= 700);
    if (ratio < (large ? 3 : 4.5)) bad.push(`${el.tagName}.${el.className}: ${ratio.toFixed(2)} "${el.textContent.trim().slice(0, 40)}"`);
  }
  return bad;
}"""


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    with pytest.MonkeyPatch.context() as patch:  # module scope: sample_clock cannot reach here
        patch.setenv("SOURCE_DATE_EPOCH", SAMPLE_NOW)
        return write_dist(SAMPLE_CONTENT, tmp_path_factory.mktemp("review") / "dist")


@pytest.fixture(scope="module")
def http_root(dist: Path) -> Iterator[str]:
    server = make_server(dist, 0)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
    )
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def load(page, url: str) -> list[str]:
    """Open `url`; the console errors and page errors it caused (frames included).

    `open_page` answers every request itself; here the page's own site (file:// or the test
    server) is let through, remote images get the placeholder and anything else is refused.
    """
    local = "file://" if url.startswith("file://") else url.split("/review/", 1)[0] + "/"

    def route(route) -> None:
        request = route.request
        if request.url.startswith((local, "data:")):
            route.continue_()
        elif request.resource_type == "image":
            route.fulfill(status=200, content_type="image/png", body=placeholder_png())
        else:
            route.abort()

    page.unroute("**/*")
    page.route("**/*", route)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("requestfailed", lambda r: errors.append(f"{r.url}: {r.failure}"))
    page.goto(url, wait_until="load")
    for frame in page.frames[1:]:
        frame.wait_for_load_state("load")
    return errors


def full_screenshot(page, name: str) -> Path:
    """Like tests.browser.screenshot, but frames below the fold are painted too: Chromium does
    not paint out-of-process frames (the sandboxed emails) outside the viewport, so the
    viewport is made as tall as the page first."""
    width = page.viewport_size["width"]
    height = page.evaluate("document.documentElement.scrollHeight")
    page.set_viewport_size({"width": width, "height": height})
    painted(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path


def email_frame(page, kind: str):
    handle = page.query_selector(f"iframe.{kind}")
    assert handle is not None
    frame = handle.content_frame()
    assert frame is not None
    return handle, frame


@pytest.mark.browser
@pytest.mark.parametrize("width", [375, 1280])
def test_page_loads_from_file_without_errors(browser, dist, width):
    with open_page(browser, width) as page:
        errors = load(page, (dist / "review" / "index.html").as_uri())
        assert errors == []
        assert horizontal_overflow(page) == 0
        # both frames show the built email (relative URLs work from file://)
        for kind in ("desktop", "mobile"):
            _handle, frame = email_frame(page, kind)
            assert frame.url.endswith(f"/email/{ISSUE}/email.html")
            assert "Build Back Better" in frame.title()
        full_screenshot(page, f"review-{width}")


@pytest.mark.browser
def test_page_loads_over_http_without_errors(browser, http_root):
    with open_page(browser, 1280) as page:
        errors = load(page, http_root + "review/index.html")
        assert errors == []
        _handle, frame = email_frame(page, "desktop")
        assert frame.url == f"{http_root}email/{ISSUE}/email.html"
        assert "Build Back Better" in frame.title()


@pytest.mark.browser
def test_mobile_frame_is_375px_and_the_email_does_not_scroll_sideways(browser, dist):
    with open_page(browser, 375) as page:
        load(page, (dist / "review" / "index.html").as_uri())
        assert page.evaluate("window.innerWidth") == 375
        handle, frame = email_frame(page, "mobile")
        box = handle.bounding_box()
        assert box is not None
        assert box["width"] == 375
        assert box["x"] >= 0 and box["x"] + box["width"] <= 375  # fully on a phone's screen
        assert frame.evaluate("window.innerWidth") == 375
        assert horizontal_overflow(frame) == 0
        handle.scroll_into_view_if_needed()
        painted(page)
        handle.screenshot(path=str(SHOTS / "review-375-mobile-frame.png"))


@pytest.mark.browser
def test_desktop_frame_is_at_least_600px(browser, dist):
    with open_page(browser, 1280) as page:
        load(page, (dist / "review" / "index.html").as_uri())
        handle, frame = email_frame(page, "desktop")
        assert handle.bounding_box()["width"] >= 600
        assert frame.evaluate("window.innerWidth") >= 600
        assert horizontal_overflow(frame) == 0


@pytest.mark.browser
def test_a_wide_email_is_caught_in_the_mobile_frame(browser, tmp_path):
    """The overflow measurement in the frame can fail: an email 600 px wide at any width."""
    dist = write_dist(SAMPLE_CONTENT, tmp_path / "dist")
    email = dist / "email" / ISSUE / "email.html"
    email.write_text('<html><body><table width="600"><tr><td>wide</td></tr></table></body></html>')
    with open_page(browser, 375) as page:
        load(page, (dist / "review" / "index.html").as_uri())
        _handle, frame = email_frame(page, "mobile")
        assert horizontal_overflow(frame) > 0


@pytest.mark.browser
def test_every_draft_in_the_manifest_appears_with_its_counter(browser, dist):
    manifest = json.loads((dist / "manifest.json").read_text())
    drafts = [e for e in manifest["outputs"] if e["kind"] == "social/json"]
    assert drafts, "the build made no social drafts"
    with open_page(browser, 375) as page:
        load(page, (dist / "review" / "index.html").as_uri())
        for entry in drafts:
            card = page.locator(f"#social-{entry['slug']}")
            assert card.is_visible()
            for post in entry["posts"]:
                selector = (
                    f"li[data-network='{post['network']}'][data-kind='{post['kind']}']"
                    f"[data-index='{post['index']}']"
                )
                counter = card.locator(selector).locator(".gauge-text")
                assert counter.is_visible()
                text = " ".join(counter.inner_text().split())
                assert f"{post['length']:,} / {post['limit']:,} characters" in text


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_text_contrast(browser, dist, scheme):
    with open_page(browser, 1280, color_scheme=scheme) as page:
        load(page, (dist / "review" / "index.html").as_uri())
        assert page.evaluate(CONTRAST_JS) == []
        if scheme == "dark":
            full_screenshot(page, "review-1280-dark")


@pytest.mark.browser
def test_contrast_check_can_fail(browser):
    with open_page(browser, 375) as page:
        page.set_content(
            '<html><body><p style="color:#aaa;background:#fff">faint</p></body></html>'
        )
        assert page.evaluate(CONTRAST_JS) != []
