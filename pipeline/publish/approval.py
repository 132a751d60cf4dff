"""Approval by pull request, for repositories whose plan has no environment reviewers.

The scheduled run writes `state/approval.json` (the sha256 of every newsletter issue and social
draft it built), commits it on a branch and opens or updates a pull request whose description
is the review summary. Merging that pull request is the approval. The publish run then checks
through GitHub's REST API that the commit which last changed the file came from a pull request
merged by a person other than its author, and sends only outputs whose hashes the file lists.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

from pipeline.errors import PipelineError, Problem
from pipeline.publish.dist import EMAIL_KIND, SOCIAL_KIND, Dist, DistError, manifest_outputs
from pipeline.publish.gate import GateRefused, RunRef, api_client, get_json, is_person, login_of

FORMAT_VERSION = 1
APPROVED_KINDS = (EMAIL_KIND, SOCIAL_KIND)


def _to_approve(dist_dir: Path) -> list[dict[str, str]]:
    """What a build would send (its issues and drafts), by path, kind and sha256, sorted."""
    return sorted(
        (
            {"path": str(entry["path"]), "kind": str(entry["kind"]), "sha256": str(entry["sha256"])}
            for entry in manifest_outputs(dist_dir)
            if isinstance(entry, dict) and entry.get("kind") in APPROVED_KINDS
        ),
        key=lambda e: e["path"],
    )


def approval_document(dist_dir: Path) -> bytes:
    """`state/approval.json` for a build: what would be sent, by path and sha256, sorted."""
    document = {"v": FORMAT_VERSION, "outputs": _to_approve(dist_dir)}
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode()


class NotApproved(PipelineError):
    """Outputs of a build that an approval file does not list (with these bytes)."""

    def __init__(self, approval_path: Path, paths: list[str]) -> None:
        self.approval_path, self.paths = approval_path, paths
        super().__init__(f"{len(paths)} outputs not approved by {approval_path}")

    def lines(self) -> list[str]:
        return [f"not approved by {self.approval_path}: {path}" for path in self.paths]


def check_covered(dist_dir: Path, approval_path: Path) -> int:
    """How many issues and drafts of the build the approval file lists, all of them: it
    approves the build even if it lists more (drafts of pieces that have left the publishing
    window, which no build sends again). NotApproved names any output it does not list."""
    approved = load_approved(approval_path)
    wanted = _to_approve(dist_dir)
    missing = [e["path"] for e in wanted if (e["path"], e["sha256"]) not in approved]
    if missing:
        raise NotApproved(approval_path, missing)
    return len(wanted)


def load_approved(path: Path) -> frozenset[tuple[str, str]]:
    """The (path, sha256) pairs an approval file lists; every problem is a located error."""
    shown = str(path)
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        raise DistError([Problem(shown, None, "approval", "not found")]) from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise DistError([Problem(shown, None, "approval", f"unreadable: {exc}")]) from None
    if not isinstance(data, dict) or data.get("v") != FORMAT_VERSION:
        raise DistError([Problem(shown, None, "v", f"format version must be {FORMAT_VERSION}")])
    outputs = data.get("outputs")
    if not isinstance(outputs, list):
        raise DistError([Problem(shown, None, "outputs", "must be a list")])
    pairs: set[tuple[str, str]] = set()
    problems = []
    for index, entry in enumerate(outputs):
        if (
            not isinstance(entry, dict)
            or not isinstance(entry.get("path"), str)
            or not isinstance(entry.get("sha256"), str)
            or len(entry["sha256"]) != 64
        ):
            problems.append(
                Problem(shown, None, f"outputs[{index}]", "needs a path and a 64-digit sha256")
            )
            continue
        pairs.add((entry["path"], entry["sha256"]))
    if problems:
        raise DistError(problems)
    return frozenset(pairs)


def only_approved(dist: Dist, approval_path: Path) -> tuple[Dist, list[str]]:
    """`dist` less every output whose (path, sha256) the approval file does not list, and the
    paths left out."""
    approved = load_approved(approval_path)
    issues = tuple(i for i in dist.issues if (i.path, i.sha256) in approved)
    drafts = tuple(d for d in dist.drafts if (d.path, d.sha256) in approved)
    left_out = sorted(
        {i.path for i in dist.issues if i not in issues}
        | {d.path for d in dist.drafts if d not in drafts}
    )
    return Dist(issues=issues, drafts=drafts), left_out


@dataclass(frozen=True)
class MergedApproval:
    """The merged pull request that approved an approval file."""

    number: int
    author: str
    merged_by: str


def verify_merged(
    ref: RunRef, commit: str, *, base: str = "main", timeout: float = 20.0
) -> MergedApproval:
    """Raise GateRefused unless `commit` (the last to change the approval file) belongs to a
    pull request merged into `base` by a person other than the one who opened it."""
    if not (len(commit) == 40 and all(c in "0123456789abcdef" for c in commit)):
        raise GateRefused(f"the approval commit must be a full 40-digit sha, not {commit!r}")
    repo = f"{ref.api_url}/repos/{ref.repository}"
    with api_client(ref, timeout) as client:
        pulls = get_json(client, f"{repo}/commits/{commit}/pulls")
        if not isinstance(pulls, list):
            raise GateRefused("GitHub's API answered in an unexpected shape; refusing to publish")
        merged = [
            pr
            for pr in pulls
            if isinstance(pr, dict)
            and pr.get("merged_at")
            and isinstance(pr.get("base"), dict)
            and pr["base"].get("ref") == base
            and isinstance(pr.get("number"), int)
        ]
        if not merged:
            raise GateRefused(
                f"the approval file was last changed by {commit[:12]}, which is not part of a "
                f"pull request merged into {base}: it was not approved"
            )
        details = get_json(client, f"{repo}/pulls/{merged[0]['number']}")
    if not isinstance(details, dict):
        raise GateRefused("GitHub's API answered in an unexpected shape; refusing to publish")
    author, merger = login_of(details.get("user")), login_of(details.get("merged_by"))
    if not merger or not is_person(details.get("merged_by")):
        raise GateRefused(f"pull request #{details.get('number')} was not merged by a person")
    if merger == author:
        raise GateRefused(
            f"pull request #{details.get('number')} was merged by its own author ({merger}): "
            "a second person must approve"
        )
    return MergedApproval(int(merged[0]["number"]), author or "?", merger)


@dataclass(frozen=True)
class Proposal:
    number: int
    url: str
    created: bool


def propose(
    ref: RunRef, branch: str, base: str, title: str, body: str, *, timeout: float = 20.0
) -> Proposal:
    """Open a pull request from `branch` into `base`, or update the open one."""
    owner = ref.repository.split("/")[0]
    repo = f"{ref.api_url}/repos/{ref.repository}"
    with api_client(ref, timeout) as client:
        head = quote(f"{owner}:{branch}", safe="")
        open_pulls = get_json(client, f"{repo}/pulls?state=open&head={head}")
        if not isinstance(open_pulls, list):
            raise GateRefused("GitHub's API answered in an unexpected shape")
        payload: Mapping[str, Any] = {"title": title, "body": body}
        if open_pulls and isinstance(open_pulls[0], dict):
            pr = _send(client, "PATCH", f"{repo}/pulls/{open_pulls[0]['number']}", payload)
            created = False
        else:
            pr = _send(client, "POST", f"{repo}/pulls", {**payload, "head": branch, "base": base})
            created = True
    return Proposal(int(pr["number"]), str(pr.get("html_url", "")), created)


def _send(client: httpx.Client, method: str, url: str, payload: Mapping[str, Any]) -> Any:
    try:
        response = client.request(method, url, json=payload)
    except httpx.HTTPError as exc:
        raise GateRefused(f"cannot reach GitHub's API: {type(exc).__name__}") from None
    if response.status_code not in (200, 201):
        raise GateRefused(
            f"GitHub's API answered {response.status_code} to {method} pulls: the workflow's "
            "token needs `pull-requests: write`"
        )
    data = response.json()
    if not isinstance(data, dict) or not isinstance(data.get("number"), int):
        raise GateRefused("GitHub's API answered in an unexpected shape")
    return data
