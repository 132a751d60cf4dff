"""`pipeline summary`: the review summary of a build, as Markdown."""

from __future__ import annotations

from pipeline.commands.common import add_command, dist_option, echo

TYPE_CHECKING = False  # as in common.py
if TYPE_CHECKING:
    from pathlib import Path

    from pipeline.commands.common import Commands


def add_commands(commands: Commands) -> None:
    parser = add_command(commands, "summary", summary)
    dist_option(parser, "The built output to summarise.")


def summary(dist_dir: Path) -> None:
    """Print a Markdown review summary of dist/ (CI appends it to $GITHUB_STEP_SUMMARY).

    Per newsletter issue: subject, preheader and HTML size against the budget; per social
    draft: network and length against the limit; the feed entries; the build's warnings.
    """
    import json

    from pipeline.errors import PipelineError
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
    echo(text, nl=False)
