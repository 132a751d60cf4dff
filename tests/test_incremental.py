"""A build that reuses the cache and the previous dist/ writes the bytes a cold build writes.

The corpus (tests/corpus) is changed step by step, as an editor, a maintainer, the publisher
and the passing of time change it; after each step the warm build (a kept cache, the same
output folder) is compared with a build that has no cache and a fresh output folder.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pipeline.build import build
from pipeline.cache import Cache
from tests.conftest import TEMPLATES
from tests.test_build import tree

CORPUS = Path(__file__).parent / "corpus"
START = datetime(2026, 3, 3, 9, 0, tzinfo=UTC)
"""The morning after the corpus's newest piece (2026-03-02)."""


class Scene:
    """A content folder, templates, a ledger and a clock that the steps change."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.content = root / "content"
        self.templates = root / "templates"
        self.ledger = root / "state" / "ledger.jsonl"
        shutil.copytree(CORPUS, self.content)
        shutil.copytree(TEMPLATES, self.templates)
        self.ledger.parent.mkdir()
        self.now = START
        self.colds = 0

    def piece(self, slug: str) -> Path:
        return self.content / "commentary" / f"{slug}.md"

    def replace(self, path: Path, old: str, new: str) -> None:
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} is not in {path.name}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def warm(self, cache: Cache) -> dict[str, bytes]:
        out = self.root / "warm"
        build(self.content, out, self.templates, self.ledger, cache=cache, now=self.now)
        return tree(out)

    def cold(self) -> dict[str, bytes]:
        self.colds += 1
        out = self.root / f"cold-{self.colds}"
        build(self.content, out, self.templates, self.ledger, cache=Cache(None), now=self.now)
        return tree(out)


NEWEST = "webinar-nuclear-security-summit-legacy"
OLD = "short-cwc-opcw-budget"


def edit_newest_body(s: Scene) -> None:
    with s.piece(NEWEST).open("a", encoding="utf-8") as f:
        f.write("\nThe recording and the slides are now online for registered participants.\n")


def edit_old_body(s: Scene) -> None:
    with s.piece(OLD).open("a", encoding="utf-8") as f:
        f.write("\nThe vote was 121 in favour, with 12 abstentions.\n")


def move_old_piece_to_today(s: Scene) -> None:
    s.replace(s.piece(OLD), "date: 2025-12-01", "date: 2026-03-03")


def retitle_a_feed_entry(s: Scene) -> None:
    s.replace(s.piece(OLD), "title: The OPCW Budget Cut Is a Mistake", "title: Restore the OPCW")


def hold_the_newest_as_draft(s: Scene) -> None:
    s.replace(s.piece(NEWEST), "\n---\n", "\nstatus: draft\n---\n")


def remove_a_piece(s: Scene) -> None:
    s.piece("interview-hecker-yongbyon").unlink()


def add_a_piece(s: Scene) -> None:
    s.piece("new-statement-on-enrichment").write_text(
        "---\ntitle: Statement on Enrichment Talks\ndate: 2026-03-03\nkind: statement\n"
        "authors: [Elena K. Sokova]\ntags: [Iran, IAEA]\n---\n\n"
        "The Center welcomes the resumption of talks on enrichment limits in Vienna.\n\n"
        "Inspectors of the International Atomic Energy Agency must return before any deal "
        "is signed.\n",
        encoding="utf-8",
    )


def change_settings(s: Scene) -> None:
    site = s.content / "site.toml"
    s.replace(site, 'title = "VCDNP Commentary"', 'title = "VCDNP Analysis"')
    s.replace(site, "max_hashtags = 2", "max_hashtags = 1")
    s.replace(site, 'x = "@ElenaSokova"', 'x = "@ElenaKSokova"')  # credited in the drafts


def change_a_template(s: Scene) -> None:
    s.replace(s.templates / "email" / "base.txt.j2", "Unsubscribe:", "Leave this list:")
    s.replace(s.templates / "email" / "base.mjml.j2", ">Unsubscribe</a>", ">Leave</a>")


def record_the_issue_as_sent(s: Scene) -> None:
    manifest = json.loads((s.root / "warm" / "manifest.json").read_text(encoding="utf-8"))
    [issue] = {o["issue_id"]: o for o in manifest["outputs"] if o["kind"] == "email/eml"}.values()
    line = {
        "v": 1,
        "channel": "email",
        "key": issue["issue_id"],
        "hash": issue["issue_hash"],
        "event": "receipt",
        "at": s.now.isoformat(),
        "articles": issue["articles"],
    }
    s.ledger.write_text(json.dumps(line) + "\n", encoding="utf-8")


def let_ten_days_pass(s: Scene) -> None:
    s.now += timedelta(days=10)


STEPS: list[Callable[[Scene], None]] = [
    edit_newest_body,
    edit_old_body,
    move_old_piece_to_today,
    retitle_a_feed_entry,
    add_a_piece,
    change_settings,
    change_a_template,
    record_the_issue_as_sent,
    hold_the_newest_as_draft,
    remove_a_piece,
    let_ten_days_pass,
]


def test_every_warm_build_writes_what_a_cold_build_writes(tmp_path):
    scene = Scene(tmp_path)
    cache_dir = tmp_path / "cache"
    first = scene.warm(Cache(cache_dir))
    assert first == scene.cold()
    for step in STEPS:
        before = tree(tmp_path / "warm")
        step(scene)
        cache = Cache(cache_dir)
        warm = scene.warm(cache)
        assert cache.hits > 0, f"{step.__name__}: the warm build found nothing in the cache"
        assert warm != before, f"{step.__name__}: changed no output, so it tests nothing"
        cold = scene.cold()
        assert sorted(warm) == sorted(cold), step.__name__
        differ = [path for path in warm if warm[path] != cold[path]]
        assert not differ, f"{step.__name__}: the warm build wrote other bytes to {differ}"
