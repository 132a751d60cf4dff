"""A publish process killed with SIGKILL between intent and receipt: nothing is sent twice,
the re-run reports the unconfirmed send, and `ledger resolve` lets it go on."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.cli import run_cli
from tests.conftest import ROOT
from tests.publish.fixtures import Project
from tests.publish.servers import Reply, XApi


def start_child(
    project: Project, x_api: XApi, smtp, cert: Path, channels, pause: str | None, networks=None
):
    config = project.root / "child.json"
    config.write_text(
        json.dumps(
            {
                "root": str(project.root),
                "x_base": x_api.base,
                "smtp_port": smtp.port if smtp is not None else 1,
                "cert": str(cert),
                "channels": list(channels),
                "threads": {s: len(t) for s, t in project.threads.items()},
                "networks": {
                    "bluesky": networks.bluesky.base,
                    "mastodon": networks.mastodon.base,
                    "linkedin": networks.linkedin.base,
                }
                if networks is not None
                else None,
            }
        )
    )
    secret = ("X_", "SMTP_", "BLUESKY_", "MASTODON_", "LINKEDIN_")
    env = {k: v for k, v in os.environ.items() if not k.startswith(secret)}
    env["PYTHONPATH"] = str(ROOT)
    if pause:
        env["PIPELINE_PUBLISH_PAUSE_AFTER_INTENT"] = pause
    return subprocess.Popen(
        [sys.executable, "-m", "tests.publish.child", str(config)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def wait_for(condition, process, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if process.poll() is not None:
            raise AssertionError(f"child exited early: {process.stdout.read().decode()}")
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def kill(process) -> None:
    os.kill(process.pid, signal.SIGKILL)
    process.wait(10)
    process.stdout.close()


def has_intent(project: Project, part: int | None, channel: str = "x") -> bool:
    return any(
        r["event"] == "intent" and r.get("part") == part and r["channel"] == channel
        for r in project.records()
    )


def resolve(project: Project, *args: str):
    result = run_cli(["ledger", "resolve", *args, "--ledger", str(project.ledger)])
    assert result.exit_code == 0, result.output
    return result


def test_killed_between_intent_and_send(publish, project: Project, x_api: XApi, smtp, certificate):
    project.build(social={"first-piece": 3})
    child = start_child(project, x_api, smtp, certificate[0], ["x"], "x:first-piece:2")
    wait_for(lambda: has_intent(project, 2), child)
    kill(child)
    assert x_api.texts() == project.threads["first-piece"][:1]

    rerun = publish(channels=("x",))
    assert not rerun.ok and len(x_api.requests) == 1  # nothing sent twice
    assert "first-piece post 2" in rerun.text and "intent without a receipt" in rerun.text

    # A person checks X: post 2 is not there.
    resolve(project, "x", "first-piece", "--not-sent", "--note", "not on the timeline")
    final = publish(channels=("x",))
    assert final.ok, final.text
    assert x_api.texts() == project.threads["first-piece"]
    assert [r["json"].get("reply", {}).get("in_reply_to_tweet_id") for r in x_api.requests] == [
        None,
        "1001",
        "1002",
    ]


def test_killed_while_the_post_is_in_flight(
    publish, project: Project, x_api: XApi, smtp, certificate
):
    project.build(social={"first-piece": 3})
    x_api.script = [Reply(), Reply(status=201, hang=True)]
    child = start_child(project, x_api, smtp, certificate[0], ["x"], None)
    assert x_api.in_flight.wait(20)
    kill(child)
    x_api.release.set()
    assert len(x_api.requests) == 2  # post 2 reached X; its answer was lost

    rerun = publish(channels=("x",))
    assert not rerun.ok and len(x_api.requests) == 2
    assert "STOPPED" in rerun.text

    resolve(project, "x", "first-piece", "--sent", "--post-id", "1002", "--by", "editor")
    final = publish(channels=("x",))
    assert final.ok, final.text
    assert x_api.texts() == project.threads["first-piece"]  # 1, 2, 3: none twice
    assert x_api.requests[2]["json"]["reply"]["in_reply_to_tweet_id"] == "1002"


def test_killed_email_send_is_never_repeated(publish, project: Project, x_api, smtp, certificate):
    project.build(issues={"i1": ["first-piece"]})
    child = start_child(project, x_api, smtp, certificate[0], ["email"], "email:i1")
    wait_for(lambda: has_intent(project, None, "email"), child)
    kill(child)

    rerun = publish(channels=("email",))
    assert not rerun.ok and smtp.recorder.messages == []
    assert "pipeline ledger resolve email i1" in rerun.text

    resolve(project, "email", "i1", "--sent")
    final = publish(channels=("email",))
    assert final.ok and smtp.recorder.messages == []
    assert "already sent" in final.text
    from pipeline.ledger import Ledger

    assert Ledger.load(project.ledger).state.articles_sent("email") == {"first-piece"}
