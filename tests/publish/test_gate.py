"""The approval gate against a stand-in GitHub API on 127.0.0.1, through the real CLI and httpx."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from pipeline.publish.gate import GateRefused, RunRef, decide
from tests.cli import run_cli
from tests.publish.github_api import GitHubApi, approval, user

RUN_ID = "4242"


@pytest.fixture
def github() -> Iterator[GitHubApi]:
    api = GitHubApi()
    api.runs[RUN_ID] = {
        "id": int(RUN_ID),
        "actor": user("editor-ana"),
        "triggering_actor": user("editor-ana"),
    }
    yield api
    api.close()


def run_gate(github: GitHubApi, **env: str):
    environment = {
        "GITHUB_API_URL": github.url,
        "GITHUB_REPOSITORY": "centre/pipeline",
        "GITHUB_RUN_ID": RUN_ID,
        "GITHUB_TOKEN": github.token,
        **env,
    }
    return run_cli(["gate"], env=environment)


def test_passes_when_another_person_approved(github):
    github.approvals[RUN_ID] = [approval("reviewer-ben")]
    result = run_gate(github)
    assert result.exit_code == 0, result.output
    assert "reviewer-ben approved the deployment to 'publish'" in result.output
    assert "editor-ana" in result.output
    paths = [r["path"] for r in github.requests]
    assert paths == [
        "/repos/centre/pipeline/actions/runs/4242",
        "/repos/centre/pipeline/actions/runs/4242/approvals",
    ]
    assert {r["version"] for r in github.requests} == {"2022-11-28"}


def test_refuses_when_nobody_approved(github):
    result = run_gate(github)
    assert result.exit_code == 1
    assert "no reviewer approved this run's deployment to 'publish'" in result.output
    assert "pull-request approval" in result.output


def test_refuses_approval_by_the_actor_who_started_the_run(github):
    github.approvals[RUN_ID] = [approval("editor-ana")]
    result = run_gate(github)
    assert result.exit_code == 1
    assert "approved only by editor-ana, who started this run" in result.output


def test_refuses_approval_by_the_triggering_actor_of_a_rerun(github):
    # A re-run started by someone else: neither the original actor nor the re-runner may approve.
    github.runs[RUN_ID]["triggering_actor"] = user("reviewer-ben")
    github.approvals[RUN_ID] = [approval("reviewer-ben")]
    result = run_gate(github)
    assert result.exit_code == 1
    assert "approved only by reviewer-ben" in result.output


def test_refuses_when_anyone_rejected(github):
    github.approvals[RUN_ID] = [approval("reviewer-ben"), approval("reviewer-cem", "rejected")]
    result = run_gate(github)
    assert result.exit_code == 1
    assert "rejected by reviewer-cem" in result.output


def test_approval_for_another_environment_does_not_count(github):
    github.approvals[RUN_ID] = [approval("reviewer-ben", environment="github-pages")]
    assert run_gate(github).exit_code == 1


def test_bot_approval_does_not_count():
    run = {"actor": user("editor-ana"), "triggering_actor": user("editor-ana")}
    bot = approval("deploy-bot[bot]")
    bot["user"]["type"] = "Bot"
    with pytest.raises(GateRefused, match="not a person"):
        decide(run, [bot], "publish")


@pytest.mark.parametrize("status", [401, 403, 404, 500])
def test_api_errors_fail_closed(github, status):
    github.approvals[RUN_ID] = [approval("reviewer-ben")]
    github.fail_with = status
    result = run_gate(github)
    assert result.exit_code == 1
    assert f"answered {status}" in result.output


def test_wrong_token_fails_closed_and_is_never_printed(github):
    github.approvals[RUN_ID] = [approval("reviewer-ben")]
    result = run_gate(github, GITHUB_TOKEN="ghs_wrong_secret_value_42")
    assert result.exit_code == 1
    assert "answered 401" in result.output
    assert "ghs_wrong_secret_value_42" not in result.output
    assert github.token not in result.output


def test_unreachable_api_fails_closed():
    result = run_cli(
        ["gate"],
        env={
            "GITHUB_API_URL": "http://127.0.0.1:9",
            "GITHUB_REPOSITORY": "centre/pipeline",
            "GITHUB_RUN_ID": RUN_ID,
            "GITHUB_TOKEN": "t",
        },
    )
    assert result.exit_code == 1
    assert "cannot reach GitHub's API" in result.output


def test_missing_variables_are_listed_together():
    with pytest.raises(GateRefused) as info:
        RunRef.from_environment({"GITHUB_API_URL": "http://api.github.example"})
    message = str(info.value)
    for problem in (
        "GITHUB_REPOSITORY is not set",
        "GITHUB_RUN_ID is not set",
        "GITHUB_TOKEN is not set",
        "must be an https:// URL",
    ):
        assert problem in message


def test_bad_repository_and_run_id_are_refused():
    with pytest.raises(GateRefused, match=r"owner/name.*must be a number"):
        RunRef.from_environment(
            {
                "GITHUB_REPOSITORY": "centre/pipeline/../x",
                "GITHUB_RUN_ID": "1;2",
                "GITHUB_TOKEN": "t",
            }
        )
