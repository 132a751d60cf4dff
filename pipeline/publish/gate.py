"""The approval gate: before anything is sent, prove through GitHub's REST API that a person
other than the one who started this run approved its deployment to the `publish` environment.

The environment's required reviewers make the workflow wait, but only where GitHub offers them
(public repositories, or private ones on Enterprise plans): elsewhere the environment has no
reviewers and the job simply runs. This check does not trust that the wait happened; it asks
GitHub who approved, and fails closed on anything it cannot confirm.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import httpx

from pipeline.errors import PublishError

GITHUB_VARIABLES = ("GITHUB_API_URL", "GITHUB_REPOSITORY", "GITHUB_RUN_ID", "GITHUB_TOKEN")
API_VERSION = "2022-11-28"
"""The REST API version this module was written against (`X-GitHub-Api-Version`)."""
REPOSITORY_RE = re.compile(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}


class GateRefused(PublishError):
    """The run is not approved (or its approval cannot be confirmed): nothing may be sent."""


@dataclass(frozen=True)
class RunRef:
    """Which workflow run to ask about, and the token to ask with."""

    api_url: str
    repository: str
    run_id: str
    token: str = field(repr=False)

    @classmethod
    def from_environment(cls, env: Mapping[str, str]) -> RunRef:
        """Read the run from the variables GitHub Actions sets; every problem listed at once."""
        values = {name: env.get(name, "").strip() for name in GITHUB_VARIABLES}
        if not values["GITHUB_API_URL"]:
            values["GITHUB_API_URL"] = "https://api.github.com"
        problems = [f"{name} is not set" for name, value in values.items() if not value]
        api_url = values["GITHUB_API_URL"].rstrip("/")
        parts = urlsplit(api_url)
        # Plain http only to a stand-in on this machine (the tests); the token never crosses a
        # network in clear.
        if not (
            parts.scheme == "https" or (parts.scheme == "http" and parts.hostname in LOOPBACK_HOSTS)
        ):
            problems.append(f"GITHUB_API_URL must be an https:// URL, not {api_url!r}")
        repository = values["GITHUB_REPOSITORY"]
        if repository and not REPOSITORY_RE.fullmatch(repository):
            problems.append(f"GITHUB_REPOSITORY must be owner/name, not {repository!r}")
        run_id = values["GITHUB_RUN_ID"]
        if run_id and not run_id.isdigit():
            problems.append(f"GITHUB_RUN_ID must be a number, not {run_id!r}")
        if problems:
            raise GateRefused("cannot check the approval: " + "; ".join(problems))
        return cls(api_url, repository, run_id, values["GITHUB_TOKEN"])


@dataclass(frozen=True)
class Approval:
    """A person's approval of this run's deployment."""

    reviewer: str
    environment: str
    started_by: tuple[str, ...]
    comment: str = ""


def login_of(user: Any) -> str | None:
    return (
        user.get("login") if isinstance(user, dict) and isinstance(user.get("login"), str) else None
    )


def is_person(user: Any) -> bool:
    return isinstance(user, dict) and user.get("type", "User") == "User"


def decide(run: Mapping[str, Any], approvals: Sequence[Any], environment: str) -> Approval:
    """The gate's rule, on the two API answers: approved for `environment` by a person who is
    neither the actor nor the triggering actor of the run, and rejected by nobody."""
    started_by = tuple(
        sorted(
            {
                login
                for login in map(login_of, (run.get("actor"), run.get("triggering_actor")))
                if login
            }
        )
    )
    if not started_by:
        raise GateRefused("GitHub did not say who started this run; refusing to publish")
    for_environment = [
        entry
        for entry in approvals
        if isinstance(entry, dict)
        and any(
            isinstance(env, dict) and env.get("name") == environment
            for env in entry.get("environments") or []
        )
    ]
    for entry in for_environment:
        if entry.get("state") == "rejected":
            raise GateRefused(
                f"the deployment to {environment!r} was rejected by {login_of(entry.get('user'))}"
            )
    approved = [entry for entry in for_environment if entry.get("state") == "approved"]
    for entry in approved:
        login = login_of(entry.get("user"))
        if login and login not in started_by and is_person(entry.get("user")):
            comment = entry.get("comment")
            return Approval(
                login, environment, started_by, comment if isinstance(comment, str) else ""
            )
    if approved:
        who = ", ".join(sorted({login_of(e.get("user")) or "?" for e in approved}))
        raise GateRefused(
            f"the deployment to {environment!r} was approved only by {who}, who started this run "
            f"({', '.join(started_by)}) or is not a person: a second person must approve"
        )
    raise GateRefused(
        f"no reviewer approved this run's deployment to {environment!r}. The environment has "
        "no required reviewers (on a private repository they need GitHub Enterprise): add "
        "reviewers to it, or use the pull-request approval (README, 'Running it on GitHub')"
    )


def api_client(ref: RunRef, timeout: float) -> httpx.Client:
    """An httpx client for GitHub's REST API, with the run's token and the pinned API version."""
    headers = {
        "Accept": "application/vnd.github+json",
        "Authorization": f"Bearer {ref.token}",
        "X-GitHub-Api-Version": API_VERSION,
        "User-Agent": "pipeline-approval-gate",
    }
    return httpx.Client(headers=headers, timeout=timeout, follow_redirects=False)


def get_json(client: httpx.Client, url: str) -> Any:
    """GET a JSON answer; every failure is a GateRefused naming the status, never the token."""
    try:
        response = client.get(url)
    except httpx.HTTPError as exc:
        raise GateRefused(
            f"cannot reach GitHub's API to check the approval: {type(exc).__name__}"
        ) from None
    if response.status_code in (401, 403, 404):
        raise GateRefused(
            f"GitHub's API answered {response.status_code} for {urlsplit(url).path}: the "
            "workflow's token needs `actions: read` (and `pull-requests: read` for the "
            "pull-request approval) on this repository"
        )
    if response.status_code != 200:
        raise GateRefused(f"GitHub's API answered {response.status_code} for {urlsplit(url).path}")
    try:
        return response.json()
    except ValueError:
        raise GateRefused(f"GitHub's API sent no JSON for {urlsplit(url).path}") from None


def verify_approval(
    ref: RunRef, environment: str = "publish", *, timeout: float = 20.0
) -> Approval:
    """Ask GitHub who started run `ref.run_id` and who approved it; raise GateRefused unless
    `decide` finds an approval by someone else."""
    base = f"{ref.api_url}/repos/{ref.repository}/actions/runs/{ref.run_id}"
    with api_client(ref, timeout) as client:
        run = get_json(client, base)
        approvals = get_json(client, f"{base}/approvals")
    if not isinstance(run, dict) or not isinstance(approvals, list):
        raise GateRefused("GitHub's API answered in an unexpected shape; refusing to publish")
    return decide(run, approvals, environment)
