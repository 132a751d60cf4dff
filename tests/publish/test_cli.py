"""The commands: dry run, missing credentials, `ledger show`, and no secret anywhere."""

from __future__ import annotations

import logging

import pytest

from tests.cli import run_cli
from tests.publish.fixtures import FAKE_SECRETS, NOW, Project
from tests.publish.servers import DUPLICATE, XApi


def cli_args(project: Project, *extra: str) -> list[str]:
    return [
        "--content",
        str(project.content),
        "--dist",
        str(project.dist),
        "--ledger",
        str(project.ledger),
        "--templates",
        str(project.templates),
        *extra,
    ]


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch, project: Project) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(NOW.timestamp())))
    for name in [*FAKE_SECRETS, "SMTP_HOST", "SMTP_PORT", "SMTP_USERNAME", "SMTP_SECURITY"]:
        monkeypatch.delenv(name, raising=False)
    # The fixture's hand-made drafts: use its drafts hashes, not the social renderer's.
    monkeypatch.setattr("pipeline.publish.run.fresh_drafts_hashes", project.fresh_drafts)


def test_dry_run_prints_what_would_go_where_and_changes_nothing(project: Project, cli_env, x_api):
    project.build(social={"first-piece": 2, "old-piece": 1}, issues={"2021-01-27": ["first-piece"]})
    result = run_cli(["publish", *cli_args(project)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "DRY RUN: nothing is sent and the ledger is not changed (add --live to publish).",
        "clock 2021-01-28 09:00 UTC; window 7 days: commentary dated from 2021-01-21 09:00 UTC",
        "x: skip old-piece: outside the publishing window (dated 2019-05-01, window 7 days)",
        f"x: first-piece: would post a thread of 2 posts ({project.hashes()['first-piece'][:12]})",
        "    1/2:",
        "      | first-piece: post 1 of 2.",
        "    2/2 (reply to the previous post):",
        "      | first-piece: post 2 of 2.",
        *[
            line
            for network, text in (
                ("bluesky", "the single post."),
                ("mastodon", "the single post."),
                ("linkedin", "the LinkedIn post."),
            )
            for line in (
                f"{network}: skip old-piece: outside the publishing window (dated "
                "2019-05-01, window 7 days)",
                f"{network}: first-piece: would post a single post "
                f"({project.hashes()['first-piece'][:12]})",
                "    1/1 [link card]:" if network == "bluesky" else "    1/1:",
                f"      | first-piece: {text}",
            )
        ],
        "email: 2021-01-27: would send email/2021-01-27/message.eml ("
        + f"{(project.dist / 'email/2021-01-27/message.eml').stat().st_size:,} bytes)",
        "    to:         subscribers@lists.example.org",
        "    from:       news@example.org",
        "    subject:    Issue 2021-01-27",
        "    message-id: <2021-01-27@example.org>",
        "    articles:   first-piece",
        "x: ok (dry run)",
        "bluesky: ok (dry run)",
        "mastodon: ok (dry run)",
        "linkedin: ok (dry run)",
        "email: ok (dry run)",
    ]
    assert not project.ledger.exists() and x_api.requests == []


def test_live_without_credentials_lists_all_missing_and_sends_nothing(
    project: Project, cli_env, x_api
):
    project.build(social={"first-piece": 2}, issues={"i1": ["first-piece"]})
    result = run_cli(["publish", *cli_args(project, "--live")])
    assert result.exit_code == 1
    assert (
        "missing environment variable(s): X_CONSUMER_KEY, X_CONSUMER_SECRET, X_ACCESS_TOKEN, "
        "X_ACCESS_TOKEN_SECRET, SMTP_HOST, SMTP_PORT, SMTP_USERNAME, SMTP_PASSWORD" in result.output
    )
    assert result.output.count("error:") == 1
    assert not project.ledger.exists() and x_api.requests == []


def test_test_to_with_channel_x_is_a_usage_error(project: Project, cli_env):
    project.build()
    result = run_cli(["publish", *cli_args(project, "--channel", "x", "--test-to", "a@b.org")])
    assert result.exit_code == 2


def test_ledger_show_and_resolve_nothing(publish, project: Project):
    project.build(social={"first-piece": 2})
    publish(channels=("x",))
    shown = run_cli(["ledger", "show", "--ledger", str(project.ledger)])
    assert shown.exit_code == 0
    # Channel names padded to the longest (mastodon, linkedin).
    assert "x        first-piece post 1/2" in shown.output and "sent  1001" in shown.output
    opened = run_cli(["ledger", "show", "--open", "--ledger", str(project.ledger)])
    assert opened.output.strip() == "nothing open"
    nothing = run_cli(
        [
            "ledger",
            "resolve",
            "x",
            "first-piece",
            "--sent",
            "--post-id",
            "1",
            "--ledger",
            str(project.ledger),
        ],
    )
    assert nothing.exit_code == 1 and "nothing to resolve" in nothing.output


def test_secrets_never_appear_in_output_logs_or_ledger(
    publish, project: Project, x_api: XApi, smtp, caplog: pytest.LogCaptureFixture
):
    caplog.set_level(logging.DEBUG)  # everything any library logs, at the most verbose level
    project.build(social={"first-piece": 3}, issues={"i1": ["first-piece"]})
    x_api.script = [DUPLICATE]
    env = publish.env()
    first = publish()  # X: duplicate; email: sent
    env["SMTP_PASSWORD"] = FAKE_SECRETS["SMTP_PASSWORD"] + "-wrong"
    project.build(social={"first-piece": 3}, issues={"i2": ["first-piece"]})
    second = publish(env=env, resend=("i2",))  # login refused
    assert not first.ok and not second.ok
    assert smtp.recorder.logins[0] == "ok" and set(smtp.recorder.logins[1:]) == {"refused"}
    everything = "\n".join(
        [
            first.text,
            second.text,
            project.ledger.read_text(),
            caplog.text,
            *(r.getMessage() for r in caplog.records),
        ]
    )
    assert "login refused" in everything  # the failure is reported...
    for name, secret in FAKE_SECRETS.items():  # ...but no secret, in any form we print
        assert secret not in everything, name
