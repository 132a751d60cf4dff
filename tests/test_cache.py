"""The cache's store: one SQLite database in the cache folder."""

from __future__ import annotations

import pickle

from pipeline.cache import DATABASE, Cache


def test_entries_outlive_the_process_that_wrote_them(tmp_path):
    cache = Cache(tmp_path / "cache")
    key = cache.key("ns", ["a", b"b"])
    assert cache.get("ns", key) is None
    cache.put("ns", key, b"\x00bytes\xff")
    assert Cache(tmp_path / "cache").get("ns", key) == b"\x00bytes\xff"
    assert Cache(tmp_path / "cache").get("other", key) is None
    assert (cache.hits, cache.misses, cache.stored) == (0, 1, 1)


def test_a_damaged_database_is_set_aside_and_begun_again(tmp_path):
    folder = tmp_path / "cache"
    folder.mkdir()
    (folder / DATABASE).write_bytes(b"not a database " * 100)
    cache = Cache(folder)
    assert cache.get("ns", "k") is None
    cache.put("ns", "k", b"v")
    assert Cache(folder).get("ns", "k") == b"v"
    assert (folder / f"{DATABASE}.damaged").read_bytes().startswith(b"not a database")


def test_a_cache_that_cannot_be_made_is_no_cache(tmp_path):
    blocked = tmp_path / "a-file"
    blocked.write_text("in the way")
    cache = Cache(blocked / "cache")
    cache.put("ns", "k", b"v")
    assert cache.get("ns", "k") is None
    assert cache.stored == 0


def test_a_cache_sent_to_another_process_opens_its_own_connection(tmp_path):
    cache = Cache(tmp_path / "cache")
    cache.put("ns", "k", b"v")  # the connection is open here
    copy = pickle.loads(pickle.dumps(cache))
    assert copy.get("ns", "k") == b"v"


def test_many_entries_are_read_in_one_go_in_order(tmp_path):
    cache = Cache(tmp_path / "cache")
    keys = [f"k{i}" for i in range(1200)]
    for key in keys[::2]:
        cache.put("ns", key, key.encode())
    found = list(Cache(tmp_path / "cache").get_many("ns", [*reversed(keys), "absent"]))
    assert found == [k.encode() if int(k[1:]) % 2 == 0 else None for k in reversed(keys)] + [None]
    assert list(Cache(None).get_many("ns", keys[:3])) == [None, None, None]


def test_a_database_that_cannot_be_opened_is_left_alone(tmp_path):
    folder = tmp_path / "cache"
    (folder / DATABASE).mkdir(parents=True)  # not damaged: it cannot be opened at all
    cache = Cache(folder)
    cache.put("ns", "k", b"v")
    assert cache.get("ns", "k") is None
    assert sorted(p.name for p in folder.iterdir()) == [DATABASE]


def test_a_database_of_an_earlier_layout_is_removed_when_the_new_one_is_made(tmp_path):
    """Its entries would never be read again (another table): it would only take room."""
    import sqlite3

    from pipeline.cache import FORMER_DATABASES

    folder = tmp_path / "cache"
    folder.mkdir()
    former = folder / FORMER_DATABASES[0]
    with sqlite3.connect(former) as old:
        old.execute("CREATE TABLE entries (namespace TEXT, key TEXT, data BLOB, "
                    "PRIMARY KEY (namespace, key)) WITHOUT ROWID")  # fmt: skip
    (folder / "notes.txt").write_text("not the cache's")
    cache = Cache(folder)
    cache.put("ns", "k", b"v")
    assert Cache(folder).get("ns", "k") == b"v"
    assert not former.exists() and (folder / "notes.txt").exists()
    with sqlite3.connect(folder / DATABASE) as db:
        (table,) = db.execute("SELECT sql FROM sqlite_master WHERE name = 'entries'").fetchone()
    assert "WITHOUT ROWID" not in table  # rows of kilobytes read faster from a rowid table


def test_past_its_size_the_cache_keeps_only_what_the_last_build_used(tmp_path):
    from pipeline.build import build
    from tests.conftest import SAMPLE_CONTENT, SAMPLE_MOMENT, TEMPLATES

    folder = tmp_path / "cache"
    stale = Cache(folder)
    for index in range(300):  # what earlier builds left: 300 entries of 4 KB
        stale.put("article", f"old-{index}", bytes(4096))
    ledger = tmp_path / "ledger.jsonl"

    roomy = Cache(folder)  # 512 MB: nothing is deleted
    build(SAMPLE_CONTENT, tmp_path / "one", TEMPLATES, ledger, cache=roomy, now=SAMPLE_MOMENT)
    assert roomy.stored > 0 and Cache(folder).get("article", "old-0") is not None

    tight = Cache(folder, max_bytes=100_000)
    build(SAMPLE_CONTENT, tmp_path / "two", TEMPLATES, ledger, cache=tight, force=True,
          now=SAMPLE_MOMENT)  # fmt: skip
    assert tight.stored == 0 and tight.hits > 0  # all from the first build's entries
    assert Cache(folder).get("article", "old-0") is None
    again = Cache(folder, max_bytes=100_000)
    build(SAMPLE_CONTENT, tmp_path / "three", TEMPLATES, ledger, cache=again, force=True,
          now=SAMPLE_MOMENT)  # fmt: skip
    assert (again.hits, again.stored) == (tight.hits, 0)  # what the build uses was kept


def test_the_cache_size_setting_must_be_megabytes(monkeypatch):
    import pytest

    from pipeline.errors import BuildError

    monkeypatch.setenv("PIPELINE_CACHE_MAX_MB", "64")
    assert Cache.from_env().max_bytes == 64 << 20
    monkeypatch.setenv("PIPELINE_CACHE_MAX_MB", "lots")
    with pytest.raises(BuildError, match="PIPELINE_CACHE_MAX_MB='lots'"):
        Cache.from_env()
