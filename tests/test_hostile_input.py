"""Hostile content and settings through the real CLI: a located error, exit 1, dist/ untouched.

Each case starts from a tree that builds, mutates one thing as an attacker or an accident
would, and runs `pipeline build` and `pipeline check`. dist/ from the good build must stay
byte-identical, and no .eml anywhere may carry an injected header.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli import run_cli
from tests.conftest import SITE_TOML, TEMPLATES, ContentTree

GOOD_FRONT = "title: A Good Piece\ndate: 2021-01-27"
INJECTION = "Weekly =?utf-8?q?=0D=0AReply-To:_attacker@evil.example=0D=0ABcc:_victim@example.com?="


def _tree_digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _run(args: list[str]) -> tuple[int, str]:
    result = run_cli(args)
    assert "Traceback" not in result.stderr
    return result.exit_code, result.stderr


def _build_args(tree: ContentTree, out: Path) -> list[str]:
    ledger = tree.root.parent / "ledger.jsonl"
    return [
        "build",
        "--content",
        str(tree.root),
        "--out",
        str(out),
        "--templates",
        str(TEMPLATES),
        "--ledger",
        str(ledger),
    ]


def _assert_refused(tree: ContentTree, tmp_path: Path, expected: str) -> str:
    out = tmp_path / "dist"
    before = _tree_digest(out)
    code, stderr = _run([*_build_args(tree, out), "--force"])
    assert code == 1, stderr
    assert re.search(expected, stderr), stderr
    assert _tree_digest(out) == before
    check_code, check_err = _run(
        ["check", "--content", str(tree.root), "--templates", str(TEMPLATES)]
    )
    assert check_code == 1 and re.search(expected, check_err), check_err
    for eml in tmp_path.rglob("*.eml"):
        headers = eml.read_bytes().split(b"\r\n\r\n", 1)[0]
        assert b"evil.example" not in headers and b"Bcc:" not in headers
    return stderr


@pytest.fixture
def built(content_tree: ContentTree, tmp_path: Path) -> ContentTree:
    content_tree.add("good-piece", GOOD_FRONT)
    code, stderr = _run(_build_args(content_tree, tmp_path / "dist"))
    assert code == 0, stderr
    return content_tree


def _file(tree: ContentTree, slug: str = "bad") -> Path:
    return tree.root / "commentary" / f"{slug}.md"


Mutation = Callable[[ContentTree], None]


def _front(front: str, body: str = "A paragraph of text.\n") -> Mutation:
    return lambda tree: _file(tree).write_text(f"---\n{front}\n---\n\n{body}", encoding="utf-8")


def _bomb(levels: int) -> str:
    lines = ['a0: &a0 ["lol"]']
    for level in range(1, levels + 1):
        refs = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{refs}]")
    return "\n".join(lines)


def _symlink(target: str) -> Mutation:
    return lambda tree: _file(tree).symlink_to(target)


def _loop(tree: ContentTree) -> None:
    _file(tree, "loop-a").symlink_to(_file(tree, "loop-b"))
    _file(tree, "loop-b").symlink_to(_file(tree, "loop-a"))


CONTENT_CASES: dict[str, tuple[Mutation, str]] = {
    "encoded-word title": (
        _front(f'title: "{INJECTION}"\ndate: 2021-01-28'),
        r"bad\.md:2: title: must not contain an RFC 2047 encoded word",
    ),
    "NUL in title": (
        _front('title: "A \\0 title"\ndate: 2021-01-28'),
        r"bad\.md:2: title: .*U\+0000",
    ),
    "escape in title": (
        _front('title: "A \\e title"\ndate: 2021-01-28'),
        r"bad\.md:2: title: .*U\+001B",
    ),
    "noncharacter in title": (
        _front('title: "A \\ufffe title"\ndate: 2021-01-28'),
        r"bad\.md:2: title: .*U\+FFFE",
    ),
    "control character in a tag": (
        _front('title: T\ndate: 2021-01-28\ntags: ["ok", "b\\x07d"]'),
        r"bad\.md:4: tags\.1: must be printable text .*U\+0007",
    ),
    "control character in the body": (
        _front(GOOD_FRONT, "Fine.\n\nNot \x1b fine.\n"),
        r"bad\.md:8: body: must be printable text .*U\+001B",
    ),
    "CR/LF in url": (
        _front('title: T\ndate: 2021-01-28\nurl: "https://example.org/x\\r\\nBcc: v@e.org"'),
        r"bad\.md:4: url: must be one URL .*U\+000D",
    ),
    "alias bomb": (
        _front(_bomb(9) + "\ntitle: T\ndate: 2021-01-28"),
        r"bad\.md:2: front matter: YAML anchor '&a0' is not allowed",
    ),
    "recursive alias": (
        _front("title: T\ndate: 2021-01-28\nreview: &r [*r]"),
        r"bad\.md:4: front matter: YAML anchor '&r' is not allowed",
    ),
    "5000-digit integer": (
        _front("title: T\ndate: 2021-01-28\nguid: " + "9" * 5000),
        r"bad\.md:4: front matter: a number of 5000 digits is not allowed",
    ),
    "deep nesting": (
        _front("title: T\ndate: 2021-01-28\nreview: " + "[" * 3000 + "]" * 3000),
        r"bad\.md:\d+: front matter: ",
    ),
    "duplicate key": (
        _front("title: T\ndate: 2021-01-28\ntitle: Other"),
        r"bad\.md:4: front matter: title: given twice \(first on line 2\)",
    ),
    "too many tags": (
        _front(
            "title: T\ndate: 2021-01-28\ntags: [" + ", ".join(f"t{i}" for i in range(1_000)) + "]"
        ),
        r"bad\.md:4: tags: List should have at most 50 items",
    ),
    "10,000 tags": (
        _front(
            "title: T\ndate: 2021-01-28\ntags: [" + ", ".join(f"t{i}" for i in range(10_000)) + "]"
        ),
        r"bad\.md:2: front matter: longer than 64,000 bytes",
    ),
    "huge body": (
        _front(GOOD_FRONT, "word " * 2_100_000),
        r"bad\.md: file: [\d,]+ bytes; a content file may have at most 1,000,000",
    ),
    "newline in file name": (
        lambda tree: (tree.root / "commentary" / "evil\n.md").write_text(
            f"---\n{GOOD_FRONT}\n---\n\nText.\n", encoding="utf-8"
        ),
        r"evil\n\.md: slug: file name 'evil\\n' must be lower-case",
    ),
    "250-character slug": (
        lambda tree: tree.add("a" * 250, GOOD_FRONT) and None,
        r"a{250}\.md: slug: file name is 250 characters, at most 100",
    ),
    "folder named x.md": (
        lambda tree: (tree.root / "commentary" / "x.md").mkdir(),
        r"x\.md: file: a folder named like a content file",
    ),
    "dangling symlink": (
        _symlink("/nonexistent/target.md"),
        r"bad\.md: file: a symbolic link to nothing",
    ),
    "symlink loop": (_loop, r"loop-a\.md: file: a symbolic link loop"),
    "FIFO": (
        lambda tree: os.mkfifo(_file(tree)),
        r"bad\.md: file: not a regular file \(a FIFO",
    ),
}


@pytest.mark.parametrize("case", sorted(CONTENT_CASES))
def test_hostile_content_is_a_located_error_and_dist_is_unchanged(case, built, tmp_path):
    mutate, expected = CONTENT_CASES[case]
    mutate(built)
    _assert_refused(built, tmp_path, expected)


SETTINGS_CASES: dict[str, tuple[str, str, str]] = {
    "subject_prefix encoded word": (
        "[newsletter]",
        f'subject_prefix = "{INJECTION}"',
        r"site\.toml:\d+: newsletter\.subject_prefix: must not contain an RFC 2047",
    ),
    "digest_title encoded word": (
        "[newsletter]",
        'digest_title = "=?utf-8?b?DQpCY2M6IHZAZS5vcmc=?="',
        r"site\.toml:\d+: newsletter\.digest_title: must not contain an RFC 2047",
    ),
    "two senders in from": (
        'from = "Example <news@example.org>"',
        'from = "a@example.org, b@example.org"',
        r"site\.toml:\d+: newsletter\.from: .*must be exactly one address, found 2",
    ),
    "non-ASCII sender": (
        'from = "Example <news@example.org>"',
        'from = "Example <nëws@example.org>"',
        r"newsletter\.from: .*non-ASCII",
    ),
    "reply_to with CR/LF": (
        "[newsletter]",
        'reply_to = "a@example.org\\r\\nBcc: v@example.org"',
        r"newsletter\.reply_to: must be one line",
    ),
    "list address not one address": (
        "[newsletter]",
        'to = ["list@example.org", "nobody"]',
        r"newsletter\.to\[1\]: 'nobody' is not a valid email address",
    ),
    "unsubscribe_url with CR/LF": (
        'unsubscribe_url = "https://example.org/unsubscribe"',
        'unsubscribe_url = "https://example.org/u\\r\\nBcc: v@example.org"',
        r"newsletter\.unsubscribe_url: must be one URL .*U\+000D",
    ),
    "unsubscribe_url with a second target": (
        'unsubscribe_url = "https://example.org/unsubscribe"',
        'unsubscribe_url = "https://a/u>, <https://evil/steal"',
        r"newsletter\.unsubscribe_url: must be one URL without spaces, commas",
    ),
}


@pytest.mark.parametrize("case", sorted(SETTINGS_CASES))
def test_hostile_settings_are_a_located_error_and_dist_is_unchanged(case, built, tmp_path):
    old, new, expected = SETTINGS_CASES[case]
    assert old in SITE_TOML
    text = SITE_TOML.replace(old, f"{old}\n{new}" if old.startswith("[") else new)
    (built.root / "site.toml").write_text(text, encoding="utf-8")
    _assert_refused(built, tmp_path, expected)


@pytest.mark.usefixtures("sample_clock")  # built the morning after its date: the issue is due
def test_a_plain_title_with_unicode_still_builds(content_tree, tmp_path):
    content_tree.add(
        "unicode", 'title: "Ядерная безопасность — 核安全 (ZWNJ: می‌خواهم)"\ndate: 2021-01-27'
    )
    code, stderr = _run(_build_args(content_tree, tmp_path / "dist"))
    assert code == 0, stderr
    (eml,) = (tmp_path / "dist").rglob("*.eml")
    assert b"\r\nBcc:" not in eml.read_bytes()
