"""`pipeline build` and `pipeline check`."""

from __future__ import annotations

import sys

from pipeline.commands.common import (
    add_command,
    content_option,
    echo,
    folder,
    ledger_option,
    templates_option,
)

TYPE_CHECKING = False  # as in common.py
if TYPE_CHECKING:
    from pathlib import Path

    from pipeline.commands.common import Commands


def add_commands(commands: Commands) -> None:
    parser = add_command(commands, "build", build)
    content_option(parser)
    parser.add_argument(
        "--out", dest="out_dir", type=folder, default="dist", metavar="DIR",
        help="Output folder, replaced atomically (default: %(default)s).",
    )  # fmt: skip
    templates_option(parser)
    ledger_option(parser)
    parser.add_argument("--force", action="store_true", help="Rebuild even if nothing changed.")

    parser = add_command(commands, "check", check)
    content_option(parser)
    templates_option(parser)
    ledger_option(parser)
    parser.add_argument(
        "--strict",
        action="store_true",
        help="Fail on warnings too (unconfirmed dates, open review notes). For CI.",
    )


def build(
    content_dir: Path, out_dir: Path, templates_dir: Path, ledger_path: Path, force: bool
) -> None:
    """Build feeds, newsletter issues and social drafts into dist/ with a manifest."""
    from pipeline.build import build as run_build

    result = run_build(content_dir, out_dir, templates_dir, ledger_path, force=force)
    for warning in result.warnings:
        echo(warning, err=True)
    if result.up_to_date:
        echo(f"{out_dir}/ is up to date ({len(result.outputs)} files); nothing changed.")
    else:
        echo(f"wrote {len(result.outputs)} files and {out_dir}/manifest.json")


def check(content_dir: Path, templates_dir: Path, ledger_path: Path, strict: bool) -> None:
    """Validate content and settings and render in memory; write nothing."""
    from pipeline.build import manifest_entry, render_all
    from pipeline.cache import Cache
    from pipeline.content import load_content
    from pipeline.ledger import Ledger
    from pipeline.render.social.checks import social_warnings
    from pipeline.renderer import BuildContext

    cache = Cache.from_env()
    content = load_content(content_dir, cache)
    outputs = render_all(BuildContext(content, Ledger.load(ledger_path), templates_dir, cache))
    for output in outputs:
        entry = manifest_entry(output)
        if entry["kind"] == "email/html":
            budget = content.site.newsletter.html_budget_bytes
            echo(f"{output.path}: {entry['bytes']:,} of {budget:,} bytes of HTML")
    warnings = [*content.warnings, *social_warnings(outputs)]
    for warning in warnings:
        echo(str(warning), err=True)
    for article in content.scheduled:
        echo(f"scheduled: {article.source_path}: due {article.due_at.isoformat()}")
    echo(
        f"{len(content.articles)} ready, {len(content.scheduled)} scheduled, "
        f"{len(content.drafts)} draft, {len(warnings)} warning(s), {len(outputs)} outputs"
    )
    if strict and warnings:
        echo(f"error: --strict: {len(warnings)} warning(s) must be resolved", err=True)
        sys.exit(1)
