"""A publish run in its own process, for the SIGKILL tests: `python -m tests.publish.child CONFIG`.

CONFIG is JSON: {"root", "x_base", "smtp_port", "cert", "channels", "threads", "networks"}
(`networks`: the Bluesky, Mastodon and LinkedIn stand-ins' base URLs, optional). The servers
belong to the parent test; PIPELINE_PUBLISH_PAUSE_AFTER_INTENT may hold the process after an
intent.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from pipeline.publish.email import SmtpSender
from pipeline.publish.run import PublishOptions, run_publish
from pipeline.publish.runner import RetryPolicy
from pipeline.publish.x import XPoster
from tests.publish.fixtures import FAKE_SECRETS, NOW, drafts_hash, thread_texts
from tests.publish.networks import ORGANIZATION
from tests.publish.networks import SECRETS as NETWORK_SECRETS
from tests.publish.servers import client_context, point_at


def main() -> int:
    config = json.loads(Path(sys.argv[1]).read_text())
    root = Path(config["root"])
    env = dict(FAKE_SECRETS)
    env.update(
        SMTP_HOST="127.0.0.1",
        SMTP_PORT=str(config["smtp_port"]),
        SMTP_USERNAME="mailer",
        SMTP_SECURITY="starttls",
    )
    threads = {slug: thread_texts(slug, n) for slug, n in config["threads"].items()}
    bases = config.get("networks") or {}
    make_senders: dict[str, Any] = {}
    if bases:
        # Imported only here: a child that posts to X or sends email needs no network client.
        from pipeline.publish.linkedin import LinkedInSender
        from pipeline.publish.mastodon import MastodonSender

        env.update(NETWORK_SECRETS)
        env.update(
            BLUESKY_HANDLE="centre.example.org",
            BLUESKY_SERVICE=bases["bluesky"],
            MASTODON_API_BASE_URL="https://mastodon.example.org",
            LINKEDIN_ORGANIZATION=ORGANIZATION,
        )
        make_senders = {
            "mastodon": lambda c: MastodonSender(c, api_base_url=bases["mastodon"]),
            "linkedin": lambda c: LinkedInSender(c, base_url=bases["linkedin"]),
        }
    results = run_publish(
        PublishOptions(
            content_dir=root / "content",
            dist_dir=root / "dist",
            ledger_path=root / "state" / "ledger.jsonl",
            channels=tuple(config["channels"]),
            live=True,
        ),
        env=env,
        say=lambda line: print(line, flush=True),
        now=lambda: NOW,
        sleep=lambda seconds: None,
        render_drafts=lambda content: {s: drafts_hash(s, t) for s, t in threads.items()},
        make_x=lambda c: point_at(XPoster(c), config["x_base"]),
        make_mail=lambda c: SmtpSender(c, ssl_context=client_context(Path(config["cert"]))),
        make_senders=make_senders,
        policy=RetryPolicy(attempts=1),
    )
    return 0 if all(r.ok for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
