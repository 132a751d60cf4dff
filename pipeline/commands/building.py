"""`pipeline build` and `pipeline check`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pipeline.commands.common import content_option, ledger_option, reports_errors, templates_option


@click.command()
@content_option
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("dist"),
    show_default=True,
    help="Output folder, replaced atomically.",
)
@templates_option
@ledger_option
@click.option("--force", is_flag=True, help="Rebuild even if nothing changed.")
@reports_errors
def build(
    content_dir: Path, out_dir: Path, templates_dir: Path, ledger_path: Path, force: bool
) -> None:
    """Build feeds, newsletter issues and social drafts into dist/ with a manifest."""
    from pipeline.build import build as run_build

    result = run_build(content_dir, out_dir, templates_dir, ledger_path, force=force)
    for warning in result.warnings:
        click.echo(warning, err=True)
    if result.up_to_date:
        click.echo(f"{out_dir}/ is up to date ({len(result.outputs)} files); nothing changed.")
    else:
        click.echo(f"wrote {len(result.outputs)} files and {out_dir}/manifest.json")


@click.command()
@content_option
@templates_option
@ledger_option
@click.option(
    "--strict",
    is_flag=True,
    help="Fail on warnings too (unconfirmed dates, open review notes). For CI.",
)
@reports_errors
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
            click.echo(f"{output.path}: {entry['bytes']:,} of {budget:,} bytes of HTML")
    warnings = [*content.warnings, *social_warnings(outputs)]
    for warning in warnings:
        click.echo(str(warning), err=True)
    for article in content.scheduled:
        click.echo(f"scheduled: {article.source_path}: due {article.due_at.isoformat()}")
    click.echo(
        f"{len(content.articles)} ready, {len(content.scheduled)} scheduled, "
        f"{len(content.drafts)} draft, {len(warnings)} warning(s), {len(outputs)} outputs"
    )
    if strict and warnings:
        click.echo(f"error: --strict: {len(warnings)} warning(s) must be resolved", err=True)
        sys.exit(1)
