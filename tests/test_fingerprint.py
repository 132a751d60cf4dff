"""The code fingerprint (the cache's and the up-to-date check's) changes with the code and with
an upgraded library, and the quick readings it rests on agree with importlib.metadata and rglob."""

from __future__ import annotations

import re
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path

import pytest

from pipeline import cache, installed
from pipeline.tree import files_under


def _forget() -> None:
    cache.code_fingerprint.cache_clear()
    installed._dist_info_folders.cache_clear()
    installed._metadata_header.cache_clear()


@pytest.fixture
def fresh() -> Iterator[None]:
    _forget()
    yield
    _forget()  # the next test reads the real environment again


def dist_info(site: Path, name: str, version: str) -> Path:
    folder = site / f"{name}-{version}.dist-info"
    folder.mkdir(parents=True)
    (folder / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n"
        "Requires-Dist: pysbd>=0.3\nRequires-Dist: pytest; extra == 'dev'\n\n"
        "Version: 9.9 (a line of the description, not of the header)\n",
        encoding="utf-8",
    )
    return folder


def test_versions_and_requirements_are_importlib_metadatas(fresh):
    requirements = metadata.requires("pipeline") or []
    assert installed.requires("pipeline") == requirements
    names = {re.split(r"[\s;<>=!~\[(]", r, maxsplit=1)[0] for r in requirements}
    for name in [*sorted(names), "pip", "no-such-distribution"]:
        try:
            expected: str | None = metadata.version(name)
        except metadata.PackageNotFoundError:
            expected = None
        assert installed.version(name) == expected, name


def test_a_distribution_is_found_by_its_normalized_name_first_on_sys_path(
    fresh, tmp_path, monkeypatch
):
    dist_info(tmp_path / "later", "fake_dist", "2.0")
    dist_info(tmp_path / "first", "Fake.Dist", "1.0")
    monkeypatch.syspath_prepend(str(tmp_path / "later"))
    monkeypatch.syspath_prepend(str(tmp_path / "first"))
    for name in ("fake-dist", "FAKE_DIST", "fake.dist"):
        assert installed.version(name) == metadata.version(name) == "1.0"
    # Read by the quick path, not by its fallback.
    assert installed._dist_info_folders()["fake_dist"] == str(
        tmp_path / "first" / "Fake.Dist-1.0.dist-info"
    )
    assert installed.requires("fake-dist") == metadata.requires("fake-dist")


def test_an_egg_info_is_left_to_importlib_metadata(fresh, tmp_path, monkeypatch):
    egg = tmp_path / "site" / "eggy-3.1.egg-info"
    egg.mkdir(parents=True)
    (egg / "PKG-INFO").write_text("Metadata-Version: 1.0\nName: eggy\nVersion: 3.1\n")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    assert installed.version("eggy") == metadata.version("eggy") == "3.1"


@pytest.fixture
def package(fresh, tmp_path, monkeypatch) -> Path:
    """A package of two modules running on one library, fakelib 1.0."""
    source = tmp_path / "pkg"
    (source / "sub").mkdir(parents=True)
    (source / "a.py").write_text("A = 1\n")
    (source / "sub" / "b.py").write_text("B = 2\n")
    dist_info(tmp_path / "site", "fakelib", "1.0")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    monkeypatch.setattr(cache, "PACKAGE_DIR", source)
    monkeypatch.setattr(cache, "_dependencies", lambda: ["fakelib"])
    return tmp_path


def fingerprint() -> str:
    _forget()
    return cache.code_fingerprint()


def test_the_fingerprint_changes_with_the_code(package):
    before = fingerprint()
    assert fingerprint() == before
    (package / "pkg" / "sub" / "b.py").write_text("B = 3\n")
    edited = fingerprint()
    assert edited != before
    (package / "pkg" / "c.py").write_text("")
    assert fingerprint() != edited
    (package / "pkg" / "notes.txt").write_text("not code")
    assert fingerprint() == fingerprint()


def test_the_fingerprint_changes_with_an_upgraded_or_removed_library(package):
    before = fingerprint()
    old = package / "site" / "fakelib-1.0.dist-info"
    for child in old.iterdir():
        child.unlink()
    old.rmdir()
    dist_info(package / "site", "fakelib", "1.1")
    upgraded = fingerprint()
    assert upgraded != before
    for child in (package / "site" / "fakelib-1.1.dist-info").iterdir():
        child.unlink()
    (package / "site" / "fakelib-1.1.dist-info").rmdir()
    assert fingerprint() not in {before, upgraded}


def test_files_under_lists_what_sorted_rglob_finds(tmp_path):
    root = tmp_path / "tree"
    for name in ["a/b.md", "a-b.md", "a.b/c.md", ".hidden/x.md", "B.md", "a/__pycache__/m.pyc"]:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(name)
    (root / "linked.md").symlink_to(root / "B.md")
    (root / "linked-folder").symlink_to(root / "a", target_is_directory=True)
    (root / "dangling.md").symlink_to(root / "gone.md")
    (root / "loop.md").symlink_to(root / "loop.md")
    expected = [p.relative_to(root).as_posix() for p in sorted(root.rglob("*")) if p.is_file()]
    assert files_under(root) == expected
    assert files_under(root, ".md", skip=frozenset({"__pycache__"})) == [
        e for e in expected if e.endswith(".md")
    ]
    assert "a/__pycache__/m.pyc" in expected
    assert files_under(root, skip=frozenset({"__pycache__"})) == [
        e for e in expected if "__pycache__" not in e
    ]


def test_an_up_to_date_build_reads_versions_without_importlib_metadata(sample_content, tmp_path):
    import os
    import subprocess
    import sys

    from tests.conftest import SAMPLE_NOW, TEMPLATES

    script = Path(sys.executable).parent / "pipeline"
    command = [sys.executable, "-X", "importtime", str(script), "build", "--content",
               str(sample_content), "--out", str(tmp_path / "dist"), "--templates", str(TEMPLATES),
               "--ledger", str(tmp_path / "ledger.jsonl")]  # fmt: skip
    env = {**os.environ, "SOURCE_DATE_EPOCH": SAMPLE_NOW, "PIPELINE_CACHE_DIR": "off"}
    subprocess.run(command, env=env, cwd=tmp_path, capture_output=True, check=True)
    again = subprocess.run(command, env=env, cwd=tmp_path, capture_output=True, text=True)
    assert again.returncode == 0 and "is up to date" in again.stdout
    imported = {line.rsplit("|", 1)[-1].strip() for line in again.stderr.splitlines()}
    assert "pipeline.build" in imported
    assert not imported & {"importlib.metadata", "email.message", "click", "pydantic"}
