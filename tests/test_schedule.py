"""Embargo and scheduled publishing with an injected clock: a not-yet-due commentary is in no
public output, is listed for the reviewers with its time, and appears once it is due."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pipeline.build import build
from pipeline.content import load_content
from pipeline.summary import render_summary
from tests.cli import run_cli
from tests.conftest import TEMPLATES

NOW = datetime(2021, 1, 28, 9, 0, tzinfo=UTC)
FUTURE_SLUG = "iaea-board-preview"
FUTURE_TITLE = "What to Watch at the March IAEA Board of Governors"


def add(content: Path, slug: str, front: str, body: str) -> None:
    path = content / "commentary" / f"{slug}.md"
    path.write_text(f"---\n{front.strip()}\n---\n\n{body}\n", encoding="utf-8")


def with_future_piece(sample_content: Path, date: str = "2021-02-03T08:00") -> Path:
    add(
        sample_content,
        FUTURE_SLUG,
        f"title: {FUTURE_TITLE}\ndate: {date}\nauthors: [Laura Rockwood]",
        "The Board meets as the agency's access in Iran narrows. Member states should ask the "
        "Director General for a full accounting of verification gaps.",
    )
    return sample_content


def public_files(dist: Path) -> dict[str, bytes]:
    """Everything in dist/ that a subscriber, follower or feed reader could see."""
    return {
        p.relative_to(dist).as_posix(): p.read_bytes()
        for p in dist.rglob("*")
        if p.is_file() and not p.relative_to(dist).as_posix().startswith(("review/", "manifest"))
    }


def run_build(content: Path, out: Path, now: datetime):
    return build(content, out, TEMPLATES, content.parent / "ledger.jsonl", now=now)


def test_a_scheduled_piece_is_in_no_public_output_until_due(sample_content, tmp_path):
    content = with_future_piece(sample_content)
    dist = tmp_path / "dist"
    run_build(content, dist, NOW)
    for path, data in public_files(dist).items():
        assert FUTURE_SLUG.encode() not in data, path
        assert FUTURE_TITLE.encode() not in data, path
    assert not any(FUTURE_SLUG in p for p in public_files(dist))
    manifest = json.loads((dist / "manifest.json").read_text())
    assert manifest["scheduled"] == [
        {"slug": FUTURE_SLUG, "title": FUTURE_TITLE, "due": "2021-02-03T08:00:00+01:00"}
    ]
    assert FUTURE_SLUG not in manifest["articles"]
    review = (dist / "review" / "index.html").read_text()
    assert "Scheduled" in review and FUTURE_TITLE in review
    assert "February 3, 2021" in review and "8:00:00" in review
    summary = render_summary(manifest)
    assert f"- `{FUTURE_SLUG}` {FUTURE_TITLE}: due 2021-02-03T08:00:00+01:00" in summary


def test_the_build_after_the_due_moment_publishes_it(sample_content, tmp_path):
    content = with_future_piece(sample_content)
    dist = tmp_path / "dist"
    run_build(content, dist, NOW)
    again = run_build(content, dist, NOW + timedelta(hours=1))
    assert again.up_to_date, "nothing changed and nothing became due: no work"
    due = datetime(2021, 2, 3, 7, 0, tzinfo=UTC)  # 08:00 in Vienna
    before = run_build(content, dist, due - timedelta(seconds=1))
    assert before.up_to_date
    after = run_build(content, dist, due)
    assert not after.up_to_date
    rss = (dist / "rss.xml").read_text()
    assert FUTURE_TITLE in rss
    assert json.loads((dist / "manifest.json").read_text())["scheduled"] == []
    assert (dist / "social" / f"{FUTURE_SLUG}.json").is_file()


def test_a_date_alone_is_due_from_the_start_of_that_day(sample_content):
    with_future_piece(sample_content, date="2021-01-29")
    just_before = datetime(2021, 1, 28, 22, 59, tzinfo=UTC)  # 23:59 in Vienna
    content = load_content(sample_content, now=just_before)
    assert [a.slug for a in content.scheduled] == [FUTURE_SLUG]
    content = load_content(sample_content, now=just_before + timedelta(minutes=1))
    assert FUTURE_SLUG in [a.slug for a in content.articles]


def test_check_warns_about_dates_far_ahead_or_far_back(sample_content, monkeypatch):
    with_future_piece(sample_content, date="2021-09-09")
    add(sample_content, "typo-year", "title: A Typo in the Year\ndate: 1921-01-20", "Text.")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(NOW.timestamp())))
    monkeypatch.chdir(sample_content.parent)
    args = ["check", "--strict", "--content", str(sample_content), "--templates", str(TEMPLATES)]
    result = run_cli(args)
    assert result.exit_code == 1
    assert f"scheduled: content/commentary/{FUTURE_SLUG}.md: due 2021-09-09T00:00:00+02:00" in (
        result.output
    )
    assert "2 ready, 1 scheduled, 0 draft" in result.output  # the sample and the typo
    assert (
        f"commentary/{FUTURE_SLUG}.md: warning: date: 2021-09-09T12:00:00+02:00 is more than 60 days ahead"
        in result.output
    )
    assert (
        "commentary/typo-year.md: warning: date: 1921-01-20T12:00:00+01:00 is more than 30 years ago"
        in result.output
    )


def test_publishing_skips_a_piece_that_is_not_yet_due_even_if_its_drafts_were_built(tmp_path):
    from tests.publish.fixtures import NOW as PUBLISH_NOW
    from tests.publish.fixtures import Project

    project = Project(tmp_path, {"first-piece": "2021-01-27", "next-week": "2021-02-04T08:00"})
    project.build(social={"first-piece": 1, "next-week": 2}, issues={"2021-02-04": ["next-week"]})
    args = ["--content", str(project.content), "--dist", str(project.dist),
            "--ledger", str(project.ledger), "--templates", str(project.templates)]  # fmt: skip
    env = {"SOURCE_DATE_EPOCH": str(int(PUBLISH_NOW.timestamp()))}
    result = run_cli(["publish", *args], env=env)
    assert "x: skip next-week: scheduled: not due before 2021-02-04T08:00:00+01:00" in result.output
    assert (
        "email: skip 2021-02-04: scheduled: not due before 2021-02-04T08:00:00+01:00"
        in result.output
    )
    would = [line for line in result.output.splitlines() if ": would " in line]
    assert not any("next-week" in line for line in would), would


def test_past_due_and_future_pieces_each_go_where_they_should(sample_content, tmp_path):
    """Past (outside the window from now): feeds only. Due (the sample, yesterday): feeds and
    the newsletter. Future: nowhere public."""
    with_future_piece(sample_content)
    add(sample_content, "old-unsent", "title: An Older Unsent Piece\ndate: 2021-01-10", "Text.")
    dist = tmp_path / "dist"
    run_build(sample_content, dist, NOW)
    rss = (dist / "rss.xml").read_text()
    assert "An Older Unsent Piece" in rss and "Build Back Better" in rss
    assert FUTURE_TITLE not in rss
    (issue,) = [p.name for p in (dist / "email").iterdir()]
    assert issue == "2021-01-27-will-biden-build-back-better-relations-with-north-korea"
    # Ten days later, though no file changed: the sample has left the window, and the piece
    # that was scheduled is due and is the issue now.
    later = run_build(sample_content, dist, NOW + timedelta(days=10))
    assert not later.up_to_date
    assert [p.name for p in (dist / "email").iterdir()] == [f"2021-02-03-{FUTURE_SLUG}"]


def test_the_build_after_an_announced_event_ends_stops_announcing_it(sample_content, tmp_path):
    add(
        sample_content,
        "briefing",
        "title: A Briefing on the IAEA Board\ndate: 2021-01-28\nkind: event\nevent:\n"
        "  start: 2021-01-28T17:00\n  end: 2021-01-28T18:00\n  register: https://example.org/r/",
        "Join us for a briefing on the IAEA Board, in Vienna and online, on the evening of 28 "
        "January 2021.",
    )
    dist = tmp_path / "dist"
    run_build(sample_content, dist, NOW)
    manifest = json.loads((dist / "manifest.json").read_text())
    ends = "2021-01-28T18:00:00+01:00"
    assert manifest["rebuild_after"] == ends
    (eml,) = [o for o in manifest["outputs"] if o["kind"] == "email/eml"]
    assert eml["announces"] == {"briefing": ends}
    assert "Register: https://example.org/r/" in next(dist.rglob("email.txt")).read_text()
    over = datetime(2021, 1, 28, 17, 0, tzinfo=UTC)  # 18:00 in Vienna
    assert run_build(sample_content, dist, over - timedelta(seconds=1)).up_to_date
    assert not run_build(sample_content, dist, over).up_to_date
    assert "Register:" not in next(dist.rglob("email.txt")).read_text()
    manifest = json.loads((dist / "manifest.json").read_text())
    (eml,) = [o for o in manifest["outputs"] if o["kind"] == "email/eml"]
    assert "announces" not in eml
