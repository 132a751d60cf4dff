"""Approval by pull request: the approval file, publishing only what it lists, the merge check
against a stand-in GitHub API, and `.ci/request-approval` against a bare git remote."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator

import pytest

from pipeline.publish.approval import approval_document, load_approved, verify_merged
from pipeline.publish.dist import DistError
from pipeline.publish.gate import GateRefused, RunRef
from tests.cli import run_cli
from tests.conftest import ROOT
from tests.git_remote import clone_with_remote, git
from tests.publish.fixtures import Project
from tests.publish.github_api import GitHubApi, user
from tests.publish.test_cli import cli_args, cli_env  # noqa: F401 (a fixture)

SHA = "a" * 40


@pytest.fixture
def github() -> Iterator[GitHubApi]:
    api = GitHubApi()
    yield api
    api.close()


def ref(github: GitHubApi) -> RunRef:
    return RunRef(github.url, "centre/pipeline", "1", github.token)


def test_approval_file_lists_every_issue_and_draft_by_hash(project: Project):
    project.build(social={"first-piece": 2}, issues={"2021-01-27": ["first-piece"]})
    document = approval_document(project.dist)
    assert document == approval_document(project.dist), "deterministic"
    data = json.loads(document)
    assert data["v"] == 1
    assert [(e["path"], e["kind"]) for e in data["outputs"]] == [
        ("email/2021-01-27/message.eml", "email/eml"),
        ("social/first-piece.json", "social/json"),
    ]
    manifest = {
        o["path"]: o["sha256"]
        for o in json.loads((project.dist / "manifest.json").read_text())["outputs"]
    }
    assert all(manifest[e["path"]] == e["sha256"] for e in data["outputs"])


@pytest.mark.usefixtures("cli_env")
def test_publish_sends_only_what_the_approval_lists(project: Project, tmp_path):
    project.build(social={"first-piece": 2}, issues={"2021-01-27": ["first-piece"]})
    approval = tmp_path / "approval.json"
    data = json.loads(approval_document(project.dist))
    data["outputs"] = [e for e in data["outputs"] if e["kind"] == "social/json"]
    approval.write_text(json.dumps(data))
    result = run_cli(["publish", *cli_args(project, "--approved", str(approval))])
    assert result.exit_code == 0, result.output
    assert "x: first-piece: would post a thread of 2 posts" in result.output
    assert (
        f"not approved, not sent: email/2021-01-27/message.eml (not in {approval}" in result.output
    )
    assert "would send email" not in result.output


@pytest.mark.usefixtures("cli_env")
def test_an_edited_draft_is_not_approved(project: Project, tmp_path):
    project.build(social={"first-piece": 2})
    approval = tmp_path / "approval.json"
    data = json.loads(approval_document(project.dist))
    data["outputs"][0]["sha256"] = "0" * 64  # what was approved is not what was built
    approval.write_text(json.dumps(data))
    result = run_cli(["publish", *cli_args(project, "--approved", str(approval))])
    assert "not approved, not sent: social/first-piece.json" in result.output
    assert "would post" not in result.output


@pytest.mark.parametrize(
    "text, field",
    [
        ("{", "approval"),
        ('{"v": 2, "outputs": []}', "v"),
        ('{"v": 1, "outputs": {}}', "outputs"),
        ('{"v": 1, "outputs": [{"path": "x", "sha256": "short"}]}', "outputs[0]"),
    ],
)
def test_a_bad_approval_file_is_a_located_error(tmp_path, text, field):
    path = tmp_path / "approval.json"
    path.write_text(text)
    with pytest.raises(DistError) as info:
        load_approved(path)
    assert info.value.problems[0].field == field
    assert info.value.problems[0].path == str(path)


def opened_and_merged(github: GitHubApi, by: dict) -> None:
    github.pulls.append({})
    github.pulls[-1] = {
        "number": 1, "state": "open", "title": "t", "body": "b",
        "head": {"ref": "pipeline/approval", "label": "centre:pipeline/approval"},
        "base": {"ref": "main"}, "user": user("github-actions[bot]", "Bot"),
        "merged_at": None, "merged_by": None, "commits": [],
    }  # fmt: skip
    github.merge(1, by, [SHA])


def test_merge_by_a_person_other_than_the_author_approves(github):
    opened_and_merged(github, user("editor-ana"))
    merged = verify_merged(ref(github), SHA)
    assert (merged.number, merged.merged_by) == (1, "editor-ana")


def test_a_commit_outside_any_merged_pull_request_is_refused(github):
    with pytest.raises(GateRefused, match="not part of a pull request merged into main"):
        verify_merged(ref(github), "b" * 40)


def test_merged_by_its_own_author_is_refused(github):
    opened_and_merged(github, user("editor-ana"))
    github.pulls[0]["user"] = user("editor-ana")
    with pytest.raises(GateRefused, match="merged by its own author"):
        verify_merged(ref(github), SHA)


def test_merged_by_a_bot_is_refused(github):
    opened_and_merged(github, user("automerge[bot]", "Bot"))
    with pytest.raises(GateRefused, match="not merged by a person"):
        verify_merged(ref(github), SHA)


def test_gate_with_an_empty_commit_fails_closed(github):
    env = {"GITHUB_API_URL": github.url, "GITHUB_REPOSITORY": "centre/pipeline",
           "GITHUB_RUN_ID": "1", "GITHUB_TOKEN": github.token}  # fmt: skip
    result = run_cli(["gate", "--pull-request", ""], env=env)
    assert result.exit_code == 1
    assert "full 40-digit sha" in result.output


# --- .ci/request-approval against a bare remote --------------------------------------------
def test_request_approval_pushes_the_branch_and_opens_then_updates_one_pull_request(
    tmp_path, github, project: Project
):
    project.build(social={"first-piece": 2}, issues={"2021-01-27": ["first-piece"]})
    work = clone_with_remote(tmp_path, {"content/site.toml": "name = 'x'\n"})
    reviewed = tmp_path / "reviewed"
    (reviewed / "content" / "commentary").mkdir(parents=True)
    (reviewed / "content" / "commentary" / "imported.md").write_text("new\n")
    os.symlink(project.dist, reviewed / "dist")
    summary = tmp_path / "summary.md"
    summary.write_text("## Review summary\n\n- first-piece: thread of 2 posts\n")
    env = {
        **os.environ,
        "PIPELINE": f"{sys.executable} -m pipeline",
        "GITHUB_API_URL": github.url,
        "GITHUB_REPOSITORY": "centre/pipeline",
        "GITHUB_TOKEN": github.token,
        "GITHUB_RUN_ID": "77",
    }

    def request() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["bash", str(ROOT / ".ci" / "request-approval"), str(reviewed), str(summary)],
            cwd=work, env=env, capture_output=True, text=True,
        )  # fmt: skip

    first = request()
    assert first.returncode == 0, first.stderr
    assert "opened pull request #1" in first.stdout
    files = git(work, "ls-tree", "-r", "--name-only", "origin/pipeline/approval").split()
    assert {"state/approval.json", "content/commentary/imported.md"} <= set(files)
    pushed = git(work, "show", "origin/pipeline/approval:state/approval.json")
    assert pushed.encode() == approval_document(project.dist)
    assert len(github.pulls) == 1
    pr = github.pulls[0]
    assert pr["head"]["ref"] == "pipeline/approval" and pr["base"]["ref"] == "main"
    assert "first-piece: thread of 2 posts" in pr["body"]
    assert github.token not in first.stdout + first.stderr

    # The next run, with new drafts, updates the same pull request.
    git(work, "checkout", "-q", "main")
    project.build(social={"first-piece": 3}, issues={"2021-01-27": ["first-piece"]})
    second = request()
    assert second.returncode == 0, second.stderr
    assert "updated pull request #1" in second.stdout
    assert len(github.pulls) == 1
    assert git(work, "rev-list", "--count", "origin/main..origin/pipeline/approval").strip() == "1"

    # A person merges it; the run after that finds nothing new to approve.
    git(work, "push", "-q", "origin", "origin/pipeline/approval:refs/heads/main")
    git(work, "fetch", "-q", "origin")
    git(work, "checkout", "-q", "-B", "main", "origin/main")
    third = request()
    assert third.returncode == 0, third.stderr
    assert "nothing new to approve" in third.stdout

    # The piece leaves the publishing window: its drafts leave dist/, and that is no reason to
    # ask a person again (what main approves covers what is left).
    project.build(issues={"2021-01-27": ["first-piece"]})
    kinds = {e["kind"] for e in json.loads(approval_document(project.dist))["outputs"]}
    assert kinds == {"email/eml"}
    fourth = request()
    assert fourth.returncode == 0, fourth.stderr
    assert "nothing new to approve" in fourth.stdout
    assert github.pulls[0]["head"]["ref"] == "pipeline/approval" and len(github.pulls) == 1
    commit = git(work, "log", "-1", "--format=%H", "--", "state/approval.json").strip()
    github.merge(1, user("editor-ana"), [commit])
    assert verify_merged(ref(github), commit).merged_by == "editor-ana"


@pytest.mark.usefixtures("cli_env")
def test_an_approval_that_lists_more_than_the_build_still_covers_it(project: Project, tmp_path):
    """Drafts leave dist/ when their piece leaves the publishing window: an approval listing
    them too approves what is left; one missing an output, or with its old bytes, does not."""
    project.build(social={"first-piece": 2}, issues={"2021-01-27": ["first-piece"]})
    approval = tmp_path / "approval.json"
    data = json.loads(approval_document(project.dist))
    gone = {"path": "social/left-the-window.json", "kind": "social/json", "sha256": "1" * 64}
    approval.write_text(json.dumps({**data, "outputs": [*data["outputs"], gone]}))
    result = run_cli(["approval", "covered", "--dist", str(project.dist),
                      "--approved", str(approval)])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert f"approves all {len(data['outputs'])} issues and drafts" in result.output

    changed = [{**e, "sha256": "0" * 64} if e["path"] == "social/first-piece.json" else e
               for e in data["outputs"]]  # fmt: skip
    approval.write_text(json.dumps({**data, "outputs": changed[1:]}))
    result = run_cli(["approval", "covered", "--dist", str(project.dist),
                      "--approved", str(approval)])  # fmt: skip
    assert result.exit_code == 1
    missing = {
        line.rsplit(": ", 1)[1] for line in result.output.splitlines() if "not approved" in line
    }
    assert missing == {data["outputs"][0]["path"], "social/first-piece.json"}
