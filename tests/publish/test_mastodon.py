"""MastodonSender through Mastodon.py's own HTTP code against a Mastodon API on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from pipeline.publish.channel import Receipt, Step, step_token
from pipeline.publish.faults import SendFailure
from pipeline.publish.mastodon import (
    LOOKUP_PAGE_SIZE,
    MastodonCredentials,
    MastodonSender,
    credentials_from_env,
)
from tests.localhttp import free_port
from tests.publish.mastodon_server import Fault, ImageServer, MastodonServer, mastodon_length

TOKEN = "Zm9vYmFyLXNlY3JldC10b2tlbi0xMjM0NTY3ODkwYWJj"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 2048
STATUSES = "POST /api/v1/statuses"


@pytest.fixture
def server() -> Iterator[MastodonServer]:
    api = MastodonServer(TOKEN)
    yield api
    api.close()


@pytest.fixture
def images() -> Iterator[ImageServer]:
    served = ImageServer({"/cover.png": ("image/png", PNG), "/page.html": ("text/html", b"<p>")})
    yield served
    served.close()


def sender_for(
    base: str, token: str = TOKEN, *, timeout: tuple[float, float] = (1.0, 2.0), **kwargs: Any
) -> MastodonSender:
    credentials = MastodonCredentials(api_base_url="https://example.social", access_token=token)
    return MastodonSender(credentials, timeout=timeout, api_base_url=base, **kwargs)


def make_step(
    text: str = "Will the grid hold? A new commentary https://centre.example/commentary/grid",
    *,
    part: int = 1,
    parts: int = 1,
    key: str = "grid",
    image: dict[str, str] | None = None,
    earlier: tuple[Receipt, ...] = (),
    started_at: datetime | None = None,
    language: str = "en-GB",
) -> Step:
    return Step(
        channel="mastodon",
        key=key,
        content_hash="c0ffee",
        part=part,
        parts=parts,
        payload={"network": "mastodon", "text": text},
        context={
            "url": "https://centre.example/commentary/grid",
            "language": language,
            "image": image,
        },
        token=step_token("mastodon", key, "c0ffee", part),
        started_at=started_at or datetime.now(UTC),
        earlier=earlier,
    )


def failure_of(sender: MastodonSender, step: Step) -> SendFailure:
    with pytest.raises(SendFailure) as caught:
        sender.send(step)
    assert TOKEN not in str(caught.value) and TOKEN not in repr(caught.value)
    return caught.value


# --- posting ---------------------------------------------------------------------------
def test_single_post_with_image_and_alt(server: MastodonServer, images: ImageServer) -> None:
    step = make_step(image={"url": f"{images.base}/cover.png", "alt": "A substation at dusk"})
    receipt = sender_for(server.base).send(step)

    assert len(server.statuses) == 1
    status = server.statuses[0]
    assert receipt == Receipt(post_id=status["id"], url=status["url"])
    assert server.texts() == [step.payload["text"]]
    assert status["visibility"] == "public" and status["language"] == "en"
    [media] = status["media_attachments"]
    assert media["description"] == "A substation at dusk"
    assert server.media_bytes[media["id"]] == PNG
    [post] = server.posts()
    assert post["headers"]["Idempotency-Key"] == step.token
    assert post["headers"]["Authorization"] == f"Bearer {TOKEN}"
    # One client, no version-check round trips: the image upload, the post, nothing else.
    assert [r["route"] for r in server.requests] == ["POST /api/v2/media", STATUSES]


def test_thread_of_three_replies_to_the_previous_part(
    server: MastodonServer, images: ImageServer
) -> None:
    sender = sender_for(server.base)
    image = {"url": f"{images.base}/cover.png", "alt": "Cover"}
    receipts: list[Receipt] = []
    for part in (1, 2, 3):
        step = make_step(
            f"Part {part} of 3", part=part, parts=3, image=image, earlier=tuple(receipts)
        )
        receipts.append(sender.send(step))

    ids = [s["id"] for s in server.statuses]
    assert [r.post_id for r in receipts] == ids
    assert [s["in_reply_to_id"] for s in server.statuses] == [None, ids[0], ids[1]]
    assert [len(s["media_attachments"]) for s in server.statuses] == [1, 0, 0]
    assert images.hits == ["/cover.png"]


def test_an_image_that_cannot_be_fetched_is_left_out_and_said(
    server: MastodonServer, images: ImageServer
) -> None:
    sender = sender_for(server.base, max_image_bytes=1000)
    for path, why in (
        ("/missing.png", "404"),
        ("/page.html", "text/html"),
        ("/cover.png", "larger"),
    ):
        receipt = sender.send(
            make_step(key=path, image={"url": f"{images.base}{path}", "alt": "x"})
        )
        assert why in receipt.extra["note"] and "without its image" in receipt.extra["note"]
    assert [len(s["media_attachments"]) for s in server.statuses] == [0, 0, 0]
    assert not server.media


def test_an_image_mastodon_refuses_is_left_out(server: MastodonServer, images: ImageServer) -> None:
    server.faults.append(
        Fault("POST /api/v2/media", 422, {"error": "Validation failed: File is too big"})
    )
    receipt = sender_for(server.base).send(
        make_step(image={"url": f"{images.base}/cover.png", "alt": "x"})
    )
    assert "File is too big" in receipt.extra["note"]
    assert len(server.statuses) == 1


def test_a_rate_limited_image_upload_posts_nothing(
    server: MastodonServer, images: ImageServer
) -> None:
    reset = "2026-12-02T14:05:00.000Z"
    server.faults.append(Fault("POST /api/v2/media", 429, headers={"X-RateLimit-Reset": reset}))
    failure = failure_of(
        sender_for(server.base), make_step(image={"url": f"{images.base}/cover.png", "alt": "x"})
    )
    assert failure.outcome == "rate-limited"
    assert failure.reset_at == datetime(2026, 12, 2, 14, 5, tzinfo=UTC).timestamp()
    assert not server.statuses


def test_an_image_upload_without_an_answer_posts_nothing(
    server: MastodonServer, images: ImageServer
) -> None:
    server.faults.append(Fault("POST /api/v2/media", 200, delay=1.0))
    step = make_step(image={"url": f"{images.base}/cover.png", "alt": "x"})
    failure = failure_of(sender_for(server.base, timeout=(1.0, 0.3)), step)
    assert failure.outcome == "not-sent" and "not posted" in failure.message
    assert not server.statuses


def test_an_image_still_processing_is_retried_with_the_same_upload(
    server: MastodonServer, images: ImageServer
) -> None:
    processing = {"id": "77", "type": "image", "url": None, "description": "x"}
    server.faults.append(Fault("POST /api/v2/media", 202, processing))
    server.faults.append(
        Fault(STATUSES, 422, {"error": "Cannot attach files that have not finished processing."})
    )
    sender = sender_for(server.base)
    step = make_step(image={"url": f"{images.base}/cover.png", "alt": "x"})
    assert failure_of(sender, step).outcome == "not-sent"
    server.media["77"] = {**processing, "url": f"{server.base}/system/media/77.png"}
    sender.send(step)
    assert [m["id"] for m in server.statuses[0]["media_attachments"]] == ["77"]
    assert images.hits == ["/cover.png"]


def test_urls_count_23_as_mastodon_counts(server: MastodonServer) -> None:
    url = "https://centre.example/" + "long-path/" * 60
    text = "x" * 470 + " " + url
    assert len(text) > 500 and mastodon_length(text) == 494
    sender_for(server.base).send(make_step(text))
    assert server.texts() == [text]


# --- exactly once ------------------------------------------------------------------------
def test_a_retry_after_a_dropped_connection_leaves_one_status(server: MastodonServer) -> None:
    sender = sender_for(server.base)
    step = make_step()
    server.faults.append(Fault(STATUSES, take_then_drop=True))
    assert failure_of(sender, step).outcome == "unknown"
    assert len(server.statuses) == 1  # it was taken

    receipt = sender.send(step)
    assert len(server.statuses) == 1
    assert receipt.post_id == server.statuses[0]["id"]
    keys = {p["headers"]["Idempotency-Key"] for p in server.posts()}
    assert keys == {step.token} and len(server.posts()) == 2


def test_the_server_keeps_an_idempotency_key_for_an_hour() -> None:
    now = [1_800_000_000.0]
    api = MastodonServer(TOKEN, clock=lambda: now[0])
    try:
        sender = sender_for(api.base)
        step = make_step()
        first = sender.send(step)
        now[0] += 3599
        assert sender.send(step) == first and len(api.statuses) == 1
        now[0] += 2
        assert sender.send(step) != first and len(api.statuses) == 2
    finally:
        api.close()


def test_a_retried_image_step_uploads_the_image_once(
    server: MastodonServer, images: ImageServer
) -> None:
    sender = sender_for(server.base)
    step = make_step(image={"url": f"{images.base}/cover.png", "alt": "x"})
    server.faults.append(Fault(STATUSES, 503))
    assert failure_of(sender, step).outcome == "not-sent"
    sender.send(step)
    assert len(server.media) == 1 and len(server.statuses) == 1


# --- lookup ------------------------------------------------------------------------------
def test_lookup_finds_a_post_whose_answer_was_lost(server: MastodonServer) -> None:
    sender = sender_for(server.base)
    text = (
        "Will the grid hold?\n\nA commentary by @kane@policy.example on "
        "https://centre.example/commentary/a-rather-long-slug-for-the-grid #Energy"
    )
    step = make_step(text)
    server.seed_status(text, created_at=(step.started_at - timedelta(days=3)).timestamp())
    server.faults.append(Fault(STATUSES, take_then_drop=True))
    assert failure_of(sender, step).outcome == "unknown"

    server.requests.clear()
    found = sender.lookup(step)
    assert found == Receipt(post_id=server.statuses[-1]["id"], url=server.statuses[-1]["url"])
    assert not any(r["route"].endswith("/source") for r in server.requests)


def test_lookup_reads_back_the_html_mastodon_made(server: MastodonServer) -> None:
    sender = sender_for(server.base)
    first = sender.send(make_step("Part one", parts=2))
    text = "Part two: https://centre.example/commentary/a-rather-long-slug-for-the-grid #Energy"
    step = make_step(text, part=2, parts=2, earlier=(first,))
    sender.send(step)
    server.requests.clear()

    assert sender.lookup(step) == Receipt(
        post_id=server.statuses[-1]["id"], url=server.statuses[-1]["url"]
    )
    assert not any(r["route"].endswith("/source") for r in server.requests)


def test_lookup_pages_back_to_the_post(server: MastodonServer) -> None:
    sender = sender_for(server.base)
    step = make_step()
    sender.send(step)
    now = datetime.now(UTC).timestamp()
    for n in range(LOOKUP_PAGE_SIZE * 2 + 5):
        server.seed_status(f"later status {n}", created_at=now)
    assert sender.lookup(step) == Receipt(
        post_id=server.statuses[0]["id"], url=server.statuses[0]["url"]
    )


def test_lookup_says_certainly_not_when_the_list_reaches_older_statuses(
    server: MastodonServer,
) -> None:
    sender = sender_for(server.base)
    step = make_step()
    old = (step.started_at - timedelta(hours=2)).timestamp()
    server.seed_status(step.payload["text"], created_at=old)  # the same text, long before
    server.seed_status("something else", created_at=datetime.now(UTC).timestamp())
    server.seed_status(
        step.payload["text"],
        created_at=datetime.now(UTC).timestamp(),
        in_reply_to_id=server.statuses[0]["id"],
    )  # same text, other thread
    assert sender.lookup(step) is None


def test_lookup_of_an_account_without_statuses(server: MastodonServer) -> None:
    assert sender_for(server.base).lookup(make_step()) is None


def test_lookup_checks_a_near_match_against_its_source(server: MastodonServer) -> None:
    sender = sender_for(server.base)
    text = "Will the grid hold through the winter? Our fellows weigh the evidence " * 3
    step = make_step(text)
    sender.send(step)
    ours = server.statuses[-1]
    ours["content"] = ours["content"].replace("fellows", "Fellows", 1)  # a rewrite we missed
    server.seed_status(text.replace("winter", "summer"), created_at=datetime.now(UTC).timestamp())
    server.requests.clear()

    assert sender.lookup(step) == Receipt(post_id=ours["id"], url=ours["url"])
    sources = [r["route"] for r in server.requests if r["route"].endswith("/source")]
    assert len(sources) == 2  # the newer near match first, then ours


def test_a_near_match_that_is_not_ours_is_certainly_not(server: MastodonServer) -> None:
    text = "Will the grid hold through the winter? Our fellows weigh the evidence " * 3
    step = make_step(text)
    server.seed_status(text.replace("winter", "summer"), created_at=datetime.now(UTC).timestamp())
    assert sender_for(server.base).lookup(step) is None


def test_a_near_match_without_a_source_is_unknown(server: MastodonServer) -> None:
    text = "Will the grid hold through the winter? Our fellows weigh the evidence " * 3
    step = make_step(text)
    near = server.seed_status(
        text.replace("winter", "summer"), created_at=datetime.now(UTC).timestamp()
    )
    server.faults.append(Fault(f"GET /api/v1/statuses/{near['id']}/source", 404))
    with pytest.raises(SendFailure) as caught:
        sender_for(server.base).lookup(step)
    assert caught.value.outcome == "unknown"


def test_lookup_is_unknown_when_it_cannot_tell(server: MastodonServer) -> None:
    sender = sender_for(server.base, lookup_pages=2)
    step = make_step()
    now = datetime.now(UTC).timestamp()
    for n in range(LOOKUP_PAGE_SIZE * 2 + 1):
        server.seed_status(f"busy {n}", created_at=now)
    with pytest.raises(SendFailure) as too_many:
        sender.lookup(step)
    assert too_many.value.outcome == "unknown"

    server.faults.append(Fault("GET /api/v1/accounts/1/statuses", 500))
    with pytest.raises(SendFailure) as broken:
        sender.lookup(step)
    assert broken.value.outcome == "unknown" and "500" in broken.value.message


# --- failures ----------------------------------------------------------------------------
def test_429_is_rate_limited_with_the_reset_time(server: MastodonServer) -> None:
    reset = "2026-12-02T14:05:00.000Z"
    server.faults.append(
        Fault(STATUSES, 429, {"error": "Too many requests"}, {"X-RateLimit-Reset": reset})
    )
    failure = failure_of(sender_for(server.base), make_step())
    assert failure.outcome == "rate-limited"
    assert failure.reset_at == datetime(2026, 12, 2, 14, 5, tzinfo=UTC).timestamp()


def test_the_server_counts_300_in_five_minutes() -> None:
    api = MastodonServer(TOKEN, rate_limit=2, clock=lambda: 1_800_000_100.0)
    try:
        sender = sender_for(api.base)
        sender.send(make_step("one", key="a"))
        sender.send(make_step("two", key="b"))
        failure = failure_of(sender, make_step("three", key="c"))
        assert failure.outcome == "rate-limited" and failure.reset_at == 1_800_000_300.0
        assert api.texts() == ["one", "two"]
    finally:
        api.close()


def test_a_reset_header_mastodon_py_cannot_parse_does_not_hide_a_post(
    server: MastodonServer,
) -> None:
    server.faults.append(Fault(STATUSES, None, headers={"X-RateLimit-Reset": "soon"}))
    receipt = sender_for(server.base).send(make_step())
    assert receipt.post_id == server.statuses[0]["id"]


@pytest.mark.parametrize(
    ("status", "outcome"), [(500, "unknown"), (502, "unknown"), (503, "not-sent"), (504, "unknown")]
)
def test_server_errors(server: MastodonServer, status: int, outcome: str) -> None:
    server.faults.append(Fault(STATUSES, status))
    failure = failure_of(sender_for(server.base), make_step())
    assert failure.outcome == outcome and str(status) in failure.message


def test_a_read_timeout_is_unknown(server: MastodonServer) -> None:
    server.faults.append(Fault(STATUSES, 200, delay=2.0))
    failure = failure_of(sender_for(server.base, timeout=(1.0, 0.3)), make_step())
    assert failure.outcome == "unknown" and "did not answer" in failure.message


def test_a_refused_connection_is_not_sent() -> None:
    failure = failure_of(sender_for(f"http://127.0.0.1:{free_port()}"), make_step())
    assert failure.outcome == "not-sent"


def test_a_connection_dropped_before_anything_is_unknown(server: MastodonServer) -> None:
    server.faults.append(Fault(STATUSES, drop=True))
    assert failure_of(sender_for(server.base), make_step()).outcome == "unknown"
    assert not server.statuses


def test_a_bad_token_is_rejected_without_showing_it(server: MastodonServer) -> None:
    wrong = "d3JvbmctdG9rZW4tdGhhdC1pcy1sb25nLWVub3VnaA"
    with pytest.raises(SendFailure) as caught:
        sender_for(server.base, wrong).send(make_step())
    assert caught.value.outcome == "rejected"
    assert "401" in caught.value.message and "MASTODON_ACCESS_TOKEN" in caught.value.message
    assert wrong not in str(caught.value)


def test_a_server_that_echoes_the_token_does_not_get_it_shown(server: MastodonServer) -> None:
    server.faults.append(Fault(STATUSES, 403, {"error": f"token {TOKEN} may not post"}))
    failure = failure_of(sender_for(server.base), make_step())
    assert failure.outcome == "rejected" and "***" in failure.message


def test_422_is_rejected_with_mastodons_words(server: MastodonServer) -> None:
    failure = failure_of(sender_for(server.base), make_step("y" * 501))
    assert failure.outcome == "rejected"
    assert "character limit of 500" in failure.message


def test_a_reply_to_a_missing_post_is_rejected(server: MastodonServer) -> None:
    step = make_step("two", part=2, parts=2, earlier=(Receipt(post_id="42"),))
    failure = failure_of(sender_for(server.base), step)
    assert failure.outcome == "rejected" and "404" in failure.message


def test_no_exception_we_show_carries_the_token(server: MastodonServer) -> None:
    """Every failure kind, its message and its chained exceptions."""
    sender = sender_for(server.base, timeout=(1.0, 0.3))
    faults = [
        Fault(STATUSES, 401, {"error": f"The access token {TOKEN} is invalid"}),
        Fault(STATUSES, 422, {"error": f"Validation failed: {TOKEN}"}),
        Fault(STATUSES, 429),
        Fault(STATUSES, 500, {"error": TOKEN}),
        Fault(STATUSES, 503),
        Fault(STATUSES, 200, delay=1.0),
        Fault(STATUSES, take_then_drop=True),
    ]
    for n, fault in enumerate(faults):
        server.faults.append(fault)
        with pytest.raises(SendFailure) as caught:
            sender.send(make_step(f"post {n}", key=f"k{n}"))
        chain: list[BaseException] = []
        exc: BaseException | None = caught.value
        while exc is not None:
            chain.append(exc)
            exc = exc.__cause__ or (None if exc.__suppress_context__ else exc.__context__)
        assert all(TOKEN not in str(e) and TOKEN not in repr(e) for e in chain)
    assert TOKEN not in repr(sender_for(server.base).client.__dict__.get("_token", ""))


# --- credentials -------------------------------------------------------------------------
def test_credentials_from_the_environment() -> None:
    credentials, problems = credentials_from_env(
        {"MASTODON_API_BASE_URL": "https://mastodon.social/", "MASTODON_ACCESS_TOKEN": TOKEN}
    )
    assert problems == [] and credentials is not None
    assert credentials.api_base_url == "https://mastodon.social"
    assert credentials.secrets() == (TOKEN,)
    assert TOKEN not in repr(credentials)


def test_credentials_problems_name_variables_never_values() -> None:
    assert credentials_from_env({}) == (
        None,
        ["missing environment variable(s): MASTODON_API_BASE_URL, MASTODON_ACCESS_TOKEN"],
    )
    credentials, problems = credentials_from_env(
        {"MASTODON_API_BASE_URL": "http://127.0.0.1:9", "MASTODON_ACCESS_TOKEN": "a b\u00e9"}
    )
    assert credentials is None and len(problems) == 2
    assert "MASTODON_API_BASE_URL must be" in problems[0] and "127.0.0.1" not in problems[0]
    assert "MASTODON_ACCESS_TOKEN must be" in problems[1] and "a b" not in problems[1]
