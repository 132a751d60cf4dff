"""`pipeline summary`: the review summary CI writes to $GITHUB_STEP_SUMMARY."""

from __future__ import annotations

import json

from pipeline.summary import render_summary
from tests.cli import run_cli


def manifest(html_bytes: int = 13_945, length: int = 265) -> dict:
    return {
        "site": "Example Centre",
        "warnings": ["content/commentary/a.md: warning: review: date: confirm it"],
        "outputs": [
            {"path": "email/i/email.html", "kind": "email/html", "slug": "a", "bytes": html_bytes,
             "issue_id": "2021-01-27-a", "subject": "A | B", "preheader": "Why it matters",
             "budget_bytes": 90_000},
            {"path": "social/a.json", "kind": "social/json", "slug": "a", "bytes": 10,
             "posts": [{"network": "x", "kind": "single", "index": 0, "length": length, "limit": 280},
                       {"network": "x", "kind": "thread", "index": 1, "length": 52, "limit": 280}]},
            {"path": "rss.xml", "kind": "feed/rss", "slug": None, "bytes": 3283, "entries": ["a"]},
        ],
    }  # fmt: skip


def test_summary_lists_issues_drafts_feeds_and_warnings():
    text = render_summary(manifest())
    assert "| `2021-01-27-a` | A \\| B | Why it matters | 13,945 B | 90,000 B ok |" in text
    assert "| `a` | x | 265 ok | 280 |" in text
    assert "| `a` | x thread 2 | 52 ok | 280 |" in text
    assert "- `rss.xml`: 1 entries, 3,283 B" in text
    assert "- content/commentary/a.md: warning: review: date: confirm it" in text


def test_summary_marks_what_is_over_its_limit():
    text = render_summary(manifest(html_bytes=95_000, length=290))
    assert "95,000 B | 90,000 B **over** |" in text
    assert "| `a` | x | 290 **over** | 280 |" in text


def test_summary_command_reads_the_manifest(tmp_path):
    (tmp_path / "manifest.json").write_text(json.dumps(manifest()))
    result = run_cli(["summary", "--dist", str(tmp_path)])
    assert result.exit_code == 0
    assert result.output == render_summary(manifest())
    missing = run_cli(["summary", "--dist", str(tmp_path / "nope")])
    assert missing.exit_code == 1
    assert "manifest.json: not found; run `pipeline build` first" in missing.stderr


def test_summary_of_a_foreign_manifest_is_a_clear_error(tmp_path):
    (tmp_path / "manifest.json").write_text('{"outputs": [{"path": "x"}]}')
    result = run_cli(["summary", "--dist", str(tmp_path)])
    assert result.exit_code == 1
    assert "not a manifest written by `pipeline build`" in result.stderr
