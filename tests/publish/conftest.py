"""Fixtures for publishing: fake X API and SMTP server on 127.0.0.1, a fake clock, a runner."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from pipeline.publish.email import SmtpSender
from pipeline.publish.run import CHANNELS, PublishOptions, run_publish
from pipeline.publish.runner import ChannelResult, RetryPolicy
from pipeline.publish.x import XPoster
from tests.publish.fixtures import FAKE_SECRETS, NOW, Project
from tests.publish.networks import Networks
from tests.publish.servers import SmtpServer, XApi, client_context, make_certificate, point_at


@dataclass
class FakeClock:
    now_: datetime = NOW
    slept: list[float] = field(default_factory=list)

    def now(self) -> datetime:
        return self.now_

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now_ += timedelta(seconds=seconds)


@pytest.fixture(scope="session")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return make_certificate(tmp_path_factory.mktemp("tls"))


@pytest.fixture
def x_api() -> Iterator[XApi]:
    api = XApi()
    yield api
    api.close()


@pytest.fixture
def smtp(request: pytest.FixtureRequest, certificate: tuple[Path, Path]) -> Iterator[SmtpServer]:
    # STARTTLS unless a test parametrises it (indirect=True); not a fixture param, so that
    # `publish` can start it lazily with getfixturevalue.
    security = getattr(request, "param", "starttls")
    server = SmtpServer(
        *certificate,
        security=security,
        username="mailer",
        password=FAKE_SECRETS["SMTP_PASSWORD"],
    )
    server.security = security  # type: ignore[attr-defined]
    yield server
    server.close()


@dataclass
class Run:
    results: list[ChannelResult]
    lines: list[str]

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.results)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


class Publish:
    """Calls run_publish as the CLI does, with the servers, clock and seams injected.

    `smtp` may be a function that starts the server: it is called only when a run publishes
    email, so that X-only tests do not pay for a TLS SMTP server.
    """

    def __init__(
        self,
        project: Project,
        x_api: XApi,
        smtp: SmtpServer | Callable[[], SmtpServer] | None,
        cert: Path,
    ) -> None:
        self.project = project
        self.x_api = x_api
        self._smtp = smtp
        self.cert = cert
        self.clock = FakeClock()
        self.render_drafts: Any = project.fresh_drafts
        self.x_timeout = (2.0, 5.0)
        self.networks: Networks | None = None
        """Bluesky, Mastodon and LinkedIn stand-ins; without them those channels are not
        configured (skipped)."""

    @property
    def smtp(self) -> SmtpServer | None:
        if callable(self._smtp):
            self._smtp = self._smtp()
        return self._smtp

    def env(self, *, email: bool = True) -> dict[str, str]:
        env = dict(FAKE_SECRETS)
        env.update(SMTP_HOST="127.0.0.1", SMTP_USERNAME="mailer")
        smtp = self.smtp if email else None
        if smtp is not None:
            env.update(SMTP_PORT=str(smtp.port), SMTP_SECURITY=smtp.security)  # type: ignore[attr-defined]
        else:
            env.update(SMTP_PORT="1", SMTP_SECURITY="starttls")
        if self.networks is not None:
            env.update(self.networks.env())
        return env

    def __call__(
        self, *, live: bool = True, env: dict[str, str] | None = None, **options: Any
    ) -> Run:
        lines: list[str] = []
        results = run_publish(
            PublishOptions(
                content_dir=self.project.content,
                dist_dir=self.project.dist,
                ledger_path=self.project.ledger,
                templates_dir=self.project.templates,
                live=live,
                **options,
            ),
            env=self.env(email="email" in options.get("channels", CHANNELS))
            if env is None
            else env,
            say=lines.append,
            now=self.clock.now,
            sleep=self.clock.sleep,
            render_drafts=self.render_drafts,
            make_x=lambda c: point_at(XPoster(c), self.x_api.base, self.x_timeout),
            make_mail=lambda c: SmtpSender(c, ssl_context=client_context(self.cert), timeout=5),
            make_senders=self.networks.make_senders() if self.networks else None,
            policy=RetryPolicy(attempts=3, backoff=1.0, max_rate_limit_wait=300),
        )
        return Run(results, lines)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project(tmp_path, {"first-piece": "2021-01-27", "old-piece": "2019-05-01"})


@pytest.fixture
def publish(
    request: pytest.FixtureRequest,
    project: Project,
    x_api: XApi,
    certificate: tuple[Path, Path],
) -> Publish:
    # The SMTP server (and its parametrisation) is started on first use, by an email run.
    return Publish(project, x_api, lambda: request.getfixturevalue("smtp"), certificate[0])


@pytest.fixture
def networks(publish: Publish) -> Iterator[Networks]:
    """The Bluesky, Mastodon and LinkedIn stand-ins, configured in `publish`'s environment."""
    found = Networks(lambda: publish.clock.now().timestamp())
    publish.networks = found
    yield found
    found.close()
