"""The newsletter as a reader sees it: headless Chromium at phone (375 px) and desktop widths.

Screenshots go to /tmp/shots/ for a person to look at; the tests check that nothing scrolls
sideways on a phone and that the content column keeps its width on a desktop.
"""

from __future__ import annotations

import pytest

from tests.browser import _unavailable, horizontal_overflow, open_page, screenshot
from tests.render.test_email import many_articles, render, rich_article, rich_site

ISSUES = {
    "rich": lambda: render([rich_article()], rich_site()).html,
    "digest": lambda: render(many_articles(30), rich_site()).html,
}


@pytest.fixture(scope="module")
def sample_html() -> str:
    from pipeline.content import load_content
    from tests.conftest import SAMPLE_CONTENT

    content = load_content(SAMPLE_CONTENT)
    return render(content.articles, content.site).html


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_sample_issue_does_not_scroll_sideways_at_375px(browser, sample_html, scheme):
    with open_page(browser, 375, color_scheme=scheme) as page:
        page.set_content(sample_html, wait_until="load")
        screenshot(page, f"email-sample-375-{scheme}")
        assert page.evaluate("window.innerWidth") == 375
        assert horizontal_overflow(page) == 0


@pytest.mark.browser
@pytest.mark.parametrize("name", sorted(ISSUES))
def test_issues_do_not_scroll_sideways_at_375px(browser, name):
    with open_page(browser, 375) as page:
        page.set_content(ISSUES[name](), wait_until="load")
        screenshot(page, f"email-{name}-375")
        assert horizontal_overflow(page) == 0
        # every image fits the phone's width
        widest = page.evaluate(
            "Math.max(...[...document.images].map(i => i.getBoundingClientRect().right))"
        )
        assert widest <= 375


@pytest.mark.browser
def test_desktop_shows_a_600px_column(browser, sample_html):
    with open_page(browser, 800) as page:
        page.set_content(sample_html, wait_until="load")
        screenshot(page, "email-sample-800")
        assert horizontal_overflow(page) == 0
        width = page.evaluate("document.querySelector('.card').getBoundingClientRect().width")
        assert width == 600


@pytest.mark.browser
def test_overflow_check_can_fail(browser):
    with open_page(browser, 375) as page:
        page.set_content(
            '<html><body><table width="600"><tr><td>wide</td></tr></table></body></html>'
        )
        assert horizontal_overflow(page) > 0


def test_missing_browser_fails_under_ci_and_skips_elsewhere(monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI is set"):
        _unavailable("no chromium")
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception):
        _unavailable("no chromium")
