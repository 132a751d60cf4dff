"""`pipeline import`: turn sources into content files."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import click

from pipeline.commands.common import content_option, reports_errors


@click.command(name="import")
@click.argument("source")
@click.option("--url", help="The page's canonical URL (AMP markers are removed).")
@click.option(
    "--date",
    "on",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Publication date, YYYY-MM-DD (scrapes carry none).",
)
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
