"""Web pages (URL, AMP URL, saved file) become content that builds; chrome and scripts stay out."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.content import load_content
from pipeline.importers.fetch import USER_AGENT
from pipeline.importers.page import clean_title
from tests.conftest import ContentTree
from tests.importers.conftest import FIXTURES, LocalWeb, fixture_text, run_import, snapshot

PAGE_PATH = "/new-start-after-the-deadline/"
CANONICAL = "https://vcdnp.org/new-start-after-the-deadline/"
WRITTEN = "commentary/new-start-after-the-deadline.md"
CHROME = [
    "Skip to content",
    "We use cookies",
    "Privacy policy",
    "Research & Analysis",
    "Share this",
    "Click to share",
    "Facebook",
    "Recent Posts",
    "Subscribe to our newsletter",
    "Copyright",
    "Andromeda Tower",
    "Previous:",
    "The CTBT at 30",
    "Posted in",
    "Search for",
]
UNSAFE = ["<script", "javascript:", "onerror", "onclick", "onload", "alert(", "<iframe"]


def test_a_wordpress_page_becomes_clean_content(web: LocalWeb, content_tree: ContentTree) -> None:
    url = web.add_fixture(PAGE_PATH, "wordpress-page.html")
    result = run_import(content_tree.root, url)
    assert result.exit_code == 0, result.output
    assert f"wrote {content_tree.root / WRITTEN}" in result.stdout

    content = load_content(content_tree.root)
    (article,) = content.articles
    assert article.title == "New START After the Deadline: What Comes Next?"
    assert article.url == CANONICAL
    assert article.date.date().isoformat() == "2026-02-09"
    assert article.authors == ("Elena Sokova", "Noah Mayhew")
    assert article.tags == ("Arms Control", "New START")
    assert article.summary.startswith("With New START expired, Moscow and Washington")
    assert article.image is not None
    assert article.image.src == "https://vcdnp.org/wp-content/uploads/2026/02/silo-1024x683.jpg"
    assert article.image.alt == "A decommissioned missile silo under snow"
    assert article.video is not None
    assert article.video.url == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    assert article.video.title == "After New START: Options for Strategic Stability"
    assert article.review == ()

    body = article.body_markdown
    assert body.startswith(
        "On 5 February 2026, the [New START Treaty](https://www.state.gov/new-start/)"
    )
    assert "\n## What was lost\n" in body
    assert "- it allowed 18 on-site inspections a year;" in body
    assert (
        "[notifications](https://vcdnp.org/notifications-explained/)" in body
    )  # relative → canonical
    assert "> Verification is not a favour one side does for the other." in body
    assert "*informal restraint*" in body and "**verification gap**" in body
    assert (
        "![Chart of US and Russian deployed strategic warheads, 2011 to 2026]"
        "(https://vcdnp.org/wp-content/uploads/2026/02/warhead-chart.png)" in body
    )
    assert "[IAEA](https://www.iaea.org/)" in body
    text = (content_tree.root / WRITTEN).read_text(encoding="utf-8")
    for chrome in CHROME:
        assert chrome not in text, chrome
    for unsafe in UNSAFE:
        assert unsafe not in text.lower(), unsafe
    assert "<script" not in article.body_html
    assert web.requests[0][1]["User-Agent"] == USER_AGENT


def test_the_same_page_twice_writes_nothing(web: LocalWeb, content_tree: ContentTree) -> None:
    url = web.add_fixture(PAGE_PATH, "wordpress-page.html")
    assert run_import(content_tree.root, url).exit_code == 0
    before = snapshot(content_tree.root)
    again = run_import(content_tree.root, url + "?utm_source=newsletter")
    assert again.exit_code == 0, again.output
    assert again.stdout == f"already imported as {content_tree.root / WRITTEN}: {CANONICAL}\n"
    assert snapshot(content_tree.root) == before


def test_force_reimports_over_the_same_file(web: LocalWeb, content_tree: ContentTree) -> None:
    url = web.add_fixture(PAGE_PATH, "wordpress-page.html")
    assert run_import(content_tree.root, url).exit_code == 0
    path = content_tree.root / WRITTEN
    path.write_text(
        path.read_text(encoding="utf-8").replace("What was lost", "Edited"), encoding="utf-8"
    )
    result = run_import(content_tree.root, url, "--force")
    assert result.exit_code == 0, result.output
    assert "What was lost" in path.read_text(encoding="utf-8")
    assert len(list((content_tree.root / "commentary").glob("*.md"))) == 1


def test_an_amp_page_maps_to_its_canonical_url(web: LocalWeb, content_tree: ContentTree) -> None:
    amp = web.add_fixture(PAGE_PATH + "amp/", "wordpress-page-amp.html")
    page = web.add_fixture(PAGE_PATH, "wordpress-page.html")
    result = run_import(content_tree.root, amp)
    assert result.exit_code == 0, result.output
    (article,) = load_content(content_tree.root).articles
    assert article.url == CANONICAL
    assert article.slug == "new-start-after-the-deadline"
    assert article.title == "New START After the Deadline: What Comes Next?"
    assert article.video is not None and article.video.url.endswith("v=dQw4w9WgXcQ")
    assert "Back to top" not in article.body_markdown
    # The full page is the same commentary: recognised by its canonical URL.
    again = run_import(content_tree.root, page)
    assert again.stdout.startswith("already imported as")


def test_a_saved_html_file_imports_like_the_url(tmp_path: Path, content_tree: ContentTree) -> None:
    saved = tmp_path / "saved page.html"
    saved.write_text(fixture_text("wordpress-page.html"), encoding="utf-8")
    result = run_import(content_tree.root, str(saved))
    assert result.exit_code == 0, result.output
    (article,) = load_content(content_tree.root).articles
    assert article.url == CANONICAL
    assert article.video is not None


def test_a_page_without_a_date_gets_today_and_a_review_note(
    web: LocalWeb, content_tree: ContentTree, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1772877600")  # 2026-03-07 10:00 UTC
    html = fixture_text("wordpress-page.html")
    for dated in (
        '<meta property="article:published_time" content="2026-02-09T09:30:00+00:00" />',
        '<meta property="article:modified_time" content="2026-02-10T14:02:11+00:00" />',
        '"datePublished":"2026-02-09T09:30:00+00:00",',
        '<span class="posted-on"><time class="entry-date published" datetime="2026-02-09T09:30:00+00:00">9 February 2026</time></span>',
        "/2026/02/",
        "Copyright &copy; 2026",
        "On 5 February 2026, the",
        "2026",
    ):
        html = html.replace(dated, "")
    url = web.add("/undated/", html)
    result = run_import(content_tree.root, url)
    assert result.exit_code == 0, result.output
    assert "warning: date: the source has no date; 2026-03-07 is the import day" in result.stderr
    content = load_content(content_tree.root)
    (article,) = content.articles
    assert article.date.date().isoformat() == "2026-03-07"
    assert any("the source has no date" in note for note in article.review)
    assert any(w.field == "review" for w in content.warnings)


def test_date_and_url_options_override_the_page(web: LocalWeb, content_tree: ContentTree) -> None:
    url = web.add_fixture(PAGE_PATH, "wordpress-page.html")
    result = run_import(
        content_tree.root, url, "--date", "2026-02-10", "--url", "https://vcdnp.org/bridge/"
    )
    assert result.exit_code == 0, result.output
    (article,) = load_content(content_tree.root).articles
    assert (article.slug, article.url, article.date.date().isoformat()) == (
        "bridge",
        "https://vcdnp.org/bridge/",
        "2026-02-10",
    )


def test_a_text_scrape_still_imports(content_tree: ContentTree) -> None:
    result = run_import(
        content_tree.root,
        str(FIXTURES / "scrape.txt"),
        "--url",
        "https://vcdnp.org/ctbt-at-30/amp/",
        "--date",
        "2026-02-01",
    )
    assert result.exit_code == 0, result.output
    (article,) = load_content(content_tree.root).articles
    assert (article.slug, article.title, article.url) == (
        "ctbt-at-30",
        "The CTBT at 30",
        "https://vcdnp.org/ctbt-at-30/",
    )
    assert "Share this" not in article.body_markdown


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("New START | Vienna Center for Disarmament and Non-Proliferation", "New START"),
        ("New START – Vienna Center for Disarmament and Non-Proliferation", "New START"),
        ("New START - VCDNP", "New START"),
        ("VCDNP | New START", "New START"),
        ("North Korea – A New Approach", "North Korea – A New Approach"),
        ("Iran - the JCPOA", "Iran - the JCPOA"),
    ],
)
def test_site_suffixes_leave_titles(title: str, expected: str) -> None:
    names = ["Vienna Center for Disarmament and Non-Proliferation", "vcdnp.org", "vcdnp"]
    assert clean_title(title, names) == expected
