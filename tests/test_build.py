"""The build: manifest, determinism, atomic output, and skipping work when nothing changed."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest

from pipeline import build as build_module
from pipeline.build import build
from pipeline.errors import BuildError
from tests.conftest import TEMPLATES

# The sample is built on the morning after its date (tests/conftest.py: SAMPLE_NOW).
pytestmark = pytest.mark.usefixtures("sample_clock")


def run(sample_content, out, **kwargs):
    return build(sample_content, out, TEMPLATES, sample_content.parent / "ledger.jsonl", **kwargs)


def tree(folder):
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_manifest_lists_every_output_with_hash_and_size(sample_content, tmp_path):
    out = tmp_path / "dist"
    run(sample_content, out)
    manifest = json.loads((out / "manifest.json").read_text())
    files = tree(out)
    listed = {entry["path"] for entry in manifest["outputs"]}
    assert listed == set(files) - {"manifest.json"}
    assert {"rss.xml", "atom.xml", "feed.json"} <= listed
    for entry in manifest["outputs"]:
        data = files[entry["path"]]
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        assert entry["bytes"] == len(data)
        assert {"kind", "slug"} <= entry.keys()


def test_two_builds_are_byte_identical(sample_content, tmp_path, monkeypatch):
    run(sample_content, tmp_path / "one")
    monkeypatch.setenv("TZ", "America/New_York")
    run(sample_content, tmp_path / "two", force=True)
    assert tree(tmp_path / "one") == tree(tmp_path / "two")


def test_copied_content_elsewhere_builds_the_same(sample_content, tmp_path):
    run(sample_content, tmp_path / "one")
    moved = tmp_path / "elsewhere" / "content"
    shutil.copytree(sample_content, moved)
    build(moved, tmp_path / "two", TEMPLATES, tmp_path / "none.jsonl")
    assert tree(tmp_path / "one") == tree(tmp_path / "two")


def test_nothing_changed_means_nothing_rebuilt(sample_content, tmp_path, monkeypatch):
    out = tmp_path / "dist"
    assert not run(sample_content, out).up_to_date
    assert run(sample_content, out).up_to_date
    # A changed content file, a deleted output or a new SOURCE_DATE_EPOCH each rebuild.
    (out / "rss.xml").unlink()
    assert not run(sample_content, out).up_to_date
    path = next((sample_content / "commentary").glob("*.md"))
    path.write_text(path.read_text().replace("The biggest obstacle", "The largest obstacle"))
    result = run(sample_content, out)
    assert not result.up_to_date
    assert b"The largest obstacle" in (out / "feed.json").read_bytes()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1")
    assert not run(sample_content, out).up_to_date


def test_a_failing_renderer_leaves_the_previous_output_intact(
    sample_content, tmp_path, monkeypatch
):
    out = tmp_path / "dist"
    run(sample_content, out)
    before = tree(out)

    def broken(ctx):
        raise BuildError("template exploded")

    monkeypatch.setattr(build_module, "_renderers", lambda: [broken])
    with pytest.raises(BuildError):
        run(sample_content, out, force=True)
    assert tree(out) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_two_outputs_on_one_path_is_an_error(sample_content, tmp_path, monkeypatch):
    from pipeline.outputs import Output

    monkeypatch.setattr(
        build_module,
        "_renderers",
        lambda: [lambda ctx: [Output("a", b"1", "x"), Output("a", b"2", "x")]],
    )
    with pytest.raises(BuildError, match="two outputs would be written to a"):
        run(sample_content, tmp_path / "dist")


def test_a_warm_cache_gives_the_same_output(sample_content, tmp_path):
    from pipeline.cache import Cache

    cold = Cache(tmp_path / "cache")
    run(sample_content, tmp_path / "one", cache=cold)
    # Nothing was found that this run did not store (the reader prefetches the drafts).
    assert cold.misses >= 1 and cold.hits <= cold.stored
    warm = Cache(tmp_path / "cache")
    run(sample_content, tmp_path / "two", cache=warm)
    assert warm.hits >= 1 and warm.misses == 0
    assert tree(tmp_path / "one") == tree(tmp_path / "two")
    run(sample_content, tmp_path / "three", cache=Cache(None))
    assert tree(tmp_path / "one") == tree(tmp_path / "three")


def test_a_bad_file_is_reported_on_every_run_not_cached(content_tree, tmp_path):
    from pipeline.cache import Cache
    from pipeline.content import load_content
    from pipeline.errors import ContentError

    content_tree.add("bad", "date: 2021-01-27")
    for _ in range(2):
        with pytest.raises(ContentError, match="title: required"):
            load_content(content_tree.root, Cache(tmp_path / "cache"))


def test_build_writes_the_review_page(sample_content, tmp_path):
    from tests.conftest import GOLDEN

    out = tmp_path / "dist"
    run(sample_content, out)
    manifest = json.loads((out / "manifest.json").read_text())
    entry = next(e for e in manifest["outputs"] if e["path"] == "review/index.html")
    assert entry["kind"] == "review/html"
    assert (out / "review/index.html").read_bytes() == (GOLDEN / "review/index.html").read_bytes()


def test_no_site_chrome_or_dangling_video_promise_in_any_output(sample_content, tmp_path):
    out = tmp_path / "dist"
    run(sample_content, out)
    for path, data in tree(out).items():
        assert b"Exit mobile version" not in data, path
        assert b"The full video is available below" not in data, path


@pytest.mark.parametrize("target", ["content", "templates", "state", ".", "notes"])
def test_an_output_folder_that_would_destroy_something_is_refused(
    sample_content, tmp_path, monkeypatch, target
):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(TEMPLATES, tmp_path / "templates")
    (tmp_path / "state").mkdir()
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "keep.txt").write_text("mine")
    before = tree(tmp_path)
    with pytest.raises(BuildError, match=f"--out {target}: "):
        build(
            sample_content,
            Path(target),
            tmp_path / "templates",
            tmp_path / "state" / "ledger.jsonl",
        )
    assert tree(tmp_path) == before


def test_dist_is_readable_by_others_and_a_crash_mid_swap_is_recovered(sample_content, tmp_path):
    out = tmp_path / "dist"
    run(sample_content, out)
    assert out.stat().st_mode & 0o755 == 0o755
    before = tree(out)
    out.rename(tmp_path / ".dist.old")  # as if the build crashed between its two renames
    run(sample_content, out)
    assert tree(out) == before and not (tmp_path / ".dist.old").exists()


def test_staging_folders_of_killed_builds_are_removed_by_the_next_build(sample_content, tmp_path):
    out = tmp_path / "dist"
    dead_pid = 2**22 + 12345  # above the default pid_max: no process has it
    stale = [tmp_path / f".dist.new-{dead_pid}-abc", tmp_path / ".dist.new-k2j3h4"]  # old naming
    live = tmp_path / f".dist.new-{os.getppid()}-xyz"  # a build still running elsewhere
    for folder in (*stale, live):
        (folder / "email").mkdir(parents=True)
        (folder / "email" / "big.html").write_bytes(b"x" * 1000)
    run(sample_content, out)
    assert not any(folder.exists() for folder in stale)
    assert live.exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".dist")) == [live.name]


UP_TO_DATE_IMPORTS = """
import sys
from pathlib import Path
from pipeline.build import build
result = build(*map(Path, sys.argv[1:5]))
heavy = {"pydantic", "yaml", "markdown_it", "pysbd", "jinja2", "twitter_text", "multiprocessing"}
print(result.up_to_date, sorted(heavy & {name.split(".")[0] for name in sys.modules}))
"""


def test_an_up_to_date_build_imports_no_parser_validator_or_pool(sample_content, tmp_path):
    import subprocess
    import sys

    out, ledger = tmp_path / "dist", sample_content.parent / "ledger.jsonl"
    run(sample_content, out)
    args = [str(sample_content), str(out), str(TEMPLATES), str(ledger)]
    done = subprocess.run(
        [sys.executable, "-c", UP_TO_DATE_IMPORTS, *args],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert done.stdout.split("\n")[0] == "True []"


def test_a_rebuild_links_unchanged_files_and_rewrites_one_edited_by_hand(sample_content, tmp_path):
    out = tmp_path / "dist"
    run(sample_content, out)
    before = tree(out)
    feed, edited = out / "rss.xml", out / "feed.json"
    inode = feed.stat().st_ino
    spoiled = bytes(reversed(edited.read_bytes()))  # same size, other bytes, written later
    edited.write_bytes(spoiled)
    run(sample_content, out, force=True)
    assert feed.stat().st_ino == inode  # hard-linked from the previous build
    assert edited.read_bytes() != spoiled
    assert tree(out) == before
    fresh = tmp_path / "fresh"
    run(sample_content, fresh)
    assert tree(fresh) == before
