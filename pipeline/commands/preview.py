"""`pipeline preview`: serve dist/ locally for review."""

from __future__ import annotations

from pipeline.commands.common import add_command, dist_option, echo, number_in

TYPE_CHECKING = False  # as in common.py
if TYPE_CHECKING:
    from pathlib import Path

    from pipeline.commands.common import Commands


def add_commands(commands: Commands) -> None:
    parser = add_command(commands, "preview", preview)
    dist_option(parser, "The built output to serve.")
    parser.add_argument(
        "--port",
        type=number_in(0, 65535, int),
        default=8000,
        help="Port on 127.0.0.1 (0: any free port; default: %(default)s).",
    )


def preview(dist_dir: Path, port: int) -> None:
    """Serve dist/ on 127.0.0.1 and print the review page's URL; Ctrl-C stops it."""
    from pipeline.errors import PipelineError
    from pipeline.preview import make_server

    if not (dist_dir / "manifest.json").is_file():
        raise PipelineError(f"{dist_dir}/manifest.json not found; run `pipeline build` first")
    try:
        server = make_server(dist_dir, port)
    except OSError as exc:
        raise PipelineError(f"cannot listen on 127.0.0.1:{port}: {exc.strerror}") from None
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    page = "review/index.html" if (dist_dir / "review" / "index.html").is_file() else ""
    echo(f"Serving {dist_dir}/ at {url}{page}  (Ctrl-C stops)", err=False)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        echo("stopped")
    finally:
        server.server_close()
