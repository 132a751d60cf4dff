"""`pipeline gate` and `pipeline approval`: nothing is sent unless a second person approved it,
through the environment's reviewers or by merging a pull request."""

from __future__ import annotations

import os

from pipeline.commands.common import (
    add_command,
    add_group,
    dist_option,
    echo,
    existing_file,
    file_path,
)

TYPE_CHECKING = False  # as in common.py
if TYPE_CHECKING:
    from pathlib import Path

    from pipeline.commands.common import Commands


def add_commands(commands: Commands) -> None:
    parser = add_command(commands, "gate", gate)
    parser.add_argument(
        "--environment",
        default="publish",
        metavar="NAME",
        help="The GitHub environment whose approval is required (default: %(default)s).",
    )
    parser.add_argument(
        "--pull-request",
        dest="approval_commit",
        metavar="SHA",
        help="Instead: require that commit SHA (the last to change state/approval.json) came "
        "from a pull request merged into main by a person other than its author.",
    )

    approval = add_group(
        commands,
        "approval",
        "Approval by pull request: write the approval file, open or update its pull request.",
    )
    parser = add_command(approval, "write", write_approval)
    dist_option(parser, "The build whose outputs are to be approved.")
    parser.add_argument(
        "--out", dest="out_path", type=file_path, default="state/approval.json", metavar="FILE",
        help="Where to write the approval file (default: %(default)s).",
    )  # fmt: skip

    parser = add_command(approval, "covered", approval_covered)
    dist_option(parser, "The build to check.")
    parser.add_argument(
        "--approved", dest="approval_path", type=existing_file, required=True, metavar="FILE",
        help="The approval file, such as state/approval.json on main.",
    )  # fmt: skip

    parser = add_command(approval, "propose", propose_approval)
    parser.add_argument(
        "--branch", required=True, metavar="BRANCH", help="The branch holding the approval commit."
    )
    parser.add_argument(
        "--base",
        default="main",
        metavar="BRANCH",
        help="The branch to merge into (default: %(default)s).",
    )
    parser.add_argument(
        "--summary",
        dest="summary_path",
        type=existing_file,
        required=True,
        metavar="FILE",
        help="The review summary (`pipeline summary`), used as the pull request's description.",
    )


def gate(environment: str, approval_commit: str | None) -> None:
    """Check through GitHub's REST API that this run was approved by someone else.

    Run in the publish job before anything is sent. Passes (exit 0) only when a person other
    than the run's actor and triggering actor approved its deployment to ENVIRONMENT, and
    nobody rejected it (or, with --pull-request, the approval file's pull request was merged
    by someone other than its author); anything else, an API error included, exits 1: the
    gate fails closed. Reads GITHUB_API_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID (set by GitHub
    Actions) and GITHUB_TOKEN (the job needs `actions: read`, or `pull-requests: read`).
    """
    from pipeline.publish.gate import RunRef, verify_approval

    ref = RunRef.from_environment(os.environ)
    if approval_commit is not None:
        from pipeline.publish.approval import verify_merged

        merged = verify_merged(ref, approval_commit.strip())
        echo(
            f"approved: pull request #{merged.number} (opened by {merged.author}) was merged "
            f"by {merged.merged_by}"
        )
        return
    approval = verify_approval(ref, environment)
    echo(
        f"approved: {approval.reviewer} approved the deployment to {approval.environment!r} "
        f"(run started by {', '.join(approval.started_by)})"
    )


def write_approval(dist_dir: Path, out_path: Path) -> None:
    """Write the sha256 of every newsletter issue and social draft of a build, to approve."""
    from pipeline.publish.approval import approval_document
    from pipeline.writer import write_atomic

    document = approval_document(dist_dir)
    write_atomic(out_path, document)
    echo(f"wrote {out_path}")


def approval_covered(dist_dir: Path, approval_path: Path) -> None:
    """Exit 0 if the approval file lists every newsletter issue and social draft of the build
    (with the same sha256), so nothing in it awaits approval; else name each one it does not
    list and exit 1. An approval listing more (drafts that left the window) still covers it."""
    from pipeline.publish.approval import check_covered

    count = check_covered(dist_dir, approval_path)
    echo(f"{approval_path} approves all {count} issues and drafts of {dist_dir}")


def propose_approval(branch: str, base: str, summary_path: Path) -> None:
    """Open the approval pull request from BRANCH, or update the one already open."""
    from pipeline.publish.approval import propose
    from pipeline.publish.gate import RunRef

    env = dict(os.environ)
    env.setdefault("GITHUB_RUN_ID", "0")  # not needed to open a pull request
    ref = RunRef.from_environment(env)
    summary = summary_path.read_text(encoding="utf-8")
    body = (
        "Merging this pull request approves sending exactly what it lists in "
        "`state/approval.json`; nothing else goes out. Close it to approve nothing.\n\n"
        + summary[:60000]
    )
    made = propose(ref, branch, base, "Approve the drafts to publish", body)
    verb = "opened" if made.created else "updated"
    echo(f"{verb} pull request #{made.number} {made.url}".rstrip())
