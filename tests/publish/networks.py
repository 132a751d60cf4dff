"""The Bluesky, Mastodon and LinkedIn stand-ins together, as a publish run meets them: the
environment a configured run reads, and the senders (each network's real client library)
pointed at the servers on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

from tests.publish.bluesky_server import BlueskyServer
from tests.publish.linkedin_server import LinkedInApi
from tests.publish.mastodon_server import MastodonServer

SECRETS = {
    "BLUESKY_APP_PASSWORD": "abcd-efgh-ijkl-mnop",
    "MASTODON_ACCESS_TOKEN": "Zm9vYmFyLXNlY3JldC10b2tlbi0xMjM0NTY3ODkwYWJj",
    "LINKEDIN_ACCESS_TOKEN": "AQVfakeLINKEDINaccessTOKEN_0123456789abcdefXYZ",
}
ORGANIZATION = "urn:li:organization:2414183"
NETWORKS = ("bluesky", "mastodon", "linkedin")


class Networks:
    """Starts each stand-in on first use."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self.clock = clock
        self._bluesky: BlueskyServer | None = None
        self._mastodon: MastodonServer | None = None
        self._linkedin: LinkedInApi | None = None

    @property
    def bluesky(self) -> BlueskyServer:
        if self._bluesky is None:
            self._bluesky = BlueskyServer(password=SECRETS["BLUESKY_APP_PASSWORD"])
        return self._bluesky

    @property
    def mastodon(self) -> MastodonServer:
        if self._mastodon is None:
            self._mastodon = MastodonServer(SECRETS["MASTODON_ACCESS_TOKEN"], clock=self.clock)
        return self._mastodon

    @property
    def linkedin(self) -> LinkedInApi:
        if self._linkedin is None:
            self._linkedin = LinkedInApi(
                token=SECRETS["LINKEDIN_ACCESS_TOKEN"], organization=ORGANIZATION
            )
            self._linkedin.now = self.clock
        return self._linkedin

    def env(self, channels: tuple[str, ...] = NETWORKS) -> dict[str, str]:
        env: dict[str, str] = {}
        if "bluesky" in channels:
            env.update(
                BLUESKY_HANDLE=self.bluesky.handle,
                BLUESKY_APP_PASSWORD=SECRETS["BLUESKY_APP_PASSWORD"],
                BLUESKY_SERVICE=self.bluesky.base,
            )
        if "mastodon" in channels:
            # The environment must name an https instance; the sender is pointed at the
            # stand-in (`make_senders`).
            env.update(
                MASTODON_API_BASE_URL="https://mastodon.example.org",
                MASTODON_ACCESS_TOKEN=SECRETS["MASTODON_ACCESS_TOKEN"],
            )
        if "linkedin" in channels:
            env.update(
                LINKEDIN_ACCESS_TOKEN=SECRETS["LINKEDIN_ACCESS_TOKEN"],
                LINKEDIN_ORGANIZATION=ORGANIZATION,
            )
        return env

    def make_senders(self) -> dict[str, Callable[[Any], Any]]:
        return {
            "bluesky": _bluesky_sender,
            "mastodon": self._mastodon_sender,
            "linkedin": self._linkedin_sender,
        }

    # The clients are imported when a run posts there: a SIGKILL test's child (child.py) that
    # posts to X or sends email imports none of them.
    def _mastodon_sender(self, credentials: Any) -> Any:
        from pipeline.publish.mastodon import MastodonSender

        return MastodonSender(credentials, api_base_url=self.mastodon.base, timeout=(1.0, 3.0))

    def _linkedin_sender(self, credentials: Any) -> Any:
        from pipeline.publish.linkedin import LinkedInSender

        return LinkedInSender(
            credentials, base_url=self.linkedin.base, timeout=httpx.Timeout(3.0, connect=1.0),
            clock=self.clock,
        )  # fmt: skip

    def deliveries(self) -> dict[str, int]:
        """Posts each network holds (what a follower would see)."""
        return {
            "bluesky": len(self._bluesky.posts()) if self._bluesky else 0,
            "mastodon": len(self._mastodon.statuses) if self._mastodon else 0,
            "linkedin": len(self._linkedin.posts) if self._linkedin else 0,
        }

    def close(self) -> None:
        for server in (self._bluesky, self._mastodon, self._linkedin):
            if server is not None:
                server.close()


def _bluesky_sender(credentials: Any) -> Any:
    # (atproto takes about a second to import.)
    from pipeline.publish.bluesky import BlueskySender

    return BlueskySender(credentials, timeout=httpx.Timeout(3.0), thumb_timeout=1.0)
