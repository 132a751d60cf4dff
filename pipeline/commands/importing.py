"""`pipeline import`: turn a page, a feed or a text scrape (URL or file) into content files."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from pipeline.commands.common import content_option, reports_errors


@click.command(name="import")
@click.argument("source", required=False)
@click.option(
    "--kind",
    type=click.Choice(["auto", "page", "feed", "scrape"]),
    default="auto",
    show_default=True,
    help="What SOURCE is; auto detects it from the Content-Type, the file name and the content.",
)
@click.option("--url", help="The page's canonical URL (page or scrape; AMP markers are removed).")
@click.option(
    "--date",
    "on",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Publication date, YYYY-MM-DD (page or scrape; scrapes carry none).",
)
@click.option(
    "--force", is_flag=True, help="Re-import a page already imported; overwrite its file."
)
@click.option(
    "--from-config",
    is_flag=True,
    help="Import every [[import.sources]] of site.toml (the scheduled run).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1, max=300),
    default=20.0,
    show_default=True,
    help="Seconds to wait for a server to connect or to send the next bytes.",
)
@click.option(
    "--allow-private",
    is_flag=True,
    help="Let feed entries link to loopback, private or link-local addresses (refused by default).",
)
@content_option
@reports_errors
def import_(
    source: str | None,
    kind: Any,
    url: str | None,
    on: Any,
    force: bool,
    from_config: bool,
    timeout: float,
    allow_private: bool,
    content_dir: Path,
) -> None:
    """Turn SOURCE into content/commentary/<slug>.md files.

    \b
    SOURCE is one of:
      a web page      URL or saved .html file: main text and metadata
      a feed          RSS or Atom, URL or file: every entry not yet in content/
      a text scrape   .txt file (text/plain): site name, title, caption, body
    A page or entry already in content/ (same canonical URL or guid) is skipped.
    Nothing is written unless the whole source imports cleanly. A body's http://
    links are kept, except on hosts known to serve https ([import] https_hosts in
    site.toml, the site's and the page's own host): those become https://, listed
    in a review note.
    """
    from pipeline import clock
    from pipeline.errors import PipelineError
    from pipeline.importers.dispatch import Importer, ImportRequest
    from pipeline.importers.fetch import Fetcher, FetchLimits
    from pipeline.site import load_site

    if from_config == (source is not None):
        raise click.UsageError("give either SOURCE or --from-config")
    site = load_site(content_dir)
    today = clock.now().astimezone(site.tz).date()
    limits = FetchLimits(connect_timeout=min(timeout, 10.0), read_timeout=timeout)
    with Fetcher(limits, allow_private=allow_private) as fetcher:
        importer = Importer(content_dir, site, today, fetcher)
        if source is not None:
            request = ImportRequest(source, kind, url, on.date() if on else None, force)
            _show(importer.run(request))
            return
        if url or on or kind != "auto":
            raise click.UsageError("--url, --date and --kind apply to SOURCE, not --from-config")
        sources = site.import_.sources
        if not sources:
            click.echo("no [[import.sources]] in site.toml; nothing to import")
            return
        failed = 0
        for configured in sources:
            try:
                _show(importer.run(ImportRequest(configured.url, configured.kind, force=force)))
            except PipelineError as exc:
                failed += 1
                for line in exc.lines():
                    click.echo(line, err=True)
        if failed:
            click.echo(f"error: {failed} of {len(sources)} sources failed", err=True)
            sys.exit(1)


def _show(report: Any) -> None:
    from pipeline.importers.draft import shown

    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    for what, path in report.skipped:
        click.echo(f"already imported as {shown(path)}: {what}")
    for path in report.written:
        click.echo(f"wrote {shown(path)}")
    if report.entries is not None:
        click.echo(
            f"{report.source}: {report.entries} entries, {len(report.written)} new, "
            f"{len(report.skipped)} already imported"
        )
    if report.review_notes:
        click.echo(f"{report.review_notes} review note(s) for an editor in the file(s) written")
