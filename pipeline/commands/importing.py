"""`pipeline import`: turn a page, a feed or a text scrape (URL or file) into content files."""

from __future__ import annotations

import sys

from pipeline.commands.common import (
    UsageError,
    add_command,
    content_option,
    echo,
    iso_date,
    number_in,
)

TYPE_CHECKING = False  # as in common.py
if TYPE_CHECKING:
    from datetime import date
    from pathlib import Path
    from typing import Any

    from pipeline.commands.common import Commands


def add_commands(commands: Commands) -> None:
    parser = add_command(commands, "import", import_)
    parser.add_argument("source", nargs="?", metavar="SOURCE", help="A URL or a file.")
    parser.add_argument(
        "--kind",
        choices=["auto", "page", "feed", "scrape"],
        default="auto",
        help="What SOURCE is; auto detects it from the Content-Type, the file name and the "
        "content (default: %(default)s).",
    )
    parser.add_argument(
        "--url", help="The page's canonical URL (page or scrape; AMP markers are removed)."
    )
    parser.add_argument(
        "--date",
        dest="on",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help="Publication date (page or scrape; scrapes carry none).",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="Re-import a page already imported; overwrite its file.",
    )
    parser.add_argument(
        "--from-config",
        action="store_true",
        help="Import every [[import.sources]] of site.toml (the scheduled run).",
    )
    parser.add_argument(
        "--timeout",
        type=number_in(0.1, 300, float),
        default=20.0,
        metavar="SECONDS",
        help="Seconds to wait for a server to connect or to send the next bytes "
        "(0.1 to 300; default: %(default)s).",
    )
    parser.add_argument(
        "--allow-private",
        action="store_true",
        help="Let feed entries link to loopback, private or link-local addresses (refused by "
        "default).",
    )
    content_option(parser)


def import_(
    source: str | None,
    kind: Any,
    url: str | None,
    on: date | None,
    force: bool,
    from_config: bool,
    timeout: float,
    allow_private: bool,
    content_dir: Path,
) -> None:
    """Turn SOURCE into content/commentary/<slug>.md files.

    SOURCE is one of:
      a web page      URL or saved .html file: main text and metadata
      a feed          RSS, Atom or JSON Feed, URL or file: every entry not yet in content/
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
        raise UsageError("give either SOURCE or --from-config")
    site = load_site(content_dir)
    today = clock.now().astimezone(site.tz).date()
    limits = FetchLimits(connect_timeout=min(timeout, 10.0), read_timeout=timeout)
    with Fetcher(limits, allow_private=allow_private) as fetcher:
        importer = Importer(content_dir, site, today, fetcher)
        if source is not None:
            request = ImportRequest(source, kind, url, on, force)
            _show(importer.run(request))
            return
        if url or on or kind != "auto":
            raise UsageError("--url, --date and --kind apply to SOURCE, not --from-config")
        sources = site.import_.sources
        if not sources:
            echo("no [[import.sources]] in site.toml; nothing to import")
            return
        failed = 0
        for configured in sources:
            try:
                _show(importer.run(ImportRequest(configured.url, configured.kind, force=force)))
            except PipelineError as exc:
                failed += 1
                for line in exc.lines():
                    echo(line, err=True)
        if failed:
            echo(f"error: {failed} of {len(sources)} sources failed", err=True)
            sys.exit(1)


def _show(report: Any) -> None:
    from pipeline.importers.draft import shown

    for warning in report.warnings:
        echo(f"warning: {warning}", err=True)
    for what, path in report.skipped:
        echo(f"already imported as {shown(path)}: {what}")
    for path in report.written:
        echo(f"wrote {shown(path)}")
    if report.entries is not None:
        echo(
            f"{report.source}: {report.entries} entries, {len(report.written)} new, "
            f"{len(report.skipped)} already imported"
        )
    if report.review_notes:
        echo(f"{report.review_notes} review note(s) for an editor in the file(s) written")
