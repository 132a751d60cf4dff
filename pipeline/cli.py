"""The `pipeline` command: a thin click group; each command lives in pipeline/commands/."""

from __future__ import annotations

import click

from pipeline import __version__
from pipeline.commands.building import build, check
from pipeline.commands.gate import approval, gate
from pipeline.commands.importing import import_
from pipeline.commands.preview import preview
from pipeline.commands.publishing import ledger, publish
from pipeline.commands.summary import summary


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="pipeline")
@click.option("--verbose", is_flag=True, help="Show tracebacks for errors.")
def cli(verbose: bool) -> None:
    """Build a research centre's newsletter, feeds and social drafts from content/,
    then publish them, each channel exactly once.

    \b
    Typical day:  pipeline import --from-config     (or: pipeline import URL|FILE)
                  pipeline build                    (dist/: feeds, email, drafts, review page)
                  pipeline check --strict
                  pipeline preview                  (an editor reviews dist/review/)
                  pipeline publish --live           (X and the newsletter; state/ledger.jsonl)
    """


cli.add_command(build)
cli.add_command(check)
cli.add_command(import_)
cli.add_command(summary)
cli.add_command(preview)
cli.add_command(publish)
cli.add_command(ledger)
cli.add_command(gate)
cli.add_command(approval)


def main() -> None:
    cli(prog_name="pipeline")
