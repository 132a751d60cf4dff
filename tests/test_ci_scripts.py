"""The publish job's scripts against a real git remote on disk: the lock that makes a lost
ledger commit stop publishing instead of sending everything again."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.git_remote import clone_with_remote, git

FAKE_PIPELINE = """#!/usr/bin/env bash
echo "$@" >> "$CALLS"
if [ "$1" = publish ] && [ "$2" = --live ]; then
  mkdir -p state && echo '{"event":"receipt"}' >> state/ledger.jsonl
fi
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    work = clone_with_remote(
        tmp_path, {"content/site.toml": "name = 'x'\n", "state/ledger.jsonl": ""}
    )
    (work / "content" / "commentary").mkdir()
    reviewed = tmp_path / "reviewed"
    (reviewed / "content" / "commentary").mkdir(parents=True)
    (reviewed / "content" / "site.toml").write_text("name = 'changed in the build'\n")
    (reviewed / "content" / "commentary" / "imported.md").write_text("new\n")
    (reviewed / "dist").mkdir()
    fake = tmp_path / "pipeline"
    fake.write_text(FAKE_PIPELINE)
    fake.chmod(0o755)
    return work


def run(repo: Path, script: str, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        **os.environ,
        "PIPELINE": str(repo.parent / "pipeline"),
        "CALLS": str(repo.parent / "calls"),
        **env,
    }
    return subprocess.run(
        ["bash", str(ROOT / ".ci" / script), *args],
        cwd=repo,
        env=environment,
        capture_output=True,
        text=True,
    )


def on_main(repo: Path, path: str) -> bool:
    git(repo, "fetch", "-q", "origin")
    return path in git(repo, "ls-tree", "-r", "--name-only", "origin/main").split()


def test_a_live_run_locks_main_before_sending_and_unlocks_with_the_receipts(repo):
    published = run(repo, "publish", str(repo.parent / "reviewed"), GITHUB_RUN_ID="42")
    assert published.returncode == 0, published.stderr
    assert on_main(repo, "state/publish-run.lock"), "the lock reached main before any send"
    assert (repo.parent / "calls").read_text().splitlines() == [
        f"publish --live --dist {repo.parent}/reviewed/dist"
    ]
    # The imported file came along; a file main already has was not overwritten.
    assert (repo / "content" / "commentary" / "imported.md").read_text() == "new\n"
    assert (repo / "content" / "site.toml").read_text() == "name = 'x'\n"

    committed = run(repo, "commit-ledger")
    assert committed.returncode == 0, committed.stderr
    assert not on_main(repo, "state/publish-run.lock")
    assert on_main(repo, "content/commentary/imported.md")
    assert git(repo, "show", "origin/main:state/ledger.jsonl") == '{"event":"receipt"}\n'


def test_a_lock_left_on_main_stops_the_next_run_before_anything_is_sent(repo):
    (repo / "state" / "publish-run.lock").write_text("run 41, started 2026-11-27T06:17:00Z\n")
    git(repo, "add", ".")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "lock")
    git(repo, "push", "-q", "origin", "HEAD:main")

    published = run(repo, "publish", str(repo.parent / "reviewed"), GITHUB_RUN_ID="42")
    assert published.returncode == 1
    assert "an earlier publish run did not commit its ledger" in published.stderr
    assert "run 41" in published.stderr
    assert not (repo.parent / "calls").exists(), "pipeline was never called"
    # The always-run ledger step leaves someone else's lock alone.
    assert run(repo, "commit-ledger").returncode == 0
    assert on_main(repo, "state/publish-run.lock")


def test_a_dry_run_takes_no_lock(repo):
    published = run(repo, "publish", str(repo.parent / "reviewed"), DRY_RUN="true")
    assert published.returncode == 0, published.stderr
    assert (repo.parent / "calls").read_text().splitlines() == [
        f"publish --dist {repo.parent}/reviewed/dist"
    ]
    assert not on_main(repo, "state/publish-run.lock")
