"""`pipeline preview`: serve dist/ locally for review."""

from __future__ import annotations

from pathlib import Path

import click

from pipeline.commands.common import dist_option, reports_errors
from pipeline.errors import PipelineError


@click.command()
@dist_option("The built output to serve.")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port on 127.0.0.1 (0: any free port).",
)
@reports_errors
def preview(dist_dir: Path, port: int) -> None:
    """Serve dist/ on 127.0.0.1 and print the review page's URL; Ctrl-C stops it."""
    from pipeline.preview import make_server

    if not (dist_dir / "manifest.json").is_file():
        raise PipelineError(f"{dist_dir}/manifest.json not found; run `pipeline build` first")
    try:
        server = make_server(dist_dir, port)
    except OSError as exc:
        raise PipelineError(f"cannot listen on 127.0.0.1:{port}: {exc.strerror}") from None
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    page = "review/index.html" if (dist_dir / "review" / "index.html").is_file() else ""
    click.echo(f"Serving {dist_dir}/ at {url}{page}  (Ctrl-C stops)", err=False)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("stopped")
    finally:
        server.server_close()
