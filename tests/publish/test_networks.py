"""Bluesky, Mastodon and LinkedIn through the one runner, against their stand-ins: threads,
re-runs, unknown outcomes settled by a lookup (or by a person where the network has none),
rate limits. Deliveries are counted on the servers: never more than one per post."""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime, timedelta

import pytest

from tests.publish.bluesky_server import Fault as BlueskyFault
from tests.publish.fixtures import Project
from tests.publish.linkedin_server import Fault as LinkedInFault
from tests.publish.mastodon_server import Fault as MastodonFault
from tests.publish.networks import NETWORKS, SECRETS
from tests.publish.test_kill import has_intent, kill, resolve, start_child, wait_for


def test_each_network_posts_once_and_a_rerun_posts_nothing(publish, project: Project, networks):
    project.build(social={"first-piece": 3})
    first = publish(channels=NETWORKS)
    assert first.ok, first.text
    assert networks.deliveries() == {"bluesky": 1, "mastodon": 1, "linkedin": 1}
    again = publish(channels=NETWORKS)
    assert again.ok, again.text
    assert networks.deliveries() == {"bluesky": 1, "mastodon": 1, "linkedin": 1}
    receipts = [r for r in project.records() if r["event"] == "receipt" and "post_ids" in r]
    assert sorted(r["channel"] for r in receipts) == sorted(NETWORKS)
    for secret in SECRETS.values():
        assert secret not in first.text and secret not in project.ledger.read_text()


def test_threads_where_the_site_asks_chain_root_and_parent(publish, project: Project, networks):
    site = project.content / "site.toml"
    site.write_text(
        site.read_text().replace(
            "window_days = 7", 'window_days = 7\nthreads = ["bluesky", "mastodon"]'
        )
    )
    project.build(social={"first-piece": 3})
    run = publish(channels=("bluesky", "mastodon"))
    assert run.ok, run.text
    posts = sorted((r["value"] for r in networks.bluesky.posts()), key=lambda v: v["text"])
    assert [p["text"] for p in posts] == project.threads["first-piece"]
    roots = {p["reply"]["root"]["uri"] for p in posts if "reply" in p}
    assert len(roots) == 1, "every reply names the thread's first post as its root"
    statuses = networks.mastodon.statuses
    assert [s.get("in_reply_to_id") for s in statuses] == [
        None,
        statuses[0]["id"],
        statuses[1]["id"],
    ]


@pytest.mark.parametrize("network", ["bluesky", "mastodon"])
def test_an_unknown_outcome_is_looked_up_not_posted_again(
    publish, project: Project, networks, network
):
    project.build(social={"first-piece": 1})
    if network == "bluesky":
        networks.bluesky.fail("com.atproto.repo.createRecord", BlueskyFault(take=True, drop=True))
    else:
        networks.mastodon.faults.append(MastodonFault("POST /api/v1/statuses", take_then_drop=True))
    run = publish(channels=(network,))
    assert run.ok, run.text
    assert networks.deliveries()[network] == 1
    assert "looking it up" in run.text
    assert publish(channels=(network,)).ok and networks.deliveries()[network] == 1


def test_linkedin_unknown_outcome_waits_for_a_person(publish, project: Project, networks):
    project.build(social={"first-piece": 1})
    networks.linkedin.script["posts"].append(LinkedInFault(take=True, drop=True))
    run = publish(channels=("linkedin",))
    assert not run.ok
    assert "MAY have gone out" in run.text
    rerun = publish(channels=("linkedin",))
    assert not rerun.ok and "STOPPED" in rerun.text
    assert networks.deliveries()["linkedin"] == 1


def wait_until(condition, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


@pytest.mark.parametrize("network", ["bluesky", "mastodon"])
def test_killed_between_intent_and_send_is_settled_by_a_lookup(
    publish, project: Project, networks, x_api, certificate, network
):
    project.build(social={"first-piece": 1})
    child = start_child(
        project, x_api, None, certificate[0], [network], f"{network}:first-piece:1", networks
    )
    wait_for(lambda: has_intent(project, 1, network), child)
    kill(child)
    assert networks.deliveries()[network] == 0

    rerun = publish(channels=(network,))
    assert rerun.ok, rerun.text
    assert "looked up: not there" in rerun.text
    assert networks.deliveries()[network] == 1
    settled = [r for r in project.records() if r["event"] == "resolved"]
    assert [(r["by"], r["outcome"]) for r in settled] == [("lookup", "not-sent")]


@pytest.mark.parametrize("network", ["bluesky", "mastodon"])
def test_killed_while_the_post_is_in_flight_is_found_not_posted_again(
    publish, project: Project, networks, x_api, certificate, network
):
    project.build(social={"first-piece": 1})
    if network == "bluesky":
        networks.bluesky.fail("com.atproto.repo.createRecord", BlueskyFault(take=True, hang=True))
        seen = lambda: len(networks.bluesky.posts()) == 1  # noqa: E731
    else:
        # The request is held, then taken after the client is gone.
        networks.mastodon.faults.append(
            MastodonFault("POST /api/v1/statuses", None, delay=30, take_then_drop=True)
        )
        seen = lambda: len(networks.mastodon.posts()) == 1  # noqa: E731
    child = start_child(project, x_api, None, certificate[0], [network], None, networks)
    wait_for(seen, child)
    kill(child)
    getattr(networks, network).release.set()
    wait_until(lambda: networks.deliveries()[network] == 1)

    rerun = publish(channels=(network,))
    assert rerun.ok, rerun.text
    assert "looked up: found" in rerun.text
    assert networks.deliveries()[network] == 1
    done = [r for r in project.records() if r["event"] == "receipt" and "post_ids" in r]
    assert len(done) == 1 and done[0]["post_ids"]


def test_linkedin_killed_between_intent_and_send_waits_for_a_person(
    publish, project: Project, networks, x_api, certificate
):
    project.build(social={"first-piece": 1})
    child = start_child(
        project, x_api, None, certificate[0], ["linkedin"], "linkedin:first-piece:1", networks
    )
    wait_for(lambda: has_intent(project, 1, "linkedin"), child)
    kill(child)
    rerun = publish(channels=("linkedin",))
    assert not rerun.ok and "STOPPED" in rerun.text
    resolve(project, "linkedin", "first-piece", "--not-sent", "--note", "not on the page")
    final = publish(channels=("linkedin",))
    assert final.ok, final.text
    assert networks.deliveries()["linkedin"] == 1


@pytest.mark.parametrize("network", NETWORKS)
def test_a_429_with_a_near_reset_waits_then_posts_once(
    publish, project: Project, networks, network
):
    project.build(social={"first-piece": 1})
    reset = publish.clock.now().timestamp() + 30
    if network == "bluesky":
        networks.bluesky.fail(
            "com.atproto.repo.createRecord",
            BlueskyFault(429, {"error": "RateLimitExceeded"}, {"ratelimit-reset": str(int(reset))}),
        )
    elif network == "mastodon":
        stamp = datetime.fromtimestamp(reset, UTC).isoformat()
        networks.mastodon.faults.append(
            MastodonFault("POST /api/v1/statuses", 429, headers={"X-RateLimit-Reset": stamp})
        )
    else:
        networks.linkedin.script["posts"].append(LinkedInFault(429, headers={"Retry-After": "30"}))
    run = publish(channels=(network,))
    assert run.ok, run.text
    assert "rate limited; waiting" in run.text
    assert publish.clock.slept and networks.deliveries()[network] == 1


def test_a_channel_not_configured_is_skipped_with_one_line(publish, project: Project, networks):
    project.build(social={"first-piece": 1}, issues={"i1": ["first-piece"]})
    env = publish.env()
    for name in [n for n in env if n.startswith("MASTODON_")]:
        del env[name]
    run = publish(env=env)
    assert run.ok, run.text
    skipped = [line for line in run.lines if line.startswith("mastodon:")]
    assert len(skipped) == 2 and "not configured" in skipped[0]  # the note and the summary
    assert networks.deliveries() == {"bluesky": 1, "mastodon": 0, "linkedin": 1}


@pytest.mark.parametrize("network", NETWORKS)
def test_a_500_that_did_not_take_is_looked_up_then_posted_once_or_left_to_a_person(
    publish, project: Project, networks, network
):
    project.build(social={"first-piece": 1})
    if network == "bluesky":
        networks.bluesky.fail("com.atproto.repo.createRecord", BlueskyFault(500))
    elif network == "mastodon":
        networks.mastodon.faults.append(MastodonFault("POST /api/v1/statuses", 500))
    else:
        networks.linkedin.script["posts"].append(LinkedInFault(500))
    run = publish(channels=(network,))
    if network == "linkedin":  # no lookup: it may have gone out, a person checks
        assert not run.ok and "MAY have gone out" in run.text
        assert networks.deliveries()[network] == 0
        return
    assert run.ok, run.text
    assert "a lookup found no post" in run.text
    assert networks.deliveries()[network] == 1


def test_a_post_taken_in_one_run_is_recognised_by_the_next_under_the_same_key(
    publish, project: Project, networks
):
    """Run 1's post went in but every answer said 503 (not taken); run 2 sends again under the
    same record key and createdAt, both from the step's first intent, and finds its own post."""
    project.build(social={"first-piece": 1})
    publish.clock.now_ += timedelta(seconds=0.4)  # a clock between seconds
    create = "com.atproto.repo.createRecord"
    networks.bluesky.fail(
        create, BlueskyFault(503, take=True), BlueskyFault(503), BlueskyFault(503)
    )
    first = publish(channels=("bluesky",))
    assert not first.ok and networks.deliveries()["bluesky"] == 1
    publish.clock.now_ += timedelta(minutes=20, seconds=0.3)
    second = publish(channels=("bluesky",))
    assert second.ok, second.text
    assert networks.deliveries()["bluesky"] == 1


def test_no_network_secret_in_output_logs_or_ledger(
    publish, project: Project, networks, caplog: pytest.LogCaptureFixture
):
    caplog.set_level(logging.DEBUG)  # everything any library logs, at the most verbose level
    project.build(social={"first-piece": 2})
    env = publish.env()
    env["BLUESKY_APP_PASSWORD"] += "-wrong"
    env["MASTODON_ACCESS_TOKEN"] += "wrong"
    env["LINKEDIN_ACCESS_TOKEN"] += "wrong"
    first = publish(env=env, channels=NETWORKS)  # every login refused
    second = publish(channels=NETWORKS)
    assert not first.ok and second.ok, second.text
    assert "BLUESKY_APP_PASSWORD" in first.text  # the failure says what to fix...
    everything = "\n".join(
        [first.text, second.text, project.ledger.read_text(), caplog.text]
        + [r.getMessage() for r in caplog.records]
    )
    for name, secret in SECRETS.items():  # ...never with the secret
        assert secret not in everything, name
    # The sessions' tokens too (Bluesky's JWTs exist only after login).
    for token in networks.bluesky.access_tokens | networks.bluesky.refresh_tokens:
        assert token not in everything
