"""`pipeline publish` and `pipeline ledger show|resolve|repair`."""

from __future__ import annotations

import os
import sys

from pipeline.commands.common import (
    UsageError,
    add_command,
    add_group,
    content_option,
    dist_option,
    echo,
    file_path,
    ledger_option,
    templates_option,
)
from pipeline.publish.names import CHANNELS

TYPE_CHECKING = False  # as in common.py
if TYPE_CHECKING:
    from pathlib import Path

    from pipeline.commands.common import Commands


def add_commands(commands: Commands) -> None:
    parser = add_command(commands, "publish", publish)
    parser.add_argument(
        "--channel",
        choices=[*CHANNELS, "all"],
        default="all",
        help="Where to publish (default: %(default)s).",
    )
    parser.add_argument(
        "--live",
        action="store_true",
        help="Really send. Without it: a dry run that changes nothing.",
    )
    parser.add_argument(
        "--test-to",
        dest="test_to",
        action="append",
        default=[],
        metavar="ADDRESS",
        help="Send a copy of the pending newsletter to a reviewer only (not recorded as the send).",
    )
    parser.add_argument(
        "--resend",
        action="append",
        default=[],
        metavar="KEY",
        help="Send again an article (X: its slug) or issue (email: its id) edited after it "
        "went out.",
    )
    parser.add_argument(
        "--x-form",
        choices=["thread", "single"],
        default=None,
        help="Post the X thread or the single post for every article. Default: each "
        "article's `social.x_form`, else the thread (a started thread is always finished as "
        "one).",
    )
    parser.add_argument(
        "--approved",
        dest="approved_path",
        type=file_path,
        metavar="FILE",
        help="Send only outputs whose sha256 this approval file lists (approval by pull request).",
    )
    content_option(parser)
    dist_option(parser, "The reviewed build output.")
    templates_option(parser)
    ledger_option(parser)

    ledger = add_group(
        commands,
        "ledger",
        "Read the ledger, or record a person's answer about an unconfirmed send.",
    )
    parser = add_command(ledger, "show", show)
    ledger_option(parser)
    parser.add_argument(
        "--channel",
        choices=CHANNELS,
        metavar="CHANNEL",
        help="Only this channel: " + ", ".join(CHANNELS) + ".",
    )
    parser.add_argument(
        "--open", dest="only_open", action="store_true", help="Only sends waiting for a person."
    )

    parser = add_command(ledger, "resolve", resolve)
    parser.add_argument("channel", choices=CHANNELS, metavar="CHANNEL", help=", ".join(CHANNELS))
    parser.add_argument("key", metavar="KEY", help="A slug for social, an issue id for email.")
    parser.add_argument(
        "--sent",
        dest="outcome",
        action="store_const",
        const="sent",
        help="It went out (you checked).",
    )
    parser.add_argument(
        "--not-sent",
        dest="outcome",
        action="store_const",
        const="not-sent",
        help="It did not go out: send it next run.",
    )
    parser.add_argument(
        "--part", type=int, metavar="N", help="The post of a thread, if several are open."
    )
    parser.add_argument(
        "--post-id",
        metavar="ID",
        help="Social: the id of the post that went out (required with --sent): X's tweet id, "
        "Bluesky's at:// URI, Mastodon's status id, LinkedIn's post URN.",
    )
    parser.add_argument(
        "--message-id",
        metavar="ID",
        help="Email: the Message-ID that went out, if not the intended one.",
    )
    parser.add_argument("--note", metavar="TEXT", help="What you checked, for the record.")
    parser.add_argument("--by", metavar="NAME", help="Who checked.")
    ledger_option(parser)

    parser = add_command(ledger, "repair", repair)
    ledger_option(parser)


def publish(
    channel: str,
    live: bool,
    test_to: list[str],
    resend: list[str],
    x_form: str | None,
    approved_path: Path | None,
    content_dir: Path,
    dist_dir: Path,
    templates_dir: Path,
    ledger_path: Path,
) -> None:
    """Publish the reviewed build: X, Bluesky, Mastodon and LinkedIn posts and the newsletter,
    each exactly once.

    Credentials (with --live) come from the environment:
      X:        X_CONSUMER_KEY X_CONSUMER_SECRET X_ACCESS_TOKEN X_ACCESS_TOKEN_SECRET
      Bluesky:  BLUESKY_HANDLE BLUESKY_APP_PASSWORD [BLUESKY_SERVICE]
      Mastodon: MASTODON_API_BASE_URL MASTODON_ACCESS_TOKEN
      LinkedIn: LINKEDIN_ACCESS_TOKEN LINKEDIN_ORGANIZATION
      email:    SMTP_HOST SMTP_PORT SMTP_USERNAME SMTP_PASSWORD
                SMTP_SECURITY=starttls|ssl (default: ssl on port 465, else starttls)
    With --channel all, a channel none of whose variables is set is skipped (one line).
    Exit status 1 when anything failed or waits for a person.
    """
    from pipeline.publish.run import PublishOptions, run_publish

    if test_to and channel == "x":
        raise UsageError("--test-to sends a test email; it does not go with --channel x")
    options = PublishOptions(
        content_dir=content_dir,
        dist_dir=dist_dir,
        ledger_path=ledger_path,
        templates_dir=templates_dir,
        channels=CHANNELS if channel == "all" else (channel,),
        live=live,
        test_to=tuple(test_to),
        resend=tuple(resend),
        x_form="single" if x_form == "single" else "thread" if x_form == "thread" else None,
        approved_path=approved_path,
    )
    results = run_publish(options, env=os.environ, say=echo)
    if not all(r.ok for r in results):
        sys.exit(1)


def show(ledger_path: Path, channel: str | None, only_open: bool) -> None:
    """List every send step and its state, newest activity last."""
    from pipeline.ledger import Ledger
    from pipeline.ledger_state import step_status

    state = Ledger.load(ledger_path).state
    steps = state.open_steps(channel) if only_open else state.steps(channel)
    if not steps:
        echo("nothing open" if only_open else "the ledger is empty")
    for record in steps:
        part = f" post {record.part}/{record.data.get('parts', '?')}" if record.part else ""
        ids = record.data.get("post_id") or record.data.get("message_id") or ""
        echo(
            f"{record.at}  {record.channel:<8} {record.key}{part}  {record.content_hash[:12]}  "
            f"{step_status(record)}  {ids}".rstrip()
        )


def resolve(
    channel: str,
    key: str,
    outcome: str | None,
    part: int | None,
    post_id: str | None,
    message_id: str | None,
    note: str | None,
    by: str | None,
    ledger_path: Path,
) -> None:
    """Confirm what happened to an unconfirmed send of KEY (a slug for x, an issue id for email).

    Publishing never retries a send that may have gone out (a crash between intent and
    receipt, a timeout, X's duplicate-content refusal): that channel stops until you check
    and record the answer here.
    """
    from datetime import UTC

    from pipeline import clock
    from pipeline.ledger import LedgerFile
    from pipeline.publish.resolve import resolve as resolve_step

    if outcome not in ("sent", "not-sent"):
        raise UsageError("say what happened: --sent or --not-sent")
    with LedgerFile.open(ledger_path, lock=True) as ledger_file:
        record = resolve_step(
            ledger_file,
            channel,
            key,
            outcome="sent" if outcome == "sent" else "not-sent",
            at=clock.now().astimezone(UTC).isoformat(timespec="seconds"),
            part=part,
            post_id=post_id,
            message_id=message_id,
            note=note,
            by=by,
        )
    part_text = f" post {record.part}" if record.part else ""
    echo(f"recorded: {channel} {key}{part_text} {outcome}")


def repair(ledger_path: Path) -> None:
    """Drop a torn last line (the publisher was stopped while writing it), after showing it.

    Safe: a send starts only once its intent line is written whole, so a torn intent never
    went out, and a torn receipt leaves its step unconfirmed, for `ledger resolve`. The repair
    is itself recorded. A damaged line anywhere else is left for a person.
    """
    from datetime import UTC

    from pipeline import clock
    from pipeline.ledger import repair as repair_ledger

    if not ledger_path.exists():
        echo(f"nothing to repair: {ledger_path} does not exist")
        return
    at = clock.now().astimezone(UTC).isoformat(timespec="seconds")
    dropped = repair_ledger(ledger_path, at)
    if dropped is None:
        echo(f"nothing to repair: the last line of {ledger_path} is whole")
        return
    shown = dropped.decode("utf-8", "replace")
    echo(f"torn last line ({len(dropped)} bytes): {shown[:500]}")
    echo(f"dropped it from {ledger_path} and recorded the repair")
