"""Thin commands over the pipeline stages. Errors print one line per problem and exit 1."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from datetime import date
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from pipeline import __version__
from pipeline.errors import PipelineError

F = TypeVar("F", bound=Callable[..., Any])

content_option = click.option(
    "--content", "content_dir", type=click.Path(file_okay=False, path_type=Path),
    default=Path("content"), show_default=True, help="Folder with site.toml and the commentary.",
)  # fmt: skip
templates_option = click.option(
    "--templates", "templates_dir", type=click.Path(file_okay=False, path_type=Path),
    default=Path("templates"), show_default=True, help="Folder with the email templates.",
)  # fmt: skip
ledger_option = click.option(
    "--ledger", "ledger_path", type=click.Path(dir_okay=False, path_type=Path),
    default=Path("state/ledger.jsonl"), show_default=True, help="The record of what was published.",
)  # fmt: skip


def reports_errors(func: F) -> F:
    """Print a PipelineError as one line per problem and exit 1; a traceback only with --verbose."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except PipelineError as exc:
            if click.get_current_context().find_root().params.get("verbose"):
                traceback.print_exc()
            for line in exc.lines():
                click.echo(line, err=True)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="pipeline")
@click.option("--verbose", is_flag=True, help="Show tracebacks for errors.")
def cli(verbose: bool) -> None:
    """Build a research centre's newsletter, feeds and social drafts from content/.

    \b
    Typical run:  pipeline import SCRAPE.txt --url URL --date DATE
                  pipeline build
                  pipeline check --strict
    """


@cli.command()
@content_option
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("dist"), show_default=True, help="Output folder, replaced atomically.")
@templates_option
@ledger_option
@click.option("--force", is_flag=True, help="Rebuild even if nothing changed.")
@reports_errors
def build(content_dir: Path, out_dir: Path, templates_dir: Path, ledger_path: Path, force: bool) -> None:
    """Build feeds, newsletter issues and social drafts into dist/ with a manifest."""
    from pipeline.build import build as run_build

    result = run_build(content_dir, out_dir, templates_dir, ledger_path, force=force)
    for warning in result.warnings:
        click.echo(warning, err=True)
    if result.up_to_date:
        click.echo(f"{out_dir}/ is up to date ({len(result.outputs)} files); nothing changed.")
    else:
        click.echo(f"wrote {len(result.outputs)} files and {out_dir}/manifest.json")


@cli.command()
@content_option
@templates_option
@ledger_option
@click.option("--strict", is_flag=True, help="Fail on warnings too (unconfirmed dates, open review notes). For CI.")
@reports_errors
def check(content_dir: Path, templates_dir: Path, ledger_path: Path, strict: bool) -> None:
    """Validate content and settings and render in memory; write nothing."""
    from pipeline.build import BuildContext, manifest_entry, render_all
    from pipeline.content import load_content
    from pipeline.ledger import Ledger

    content = load_content(content_dir)
    outputs = render_all(BuildContext(content, Ledger.load(ledger_path), templates_dir))
    for output in outputs:
        entry = manifest_entry(output)
        if entry["kind"] == "email/html":
            budget = content.site.newsletter.html_budget_bytes
            click.echo(f"{output.path}: {entry['bytes']:,} of {budget:,} bytes of HTML")
    for warning in content.warnings:
        click.echo(str(warning), err=True)
    click.echo(
        f"{len(content.articles)} ready, {len(content.drafts)} draft, "
        f"{len(content.warnings)} warning(s), {len(outputs)} outputs"
    )
    if strict and content.warnings:
        click.echo(f"error: --strict: {len(content.warnings)} warning(s) must be resolved", err=True)
        sys.exit(1)


@cli.command(name="import")
@click.argument("source")
@click.option("--url", help="The page's canonical URL (AMP markers are removed).")
@click.option("--date", "on", type=click.DateTime(formats=["%Y-%m-%d"]), help="Publication date, YYYY-MM-DD (scrapes carry none).")
@click.option("--force", is_flag=True, help="Overwrite an existing content file.")
@content_option
@reports_errors
def import_(source: str, url: str | None, on: Any, force: bool, content_dir: Path) -> None:
    """Turn a source into content/commentary/<slug>.md.

    SOURCE is a raw text scrape of a commentary page (a .txt file).
    """
    from pipeline import clock
    from pipeline.importers.scrape import import_scrape
    from pipeline.site import load_site

    site = load_site(content_dir)
    today = clock.now().astimezone(site.tz).date()
    chosen: date | None = on.date() if on else None
    draft, warnings = import_scrape(Path(source), site.name, url, chosen, today)
    path = draft.write(content_dir, force=force)
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(f"wrote {path}")
    if draft.review:
        click.echo(f"{len(draft.review)} review note(s) for an editor in {path}")


def main() -> None:
    cli(prog_name="pipeline")
