"""Factories and fixtures shared by the tests."""

from __future__ import annotations

import shutil
import textwrap
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from pipeline import markdown
from pipeline.article import Article
from pipeline.site import Site

# The headless Chromium fixture `browser`, registered once for the whole session.
pytest_plugins = ["tests.browser"]

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_CONTENT = ROOT / "content"
TEMPLATES = ROOT / "templates"
# The raw AMP scrape of the first sample (copied from shared/seeds: tests read only the repository).
SEED = ROOT / "tests" / "fixtures" / "seeds" / "vcdnp-north-korea-amp.txt"
GOLDEN = Path(__file__).resolve().parent / "golden"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", help="Rewrite golden files on purpose."
    )


SAMPLE_NOW = "1611824400"
"""The clock injected (SOURCE_DATE_EPOCH) wherever the sample content is built: 2021-01-28
09:00 UTC, the morning after the sample commentary, so its issue and posts are in the window."""


SAMPLE_MOMENT = datetime.fromtimestamp(int(SAMPLE_NOW), UTC)
"""SAMPLE_NOW as the `now` a test hands to `load_content`."""


@pytest.fixture
def sample_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SAMPLE_NOW)


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def make_site(**overrides: Any) -> Site:
    data: dict[str, Any] = {
        "name": "Example Centre",
        "base_url": "https://example.org/",
        "public_url": "https://feeds.example.org/",
        "language": "en",
        "timezone": "Europe/Vienna",
        "feed": {
            "title": "Example Commentary",
            "description": "Commentary.",
            "author": "Example Centre",
        },
        "newsletter": {
            "from": "Example <news@example.org>",
            "postal_address": "1 Example Street, 1010 Vienna, Austria",
            "unsubscribe_url": "https://example.org/unsubscribe",
        },
    }
    data.update(overrides)
    return Site.model_validate(data)


def make_article(**overrides: Any) -> Article:
    body = overrides.pop("body", "First paragraph. It argues a point.\n\nSecond paragraph.\n")
    slug = overrides.get("slug", "a-commentary")
    url = overrides.get("url", f"https://example.org/{slug}/")
    data: dict[str, Any] = {
        "slug": slug,
        "collection": "commentary",
        "source_path": f"content/commentary/{slug}.md",
        "content_hash": "0" * 64,
        "guid": url,
        "title": "A Commentary",
        "date": datetime(2021, 1, 27, tzinfo=ZoneInfo("Europe/Vienna")),
        "url": url,
        "summary": "First paragraph.",
        "body_markdown": body,
        "body_http_links": markdown.http_links(markdown.rendered_body(body, url)[1]),
    }
    data.update(overrides)
    return Article.model_validate(data)


SITE_TOML = """\
name = "Example Centre"
base_url = "https://example.org/"
public_url = "https://feeds.example.org/"
language = "en"
timezone = "Europe/Vienna"

[feed]
title = "Example Commentary"
description = "Commentary."
author = "Example Centre"

[newsletter]
from = "Example <news@example.org>"
postal_address = "1 Example Street, 1010 Vienna, Austria"
unsubscribe_url = "https://example.org/unsubscribe"
"""


class ContentTree:
    """A throwaway content/ folder for a test."""

    def __init__(self, root: Path) -> None:
        self.root = root
        (root / "commentary").mkdir(parents=True)
        (root / "site.toml").write_text(SITE_TOML, encoding="utf-8")

    def add(
        self, slug: str, front: str, body: str = "A paragraph of text.\n", folder: str = ""
    ) -> Path:
        path = self.root / "commentary" / folder / f"{slug}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\n{textwrap.dedent(front).strip()}\n---\n\n{body}", encoding="utf-8")
        return path


@pytest.fixture
def content_tree(tmp_path: Path) -> ContentTree:
    return ContentTree(tmp_path / "content")


@pytest.fixture
def sample_content(tmp_path: Path) -> Path:
    """A copy of the repository's content/ (tests must not touch the real one)."""
    target = tmp_path / "content"
    shutil.copytree(SAMPLE_CONTENT, target)
    return target


@pytest.fixture(autouse=True)
def _private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tests never share the developer's .cache/; each session gets its own."""
    monkeypatch.setenv("PIPELINE_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))
