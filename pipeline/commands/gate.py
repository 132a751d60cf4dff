"""`pipeline gate`: refuse to go on unless a second person approved this workflow run."""

from __future__ import annotations

import os

import click

from pipeline.commands.common import reports_errors


@click.command()
@click.option(
    "--environment",
    default="publish",
    show_default=True,
    help="The GitHub environment whose approval is required.",
)
@reports_errors
def gate(environment: str) -> None:
    """Check through GitHub's REST API that this run was approved by someone else.

    \b
    Run in the publish job before anything is sent. Passes (exit 0) only when a person other
    than the run's actor and triggering actor approved its deployment to ENVIRONMENT, and
    nobody rejected it; anything else, an API error included, exits 1: the gate fails closed.
    Reads GITHUB_API_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID (set by GitHub Actions) and
    GITHUB_TOKEN (the job needs `permissions: actions: read`).
    """
    from pipeline.publish.gate import RunRef, verify_approval

    approval = verify_approval(RunRef.from_environment(os.environ), environment)
    click.echo(
        f"approved: {approval.reviewer} approved the deployment to {approval.environment!r} "
        f"(run started by {', '.join(approval.started_by)})"
    )
