"""The GitHub Actions workflows: schema-valid, least privilege, pinned, and in step with the CLI."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.cli import command_parsers, option_names
from tests.conftest import ROOT

# The sample is built on the morning after its date (tests/conftest.py: SAMPLE_NOW).
pytestmark = pytest.mark.usefixtures("sample_clock")

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
SCRIPTS = [
    ROOT / ".ci" / name
    for name in (
        "build-drafts",
        "publish",
        "commit-ledger",
        "pages-site",
        "run",
        "bring-content",
        "request-approval",
    )
]
BIN = Path(sys.executable).parent


def load(path: Path) -> dict:
    # PyYAML reads the key `on` as True (YAML 1.1); the workflows only use it as a key.
    data = yaml.safe_load(path.read_text())
    data["on"] = data.pop(True, data.get("on"))
    return data


def jobs(path: Path) -> dict:
    return load(path)["jobs"]


def test_workflows_validate_against_the_schema():
    checker = shutil.which("check-jsonschema", path=str(BIN)) or shutil.which("check-jsonschema")
    assert checker, "check-jsonschema is a dev dependency"
    result = subprocess.run(
        [checker, "--builtin-schema", "vendor.github-workflows", *map(str, WORKFLOWS)],
        capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_job_has_least_privilege_and_a_timeout(path):
    workflow = load(path)
    assert workflow.get("permissions") in ({}, {"contents": "read"})
    for name, job in workflow["jobs"].items():
        assert "permissions" in job or workflow["permissions"] == {"contents": "read"}, name
        assert isinstance(job.get("timeout-minutes"), int), f"{name} has no timeout-minutes"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_pinned_by_full_commit_sha(path):
    uses = re.findall(r"uses:\s*(\S+)", path.read_text())
    assert uses
    for action in uses:
        assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", action), action


def test_secrets_reach_only_the_publish_step():
    for path in WORKFLOWS:
        for job_name, job in jobs(path).items():
            for step in job.get("steps", []):
                text = yaml.safe_dump(step)
                if "secrets." in text:
                    assert (path.name, job_name, step.get("name")) == (
                        "publish.yml",
                        "publish",
                        "Publish what was reviewed",
                    )
                    assert "secrets." not in yaml.safe_dump(
                        {k: v for k, v in step.items() if k != "env"}
                    )


def test_publish_workflow_shape():
    workflow = load(ROOT / ".github" / "workflows" / "publish.yml")
    triggers = workflow["on"]
    (cron,) = [entry["cron"] for entry in triggers["schedule"]]
    assert cron.split()[0] not in {"0", "00", "*"}, "scheduled runs at :00 are often delayed"
    assert triggers["workflow_dispatch"]["inputs"]["dry_run"]["type"] == "boolean"
    assert set(triggers["push"]["paths"]) == {"content/**", "templates/**", "state/approval.json"}
    publish = workflow["jobs"]["publish"]
    assert publish["environment"] == "publish"
    assert publish["concurrency"] == {"group": "publish", "cancel-in-progress": False}
    assert publish["needs"] == "build"
    steps = yaml.safe_dump(publish["steps"])
    assert "download-artifact" in steps and "reviewed-build" in steps
    pages = workflow["jobs"]["pages"]
    assert pages["permissions"] == {"pages": "write", "id-token": "write"}
    assert workflow["jobs"]["build"]["permissions"] == {"contents": "read"}


def _pipeline_invocations() -> list[tuple[str, list[str]]]:
    """Every `pipeline …` command the workflows run, directly or through the .ci scripts."""
    found = []
    sources = [
        (p.name, "\n".join(s.get("run", "") for j in jobs(p).values() for s in j.get("steps", [])))
        for p in WORKFLOWS
    ]
    sources += [(p.name, p.read_text()) for p in SCRIPTS]
    for name, text in sources:
        for line in text.splitlines():
            line = line.split("#", 1)[0].strip()
            match = re.search(r"(?:^|\s)(?:\$pipeline|pipeline)\s+(.*)$", line)
            if match and not line.startswith(("pipeline=", "echo")):
                command = re.split(r";|&&|\|\||\||>", match.group(1))[0]
                found.append((name, shlex.split(command.replace("$live", "--live"))))
    return found


def test_workflows_call_the_scripts_they_rely_on():
    text = (ROOT / ".github" / "workflows" / "publish.yml").read_text()
    for script in ("build-drafts", "publish", "commit-ledger"):
        assert f"bash .ci/{script}" in text


@pytest.mark.parametrize(
    ("source", "args"),
    _pipeline_invocations(),
    ids=lambda v: " ".join(v) if isinstance(v, list) else v,
)
def test_every_pipeline_command_used_exists_with_its_options(source, args):
    parsers = command_parsers()
    path: tuple[str, ...] = ()
    words = [a for a in args if not a.startswith("$") and not a.startswith('"$')]
    while (
        any(p[: len(path)] == path and len(p) > len(path) for p in parsers)
        and words
        and not words[0].startswith("-")
    ):
        path = (*path, words.pop(0))
        assert path in parsers, f"{source}: `pipeline {' '.join(args)}`: no such command"
    known = option_names(parsers[path])
    for word in words:
        if word.startswith("--"):
            assert word.split("=")[0] in known, (
                f"{source}: `pipeline {' '.join(args)}`: no option {word}"
            )


def test_build_drafts_script_runs_on_the_sample_content(tmp_path):
    shutil.copytree(ROOT / "content", tmp_path / "content")
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    summary = tmp_path / "summary.md"
    env = {**os.environ, "PIPELINE": str(BIN / "pipeline"), "GITHUB_STEP_SUMMARY": str(summary)}
    result = subprocess.run(
        ["bash", str(ROOT / ".ci" / "build-drafts")],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    text = summary.read_text()
    for heading in ("## Newsletter", "## Social drafts", "## Feeds", "## Warnings"):
        assert heading in text
    assert "will-biden-build-back-better-relations-with-north-korea" in text
    assert (tmp_path / "dist" / "manifest.json").exists()


def test_pages_publish_only_the_public_part_of_a_build(tmp_path):
    shutil.copytree(ROOT / "content", tmp_path / "content")
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    subprocess.run([str(BIN / "pipeline"), "build"], cwd=tmp_path, check=True, capture_output=True)
    subprocess.run(
        ["bash", str(ROOT / ".ci" / "pages-site"), "dist", "_site"], cwd=tmp_path, check=True
    )
    published = sorted(
        p.relative_to(tmp_path / "_site").as_posix()
        for p in (tmp_path / "_site").rglob("*")
        if p.is_file()
    )
    issue = "email/2021-01-27-will-biden-build-back-better-relations-with-north-korea/email.html"
    assert published == sorted(["atom.xml", "feed.json", "rss.xml", issue])


def test_the_gate_runs_before_anything_is_sent_and_pages_waits_for_it():
    publish = jobs(ROOT / ".github" / "workflows" / "publish.yml")
    job = publish["publish"]
    names = [step.get("name", "") for step in job["steps"]]
    gate = next(i for i, step in enumerate(job["steps"]) if step.get("id") == "gate")
    sending = names.index("Publish what was reviewed")
    assert gate < sending
    assert "pipeline gate --environment publish" in job["steps"][gate]["run"]
    assert job["permissions"]["actions"] == "read"
    assert job["outputs"]["approved"] == "${{ steps.gate.outputs.approved }}"
    pages = publish["pages"]
    assert "publish" in pages["needs"]
    assert "needs.publish.outputs.approved == 'true'" in pages["if"]


def test_approval_by_pull_request_is_wired_when_the_variable_asks_for_it():
    publish = jobs(ROOT / ".github" / "workflows" / "publish.yml")
    propose = publish["propose"]
    assert "vars.PIPELINE_APPROVAL == 'pull-request'" in propose["if"]
    assert propose["permissions"] == {"contents": "write", "pull-requests": "write"}
    assert "bash .ci/request-approval reviewed" in propose["steps"][-1]["run"]
    job = publish["publish"]
    gate = next(step for step in job["steps"] if step.get("id") == "gate")
    assert "pipeline gate --pull-request" in gate["run"]
    assert job["steps"][0]["with"]["fetch-depth"] == 0
    sending = next(s for s in job["steps"] if s.get("name") == "Publish what was reviewed")
    assert "state/approval.json" in sending["env"]["APPROVED"]
    triggers = load(ROOT / ".github" / "workflows" / "publish.yml")["on"]["push"]["paths"]
    assert "state/approval.json" in triggers
