"""What a rebuild takes from the cache: feeds, newsletter issues and the review page are
functions of their inputs; a change to any input renders them again, a change elsewhere not."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bench.synthetic import SYNTHETIC_NOW, write_content
from pipeline.build import build
from pipeline.cache import Cache
from tests.conftest import TEMPLATES
from tests.test_build import tree as build_tree

pytestmark = pytest.mark.usefixtures("sample_clock")


def tree(folder: Path) -> dict[str, bytes]:
    """A build's files but the manifest (whose input fingerprint differs by design)."""
    return {path: data for path, data in build_tree(folder).items() if path != "manifest.json"}


def test_a_template_change_renders_the_email_and_review_page_again(sample_content, tmp_path):
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    ledger = sample_content.parent / "ledger.jsonl"
    cache = Cache(tmp_path / "cache")
    build(sample_content, tmp_path / "one", templates, ledger, cache=cache)
    # The child template's blocks live in the base: the line goes into the block.
    for name, after in (
        ("email/single.txt.j2", "{% block content %}\n"),
        ("review/page.html.j2", ""),
    ):
        path = templates / name
        text = path.read_text(encoding="utf-8")
        head, found, tail = text.partition(after) if after else (text, "", "")
        assert found or not after
        path.write_text(head + found + "A LINE ADDED BY AN EDITOR\n" + tail, encoding="utf-8")
    build(sample_content, tmp_path / "two", templates, ledger, cache=Cache(tmp_path / "cache"))
    build(sample_content, tmp_path / "fresh", templates, ledger, cache=Cache(None))
    one, two = tree(tmp_path / "one"), tree(tmp_path / "two")
    changed = sorted(path for path in two if two[path] != one.get(path))
    assert "review/index.html" in changed
    assert any(p.endswith("/email.txt") for p in changed)
    assert any(p.endswith("/message.eml") for p in changed)
    assert b"A LINE ADDED BY AN EDITOR" in two["review/index.html"]
    assert two == tree(tmp_path / "fresh")


def _edit_entry(content: Path) -> bytes:
    article = next((content / "commentary").glob("*.md"))
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("\ntitle: ", "\ntitle: EDITED ", 1), encoding="utf-8")
    return b"EDITED"


def _rename_feed(content: Path) -> bytes:
    settings = content / "site.toml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace('title = "', 'title = "Renamed ', 1), encoding="utf-8")
    return b"Renamed "


@pytest.mark.parametrize("change", [_edit_entry, _rename_feed], ids=["entry", "settings"])
def test_a_changed_entry_or_setting_renders_the_feeds_again(sample_content, tmp_path, change):
    ledger = sample_content.parent / "ledger.jsonl"
    build(sample_content, tmp_path / "one", TEMPLATES, ledger, cache=Cache(tmp_path / "c"))
    shown = change(sample_content)
    build(sample_content, tmp_path / "two", TEMPLATES, ledger, cache=Cache(tmp_path / "c"))
    build(sample_content, tmp_path / "fresh", TEMPLATES, ledger, cache=Cache(None))
    two = tree(tmp_path / "two")
    assert shown in two["rss.xml"] and shown in two["feed.json"]
    assert two == tree(tmp_path / "fresh")


ONE_EDIT_IMPORTS = """
import sys
from pathlib import Path
from pipeline.build import build
build(*map(Path, sys.argv[1:5]))
libraries = {"jinja2", "feedgen", "feedparser", "mjml", "lxml", "multiprocessing"}
drafting = {"pipeline.render.social.drafts", "pipeline.render.social.compose",
            "pipeline.render.social.checks", "babel.dates"}  # fmt: skip
print(sorted((libraries & {name.split(".")[0] for name in sys.modules}) | (drafting & set(sys.modules))))
"""


def test_an_edit_outside_the_feeds_and_the_issue_imports_no_renderer_library(tmp_path):
    """The oldest of 40 commentaries is in no feed (20 entries), no issue and no drafts (both
    a 7-day window): its edit changes no output, and the feeds, the issue, the drafts and the
    review page's views (the email's links, the drafts' checks, the feed's dates) come from the
    cache. One file read needs no worker pool."""
    content = write_content(tmp_path / "content", 40)
    env = {**os.environ, "SOURCE_DATE_EPOCH": SYNTHETIC_NOW,
           "PIPELINE_CACHE_DIR": str(tmp_path / "cache")}  # fmt: skip
    args = [str(content), str(tmp_path / "dist"), str(TEMPLATES), str(tmp_path / "l.jsonl")]

    def run() -> str:
        done = subprocess.run(
            [sys.executable, "-c", ONE_EDIT_IMPORTS, *args],
            capture_output=True, text=True, check=True, env=env,
        )  # fmt: skip
        return done.stdout.strip()

    assert run() != "[]"  # the first build renders everything
    before = tree(tmp_path / "dist")
    oldest = sorted((content / "commentary").glob("*.md"))[0]
    oldest.write_text(oldest.read_text(encoding="utf-8") + "\nOne more sentence.\n")
    assert run() == "[]"
    after = tree(tmp_path / "dist")
    assert not (tmp_path / "dist" / "social" / f"{oldest.stem}.json").exists()
    assert len([p for p in after if p.startswith("social/")]) == 2 * 7  # the last 7 days
    assert sorted(p for p in after if after[p] != before.get(p)) == []


def test_an_issue_that_failed_is_not_cached(sample_content, tmp_path):
    from pipeline.errors import BuildError

    ledger = sample_content.parent / "ledger.jsonl"
    settings = sample_content / "site.toml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace("[newsletter]\n", "[newsletter]\nhtml_budget_bytes = 10000\n"))
    for attempt in ("one", "two"):  # refused each time, never served from the cache
        with pytest.raises(BuildError, match="over the budget"):
            build(
                sample_content, tmp_path / attempt, TEMPLATES, ledger, cache=Cache(tmp_path / "c")
            )
    settings.write_text(text, encoding="utf-8")
    build(sample_content, tmp_path / "three", TEMPLATES, ledger, cache=Cache(tmp_path / "c"))
    assert any(p.endswith("/email.html") for p in tree(tmp_path / "three"))
