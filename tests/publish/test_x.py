"""X publishing against a fake X API on 127.0.0.1: tweepy's own request code runs."""

from __future__ import annotations

from datetime import timedelta

from tests.publish.fixtures import NOW, Project
from tests.publish.servers import DUPLICATE, Reply, XApi


def reply_to(request):
    """tweepy sends `in_reply_to_tweet_id` as {"reply": {"in_reply_to_tweet_id": ...}}."""
    return request["json"].get("reply", {}).get("in_reply_to_tweet_id")


def test_thread_is_posted_in_order_each_reply_chained(publish, project: Project, x_api: XApi):
    project.build(social={"first-piece": 3, "old-piece": 2})
    run = publish(channels=("x",))
    assert run.ok, run.text
    # Only the recent article: the 2019 piece is outside the window and never sent.
    assert x_api.texts() == project.threads["first-piece"]
    assert [reply_to(r) for r in x_api.requests] == [None, "1001", "1002"]
    assert all(r["signed"] and r["path"] == "/2/tweets" for r in x_api.requests)
    assert "old-piece: outside the publishing window" in run.text
    events = [(r["event"], r.get("part")) for r in project.records()]
    assert events == [
        ("intent", 1),
        ("receipt", 1),
        ("intent", 2),
        ("receipt", 2),
        ("intent", 3),
        ("receipt", 3),
        ("receipt", None),
    ]
    assert project.records()[-1]["post_ids"] == ["1001", "1002", "1003"]

    again = publish(channels=("x",))
    assert again.ok and len(x_api.requests) == 3  # re-run skips what is done
    assert "already posted" in again.text


def test_single_form(publish, project: Project, x_api: XApi):
    project.build(social={"first-piece": 3})
    assert publish(channels=("x",), x_form="single").ok
    assert x_api.texts() == ["first-piece: the single post."]


def test_stale_draft_is_refused(publish, project: Project, x_api: XApi):
    project.build(social={"first-piece": 2})
    publish.render_drafts = lambda content: {"first-piece": "something-else"}
    run = publish(channels=("x",))
    assert not run.ok
    assert "stale draft" in run.text and x_api.requests == [] and project.records() == []


def test_thread_failing_half_way_resumes_after_the_last_post(
    publish, project: Project, x_api: XApi
):
    project.build(social={"first-piece": 4})
    x_api.script = [Reply(), Reply(), Reply(400, {"detail": "Invalid"})]
    run = publish(channels=("x",))
    assert not run.ok and "post 3/4 FAILED" in run.text
    assert len(x_api.requests) == 3
    failed = project.records()[-1]
    assert failed["event"] == "failed" and failed["outcome"] == "rejected" and failed["part"] == 3

    rerun = publish(channels=("x",))
    assert rerun.ok, rerun.text
    texts = x_api.texts()
    assert texts == [*project.threads["first-piece"][:3], *project.threads["first-piece"][2:]]
    assert reply_to(x_api.requests[3]) == "1002"  # after post 2
    assert reply_to(x_api.requests[4]) == "1003"
    assert project.records()[-1]["post_ids"] == ["1001", "1002", "1003", "1004"]


def test_a_started_thread_is_finished_as_a_thread_whatever_x_form_says(
    publish, project: Project, x_api: XApi
):
    project.build(social={"first-piece": 3})
    x_api.script = [Reply(), Reply(400, {"detail": "Invalid"})]
    assert not publish(channels=("x",)).ok
    rerun = publish(channels=("x",), x_form="single")
    assert rerun.ok, rerun.text
    assert "first-piece post 2/3 posted" in rerun.text
    assert x_api.texts()[2:] == project.threads["first-piece"][1:]
    assert project.records()[-1]["form"] == "thread"


def test_a_single_post_confirmed_by_a_person_is_not_turned_into_a_thread(
    publish, project: Project, x_api: XApi
):
    from pipeline.ledger import LedgerFile
    from pipeline.publish.resolve import resolve

    project.build(social={"first-piece": 3})
    x_api.script = [Reply(500, {"detail": "oops"})]
    assert not publish(channels=("x",), x_form="single").ok  # outcome unknown: a person checks
    with LedgerFile.open(project.ledger, lock=True) as ledger_file:
        resolve(
            ledger_file,
            "x",
            "first-piece",
            outcome="sent",
            part=1,
            post_id="999",
            at=NOW.isoformat(),
        )
    rerun = publish(channels=("x",))  # the default form is thread
    assert rerun.ok, rerun.text
    assert len(x_api.requests) == 1, "nothing posted after the single post"
    assert project.records()[-1]["form"] == "single"


def test_a_half_posted_thread_is_not_finished_from_different_drafts(
    publish, project: Project, x_api: XApi
):
    project.build(social={"first-piece": 3})
    x_api.script = [Reply(), Reply(400, {"detail": "Invalid"})]
    assert not publish(channels=("x",)).ok
    project.build(social={"first-piece": 4})  # e.g. thread_max_posts changed in site.toml
    publish.render_drafts = project.fresh_drafts
    rerun = publish(channels=("x",))
    assert not rerun.ok
    assert "was started from other drafts" in rerun.text
    assert len(x_api.requests) == 2


def test_rate_limit_near_reset_waits_then_posts(publish, project: Project, x_api: XApi):
    project.build(social={"first-piece": 2})
    reset = int(NOW.timestamp()) + 60
    x_api.script = [Reply(429, {"title": "Too Many Requests"}, {"x-rate-limit-reset": str(reset)})]
    run = publish(channels=("x",))
    assert run.ok, run.text
    assert publish.clock.slept == [61]
    assert len(x_api.requests) == 3  # the refused one, then both posts


def test_rate_limit_far_reset_stops_cleanly_and_says_what_remains(
    publish, project: Project, x_api: XApi
):
    project.build(social={"first-piece": 2})
    reset = int(NOW.timestamp()) + 3600
    x_api.script = [Reply(429, {"title": "Too Many Requests"}, {"x-rate-limit-reset": str(reset)})]
    run = publish(channels=("x",))
    assert not run.ok and publish.clock.slept == []
    assert "rate limited by X until 2021-01-28 10:00:00 UTC" in run.text
    assert "remaining: first-piece" in run.text
    assert project.records()[-1]["outcome"] == "not-sent"
    # Known not sent: the next run simply posts.
    assert publish(channels=("x",)).ok and len(x_api.requests) == 3


def test_503_is_retried_with_backoff(publish, project: Project, x_api: XApi):
    project.build(social={"first-piece": 1})
    x_api.script = [
        Reply(503, {"title": "Service Unavailable"}),
        Reply(503, {"title": "Service Unavailable"}),
    ]
    run = publish(channels=("x",))
    assert run.ok, run.text
    assert publish.clock.slept == [1.0, 2.0] and len(x_api.requests) == 3


def test_500_may_have_posted_so_it_is_not_retried(publish, project: Project, x_api: XApi):
    project.build(social={"first-piece": 2})
    x_api.script = [Reply(500, {"title": "Internal Server Error"})]
    run = publish(channels=("x",))
    assert not run.ok and len(x_api.requests) == 1 and publish.clock.slept == []
    assert project.records()[-1]["outcome"] == "unknown"
    rerun = publish(channels=("x",))
    assert not rerun.ok and len(x_api.requests) == 1
    assert (
        "STOPPED" in rerun.text and "pipeline ledger resolve x first-piece --part 1" in rerun.text
    )


def test_read_timeout_is_unknown_never_retried(publish, project: Project, x_api: XApi):
    project.build(social={"first-piece": 1})
    publish.x_timeout = (2.0, 0.3)
    x_api.script = [Reply(delay=1.0)]
    run = publish(channels=("x",))
    assert not run.ok and len(x_api.requests) == 1
    assert project.records()[-1]["outcome"] == "unknown"


def test_connection_refused_is_known_not_sent(publish, project: Project, x_api: XApi):
    project.build(social={"first-piece": 1})
    x_api.base = "http://127.0.0.1:9"  # nothing listens on the discard port
    run = publish(channels=("x",))
    assert not run.ok and publish.clock.slept == [1.0, 2.0]
    assert project.records()[-1]["outcome"] == "not-sent"


def test_duplicate_is_recorded_for_a_person_never_retried(publish, project: Project, x_api: XApi):
    project.build(social={"first-piece": 2})
    x_api.script = [DUPLICATE]
    run = publish(channels=("x",))
    assert not run.ok and "Probably already posted" in run.text
    assert project.records()[-1]["outcome"] == "duplicate"
    assert not publish(channels=("x",)).ok and len(x_api.requests) == 1


def test_edit_after_posting_is_held_unless_resend(publish, project: Project, x_api: XApi):
    project.build(social={"first-piece": 1})
    assert publish(channels=("x",)).ok
    path = project.content / "commentary" / "first-piece.md"
    path.write_text(path.read_text() + "\nA correction.\n")
    project.build(social={"first-piece": 1})
    run = publish(channels=("x",))
    assert run.ok and len(x_api.requests) == 1
    assert "hold first-piece: edited after it went out" in run.text
    held = project.records()[-1]
    assert held["event"] == "held" and "--resend" in held["reason"]
    publish(channels=("x",))
    assert sum(r["event"] == "held" for r in project.records()) == 1  # said once

    x_api.script = [Reply(201, {"data": {"id": "2001"}})]
    resent = publish(channels=("x",), resend=("first-piece",))
    assert resent.ok and len(x_api.requests) == 2
    assert project.records()[-1]["resend"] is True


def test_first_run_on_an_archive_sends_only_the_window(tmp_path, x_api: XApi, smtp, certificate):
    from tests.publish.conftest import Publish

    archive = {f"piece-{i:03}": f"2020-{1 + i % 12:02}-{1 + i % 27:02}" for i in range(60)}
    archive["latest"] = "2021-01-26"
    project = Project(tmp_path, archive)
    project.build(social=dict.fromkeys(archive, 1), issues={"2021-01-26": ["latest"]})
    run = Publish(project, x_api, smtp, certificate[0])()
    assert run.ok, run.text
    assert x_api.texts() == ["latest: post 1 of 1."]
    assert len(smtp.recorder.messages) == 1


def test_a_notice_is_not_posted_once_its_event_is_over_or_its_call_closed(
    publish, project: Project, x_api: XApi
):
    # Built and reviewed before the seminar; approved only after it (NOW: 28 January, 09:00 UTC).
    tree = project.tree
    event = "kind: event\nevent:\n  start: 2021-01-27T15:00\n  end: 2021-01-27T16:30"
    tree.add("seminar", f"title: Seminar\ndate: '2021-01-25'\n{event}", "Join us.\n")
    later = "kind: event\nevent:\n  start: 2021-02-03T15:00"
    tree.add("webinar", f"title: Webinar\ndate: '2021-01-26'\n{later}", "Join us.\n")
    closes = "kind: call\ncall:\n  deadline: 2021-01-28"  # a date alone: open all that day
    tree.add("fellowship", f"title: Fellowship\ndate: '2021-01-26'\n{closes}", "Apply.\n")
    closed = "kind: job\ncall:\n  deadline: 2021-01-27"
    tree.add("vacancy", f"title: Vacancy\ndate: '2021-01-26'\n{closed}", "Apply.\n")
    slugs = ("seminar", "webinar", "fellowship", "vacancy")
    project.build(social={slug: 2 for slug in slugs}, notices=slugs)
    plan = publish(channels=("x",), live=False)
    assert "seminar: the event ended 2021-01-27T16:30:00+01:00" in plan.text, plan.text
    assert "vacancy: the call closed 2021-01-28T00:00:00+01:00" in plan.text, plan.text
    run = publish(channels=("x",))
    assert run.ok, run.text
    posted = {text.split(":")[0] for text in x_api.texts()}
    assert posted == {"webinar", "fellowship"}


def test_a_notice_tried_in_vain_before_its_event_is_not_posted_after_it(
    publish, project: Project, x_api: XApi
):
    event = "kind: event\nevent:\n  start: 2021-01-28T11:00\n  end: 2021-01-28T12:00"
    project.tree.add("seminar", f"title: Seminar\ndate: '2021-01-26'\n{event}", "Join us.\n")
    project.build(social={"seminar": 1}, notices=("seminar",))
    x_api.script = [Reply(503, {"title": "Service Unavailable"})] * 5
    assert not publish(channels=("x",), x_form="single").ok  # known not sent: nothing went out
    tried = len(x_api.requests)
    publish.clock.now_ += timedelta(days=1)
    x_api.script = []
    run = publish(channels=("x",), x_form="single")
    assert "seminar: the event ended 2021-01-28T12:00:00+01:00" in run.text, run.text
    assert len(x_api.requests) == tried
