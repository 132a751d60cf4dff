"""`pipeline import --from-config`: the scheduled run pulls every [[import.sources]] entry."""

from __future__ import annotations

from pipeline.content import load_content
from tests.conftest import ContentTree
from tests.importers.conftest import LocalWeb, run_import, snapshot


def add_sources(tree: ContentTree, *sources: tuple[str, str]) -> None:
    text = (tree.root / "site.toml").read_text(encoding="utf-8")
    for url, kind in sources:
        text += f'\n[[import.sources]]\nurl = "{url}"\nkind = "{kind}"\n'
    (tree.root / "site.toml").write_text(text, encoding="utf-8")


def test_every_configured_source_is_imported_once(web: LocalWeb, content_tree: ContentTree) -> None:
    web.add_fixture("/new-start-after-the-deadline/", "wordpress-page.html")
    feed = web.add_fixture("/feed/", "wordpress-feed.xml", "application/rss+xml")
    page = web.add_fixture("/amp/", "wordpress-page-amp.html")
    add_sources(content_tree, (feed, "feed"), (page, "auto"))
    result = run_import(content_tree.root, "--from-config", "--allow-private")
    assert result.exit_code == 0, result.output
    assert f"{feed}: 3 entries, 3 new, 0 already imported" in result.stdout
    assert result.stdout.endswith(
        f"already imported as {content_tree.root / 'commentary/new-start-after-the-deadline.md'}: "
        "https://vcdnp.org/new-start-after-the-deadline/\n"
    )
    assert len(load_content(content_tree.root).articles) == 3
    before = snapshot(content_tree.root)
    again = run_import(content_tree.root, "--from-config", "--allow-private")
    assert again.exit_code == 0 and "3 entries, 0 new, 3 already imported" in again.stdout
    assert snapshot(content_tree.root) == before


def test_a_failing_source_does_not_stop_the_others(
    web: LocalWeb, content_tree: ContentTree
) -> None:
    web.add_fixture("/new-start-after-the-deadline/", "wordpress-page.html")
    feed = web.add_fixture("/feed/", "wordpress-feed.xml", "application/rss+xml")
    broken = web.add("/down/", "<h1>Bad gateway</h1>", status=502)
    add_sources(content_tree, (broken, "feed"), (feed, "auto"))
    result = run_import(content_tree.root, "--from-config", "--allow-private")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: {broken}: HTTP 502 Bad Gateway: the server failed; try again later",
        "error: 1 of 2 sources failed",
    ]
    assert len(load_content(content_tree.root).articles) == 3


def test_no_sources_configured(content_tree: ContentTree) -> None:
    result = run_import(content_tree.root, "--from-config", "--allow-private")
    assert result.exit_code == 0
    assert result.stdout == "no [[import.sources]] in site.toml; nothing to import\n"


def test_source_and_from_config_exclude_each_other(content_tree: ContentTree) -> None:
    result = run_import(content_tree.root, "page.html", "--from-config")
    assert result.exit_code == 2 and "give either SOURCE or --from-config" in result.stderr
