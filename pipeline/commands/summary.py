"""`pipeline summary`: the review summary of a build, as Markdown."""

from __future__ import annotations

import json
from pathlib import Path

import click

from pipeline.commands.common import dist_option, reports_errors
from pipeline.errors import PipelineError


@click.command()
@dist_option("The built output to summarise.")
@reports_errors
def summary(dist_dir: Path) -> None:
    """Print a Markdown review summary of dist/ (CI appends it to $GITHUB_STEP_SUMMARY).

    Per newsletter issue: subject, preheader and HTML size against the budget; per social
    draft: network and length against the limit; the feed entries; the build's warnings.
    """
    from pipeline.summary import render_summary

    path = dist_dir / "manifest.json"
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PipelineError(f"{path}: not found; run `pipeline build` first") from None
    except ValueError as exc:
        raise PipelineError(f"{path}: not valid JSON ({exc})") from None
    try:
        text = render_summary(manifest)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise PipelineError(
            f"{path}: not a manifest written by `pipeline build` ({exc!r})"
        ) from None
    click.echo(text, nl=False)
