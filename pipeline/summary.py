"""A Markdown review summary of a build, from dist/manifest.json (for $GITHUB_STEP_SUMMARY)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def _mark(value: int, limit: int) -> str:
    return "ok" if value <= limit else "**over**"


def render_summary(manifest: Mapping[str, Any]) -> str:
    """Per newsletter issue: subject, preheader, HTML size against the budget; per social draft:
    network and length against the limit; the feed entries; warnings."""
    outputs: list[Mapping[str, Any]] = manifest.get("outputs", [])
    lines = [f"# Review: {manifest.get('site', 'build')}", ""]

    emails = [o for o in outputs if o["kind"] == "email/html"]
    lines += ["## Newsletter", ""]
    if emails:
        lines += [
            "| issue | subject | preheader | HTML size | budget |",
            "| --- | --- | --- | --- | --- |",
        ]
        for entry in emails:
            size, budget = int(entry["bytes"]), int(entry.get("budget_bytes", 0) or 0)
            state = _mark(size, budget) if budget else ""
            lines.append(
                f"| `{entry.get('issue_id', entry['path'])}` | {_cell(entry.get('subject', ''))} "
                f"| {_cell(entry.get('preheader', ''))} | {size:,} B | {budget:,} B {state} |"
            )
    else:
        lines.append("No new commentary for the newsletter.")
    lines.append("")

    drafts = [o for o in outputs if o["kind"] == "social/json"]
    lines += ["## Social drafts", ""]
    if drafts:
        lines += ["| commentary | post | length | limit |", "| --- | --- | --- | --- |"]
        for entry in drafts:
            for post in entry.get("posts", []):
                length, limit = int(post["length"]), int(post["limit"])
                name = post["network"] + (
                    f" thread {post['index'] + 1}" if post["kind"] == "thread" else ""
                )
                lines.append(
                    f"| `{entry['slug']}` | {name} | {length} {_mark(length, limit)} | {limit} |"
                )
    else:
        lines.append("No social drafts.")
    lines.append("")

    feeds = [o for o in outputs if o["kind"].startswith("feed/")]
    lines += ["## Feeds", ""]
    for entry in feeds:
        slugs = entry.get("entries", [])
        lines.append(f"- `{entry['path']}`: {len(slugs)} entries, {int(entry['bytes']):,} B")
    if feeds and feeds[0].get("entries"):
        lines += ["", "Entries, newest first: " + ", ".join(f"`{s}`" for s in feeds[0]["entries"])]
    lines.append("")

    scheduled = manifest.get("scheduled", [])
    if scheduled:
        lines += ["## Scheduled", "", "Not yet due: in no feed, email or post until then.", ""]
        lines += [
            f"- `{item['slug']}` {_cell(item.get('title', ''))}: due {item['due']}"
            for item in scheduled
        ]
        lines.append("")

    warnings = manifest.get("warnings", [])
    lines += ["## Warnings", ""]
    lines += [f"- {_cell(w)}" for w in warnings] or ["None."]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")
