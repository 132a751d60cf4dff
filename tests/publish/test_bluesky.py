"""Bluesky through atproto's own HTTP code against a stand-in PDS on 127.0.0.1."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from atproto_client.models.string_formats import TID_RE

from pipeline.publish.bluesky import (
    BlueskyCredentials,
    BlueskySender,
    credentials_from_env,
)
from pipeline.publish.channel import Receipt, Step, step_token
from pipeline.publish.faults import SendFailure
from pipeline.publish.tid import decode_tid, encode_tid, step_record_key
from tests.localhttp import free_port, png
from tests.publish.bluesky_server import Asset, BlueskyServer, Fault, ImageHost

PASSWORD = "abcd-efgh-ijkl-mnop"
STARTED = datetime(2021, 1, 28, 9, 0, 0, 123456, tzinfo=UTC)
CREATE = "com.atproto.repo.createRecord"
TEXT = "Will Biden build it? A new commentary by @ana.example.org vcdnp.org/will… #arms"


def link_facet(text: str, needle: str, uri: str) -> dict[str, Any]:
    start = text.encode().index(needle.encode())
    return {
        "index": {"byteStart": start, "byteEnd": start + len(needle.encode())},
        "features": [{"$type": "app.bsky.richtext.facet#link", "uri": uri}],
    }


def span(text: str, needle: str) -> dict[str, int]:
    start = text.encode().index(needle.encode())
    return {"byteStart": start, "byteEnd": start + len(needle.encode())}


def make_step(
    payload: dict[str, Any],
    *,
    key: str = "first-piece",
    part: int = 1,
    parts: int = 1,
    earlier: tuple[Receipt, ...] = (),
    started_at: datetime = STARTED,
) -> Step:
    return Step(
        channel="bluesky",
        key=key,
        content_hash="c0ffee",
        part=part,
        parts=parts,
        payload=payload,
        context={"url": "https://vcdnp.org/will", "language": "en"},
        token=step_token("bluesky", key, "c0ffee", part),
        started_at=started_at,
        earlier=earlier,
    )


@pytest.fixture
def pds() -> Iterator[BlueskyServer]:
    server = BlueskyServer(password=PASSWORD, handles={"ana.example.org": "did:plc:ana"})
    yield server
    server.close()


@pytest.fixture
def images() -> Iterator[ImageHost]:
    host = ImageHost(
        {
            "/card.png": Asset(png(2, 2)),
            "/huge.png": Asset(b"\x89PNG" + b"\0" * 1_000_001),
            "/page": Asset(b"<html></html>", "text/html"),
            "/slow.png": Asset(png(2, 2), delay=1.5),
        }
    )
    yield host
    host.close()


def sender_for(pds: BlueskyServer, *, password: str = PASSWORD, timeout: float = 1.0) -> Any:
    credentials = BlueskyCredentials(pds.handle, password, pds.base)
    return BlueskySender(credentials, timeout=httpx.Timeout(timeout), thumb_timeout=0.5)


def failure_of(call: Any) -> SendFailure:
    with pytest.raises(SendFailure) as caught:
        call()
    return caught.value


# --- the record key ----------------------------------------------------------------------------
def test_tid_round_trips_and_is_valid_syntax():
    assert encode_tid(0, 0) == "2222222222222"
    tid = encode_tid(1_611_824_400_123_456, 517)
    assert TID_RE.match(tid) and decode_tid(tid) == (1_611_824_400_123_456, 517)
    assert encode_tid((1 << 53) - 1, 1023)[0] in "234567abcdefghij"  # the top bit stays 0


def test_record_key_is_stable_per_step_distinct_between_steps_and_sortable():
    token = step_token("bluesky", "a", "h", 1)
    assert step_record_key(token, STARTED) == step_record_key(token, STARTED)
    keys = {step_record_key(step_token("bluesky", "a", "h", n), STARTED) for n in range(1, 200)}
    assert len(keys) == 199  # same second, different steps: different keys
    micros, _ = decode_tid(step_record_key(token, STARTED))
    assert int(STARTED.timestamp()) == micros // 1_000_000  # the key dates from the intent
    later = step_record_key(token, STARTED + timedelta(seconds=1))
    assert later > step_record_key(token, STARTED)  # TIDs sort by time
    assert TID_RE.match(later)
    naive = STARTED.replace(tzinfo=None)
    assert step_record_key(token, naive) == step_record_key(token, STARTED)


# --- credentials --------------------------------------------------------------------------------
def test_credentials_from_env_names_what_is_missing_never_values():
    credentials, problems = credentials_from_env({"BLUESKY_APP_PASSWORD": "secret-value-1"})
    assert credentials is None
    assert problems == ["missing environment variable(s): BLUESKY_HANDLE"]
    credentials, problems = credentials_from_env({})
    assert problems == ["missing environment variable(s): BLUESKY_HANDLE, BLUESKY_APP_PASSWORD"]
    env = {"BLUESKY_HANDLE": "@centre.example.org", "BLUESKY_APP_PASSWORD": " pw-123456 "}
    credentials, problems = credentials_from_env(env)
    assert problems == [] and credentials is not None
    assert (credentials.handle, credentials.service) == (
        "centre.example.org",
        "https://bsky.social",
    )
    assert credentials.secrets() == ("pw-123456",) and "pw-123456" not in repr(credentials)
    env["BLUESKY_SERVICE"] = "ftp://pds.example"
    _, problems = credentials_from_env(env)
    assert problems == ["BLUESKY_SERVICE must be an https:// URL"]
    assert all("pw-123456" not in p for p in problems)


# --- posting ------------------------------------------------------------------------------------
def test_single_post_with_facets_mention_and_card_thumbnail(pds, images):
    sender = sender_for(pds)
    payload = {
        "text": TEXT,
        "facets": [
            {
                "index": span(TEXT, "#arms"),
                "features": [{"$type": "app.bsky.richtext.facet#tag", "tag": "arms"}],
            },
            link_facet(TEXT, "vcdnp.org/will…", "https://vcdnp.org/will"),
        ],
        "embed": {
            "$type": "app.bsky.embed.external",
            "external": {
                "uri": "https://vcdnp.org/will",
                "title": "Will Biden build it?",
                "description": "A commentary",
                "thumb": f"{images.base}/card.png",
            },
        },
        "mentions_to_resolve": [
            {"index": span(TEXT, "@ana.example.org"), "handle": "ana.example.org"}
        ],
    }
    receipt = sender.send(make_step(payload))

    rkey = step_record_key(make_step(payload).token, STARTED)
    assert receipt.post_id == f"at://{pds.did}/app.bsky.feed.post/{rkey}"
    assert receipt.url == f"https://bsky.app/profile/{pds.did}/post/{rkey}"
    assert receipt.extra == {"cid": pds.records[("app.bsky.feed.post", rkey)]["cid"]}
    (record,) = pds.posts()
    value = record["value"]
    assert value["text"] == TEXT and value["langs"] == ["en"]
    assert value["createdAt"] == "2021-01-28T09:00:00.123Z"
    starts = [f["index"]["byteStart"] for f in value["facets"]]
    assert starts == sorted(starts) and len(starts) == 3
    mention = next(f for f in value["facets"] if "mention" in f["features"][0]["$type"])
    assert mention["features"][0]["did"] == "did:plc:ana"
    assert mention["index"] == span(TEXT, "@ana.example.org")
    thumb = value["embed"]["external"]["thumb"]
    assert thumb["$type"] == "blob" and thumb["mimeType"] == "image/png"
    assert thumb["size"] == len(png(2, 2)) and thumb["ref"]["$link"] in pds.blobs
    upload = next(c for c in pds.calls if c.nsid == "com.atproto.repo.uploadBlob")
    assert upload.body == png(2, 2) and upload.content_type == "image/png"
    create = next(c for c in pds.calls if c.nsid == CREATE)
    assert create.body["repo"] == pds.did and create.body["rkey"] == rkey
    assert create.authorization.startswith("Bearer ")


def test_unresolvable_mention_stays_plain_text_and_is_noted(pds):
    text = "Ask @nobody.example.net"
    payload = {
        "text": text,
        "mentions_to_resolve": [
            {"index": span(text, "@nobody.example.net"), "handle": "nobody.example.net"}
        ],
    }
    receipt = sender_for(pds).send(make_step(payload))
    assert "facets" not in pds.posts()[0]["value"]
    assert receipt.extra["note"] == "@nobody.example.net could not be resolved and is plain text"


@pytest.mark.parametrize(
    ("path", "why"),
    [
        ("/huge.png", "over Bluesky's 1,000,000 bytes"),
        ("/page", "not an image: text/html"),
        ("/missing.png", "the image answered HTTP 404"),
        ("/slow.png", "fetching the image failed: ReadTimeout"),
    ],
)
def test_thumbnail_that_cannot_be_fetched_leaves_the_card_without_it(pds, images, path, why):
    payload = {
        "text": "A card",
        "embed": {
            "$type": "app.bsky.embed.external",
            "external": {
                "uri": "https://x.org/a",
                "title": "T",
                "description": "D",
                "thumb": images.base + path,
            },
        },
    }
    receipt = sender_for(pds).send(make_step(payload))
    external = pds.posts()[0]["value"]["embed"]["external"]
    assert "thumb" not in external and external["title"] == "T"
    assert why in receipt.extra["note"] and pds.count("com.atproto.repo.uploadBlob") == 0


def test_thumbnail_the_pds_refuses_leaves_the_card_without_it(pds, images):
    pds.fail(
        "com.atproto.repo.uploadBlob",
        Fault(status=400, body={"error": "BlobTooLarge", "message": "This file is too large"}),
    )
    external = {"uri": "https://x.org/a", "title": "T", "description": "D"}
    payload = {
        "text": "A card",
        "embed": {
            "$type": "app.bsky.embed.external",
            "external": {**external, "thumb": f"{images.base}/card.png"},
        },
    }
    receipt = sender_for(pds).send(make_step(payload))
    assert pds.posts()[0]["value"]["embed"]["external"] == external
    assert "BlobTooLarge: This file is too large" in receipt.extra["note"]


def test_a_mention_that_is_not_a_handle_stays_plain_text(pds):
    text = "Ask @not a handle"
    mention = {"index": span(text, "@not a handle"), "handle": "not a handle"}
    receipt = sender_for(pds).send(make_step({"text": text, "mentions_to_resolve": [mention]}))
    assert "facets" not in pds.posts()[0]["value"] and "plain text" in receipt.extra["note"]


def test_thread_of_three_has_root_and_parent_refs_and_one_login(pds):
    sender = sender_for(pds)
    receipts: list[Receipt] = []
    for part in (1, 2, 3):
        step = make_step({"text": f"part {part}"}, part=part, parts=3, earlier=tuple(receipts))
        receipts.append(sender.send(step))
    posts = {r["value"]["text"]: r["value"] for r in pds.posts()}
    assert "reply" not in posts["part 1"]
    first = {"uri": receipts[0].post_id, "cid": receipts[0].extra["cid"]}
    second = {"uri": receipts[1].post_id, "cid": receipts[1].extra["cid"]}
    assert posts["part 2"]["reply"] == {"root": first, "parent": first}
    assert posts["part 3"]["reply"] == {"root": first, "parent": second}
    assert pds.count("com.atproto.server.createSession") == 1 and sender.logins == 1
    assert len({c.authorization for c in pds.calls if c.nsid == CREATE}) == 1


def test_a_short_lived_session_is_refreshed_not_recreated(pds):
    pds.access_ttl = 60  # atproto refreshes 15 minutes before expiry: before every call
    sender = sender_for(pds)
    for part in (1, 2):
        sender.send(make_step({"text": f"p{part}"}, part=part, parts=2))
    assert pds.count("com.atproto.server.createSession") == 1
    assert pds.count("com.atproto.server.refreshSession") >= 1 and len(pds.posts()) == 2


def test_reply_to_an_earlier_part_without_cid_is_refused_before_sending(pds):
    earlier = (Receipt("at://did:plc:x/app.bsky.feed.post/3jzfcijpj2z2a"),)
    failure = failure_of(
        lambda: sender_for(pds).send(make_step({"text": "b"}, part=2, earlier=earlier))
    )
    assert failure.outcome == "rejected" and "cid" in failure.message
    assert pds.count(CREATE) == 0


def test_invalid_post_is_rejected_with_the_servers_reason(pds):
    failure = failure_of(lambda: sender_for(pds).send(make_step({"text": "é" * 301})))
    assert failure.outcome == "rejected"
    assert "HTTP 400" in failure.message and "300 graphemes" in failure.message
    assert pds.posts() == []


# --- exactly once -------------------------------------------------------------------------------
@pytest.mark.parametrize("duplicate", ["500", "409"])
def test_retry_after_a_dropped_connection_leaves_one_post_and_returns_its_receipt(pds, duplicate):
    pds.duplicate = duplicate
    sender = sender_for(pds)
    step = make_step({"text": "once only"})
    pds.fail(CREATE, Fault(take=True, drop=True))
    failure = failure_of(lambda: sender.send(step))
    assert failure.outcome == "unknown" and len(pds.posts()) == 1

    found = sender.lookup(step)
    receipt = sender.send(step)  # the runner would not; a second process after a crash might
    assert len(pds.posts()) == 1 and pds.count(CREATE) == 2
    assert found == receipt and receipt.extra["cid"] == pds.posts()[0]["cid"]


def test_retry_after_a_read_timeout_settles_on_the_post_that_was_taken(pds):
    sender = sender_for(pds, timeout=0.3)
    step = make_step({"text": "slow"})
    pds.fail(CREATE, Fault(take=True, status=200, delay=0.8))
    failure = failure_of(lambda: sender.send(step))
    assert failure.outcome == "unknown" and "ReadTimeout" in failure.message
    receipt = sender.send(step)
    assert len(pds.posts()) == 1 and receipt.post_id.endswith(step_record_key(step.token, STARTED))


def test_a_key_holding_someone_elses_post_is_not_taken_for_ours(pds):
    sender = sender_for(pds)
    step = make_step({"text": "ours"})
    sender.send(make_step({"text": "theirs"}))  # same token and time: same key, other text
    failure = failure_of(lambda: sender.send(step))
    assert failure.outcome == "rejected" and "holds a different post" in failure.message


def test_lookup_finds_the_post_or_says_it_is_not_there(pds):
    sender = sender_for(pds)
    step = make_step({"text": "look me up"})
    assert sender.lookup(step) is None
    receipt = sender.send(step)
    assert sender.lookup(step) == receipt
    assert sender.lookup(make_step({"text": "x"}, part=2)) is None


def test_lookup_that_cannot_tell_is_unknown(pds):
    sender = sender_for(pds)
    pds.fail("com.atproto.repo.getRecord", Fault(status=502))
    assert failure_of(lambda: sender.lookup(make_step({"text": "a"}))).outcome == "unknown"
    pds.fail("com.atproto.server.createSession", Fault(status=429))
    assert failure_of(lambda: sender_for(pds).lookup(make_step({"text": "a"}))).outcome == "unknown"


# --- failures -----------------------------------------------------------------------------------
def test_rate_limited_with_reset_time(pds):
    reset = 1_611_828_000
    pds.fail(
        CREATE,
        Fault(
            status=429,
            body={"error": "RateLimitExceeded", "message": "Rate Limit Exceeded"},
            headers={
                "ratelimit-limit": "5000",
                "ratelimit-remaining": "0",
                "ratelimit-reset": str(reset),
            },
        ),
    )
    failure = failure_of(lambda: sender_for(pds).send(make_step({"text": "a"})))
    assert failure.outcome == "rate-limited" and failure.reset_at == reset
    assert "RateLimitExceeded" in failure.message and pds.posts() == []


def test_rate_limited_login_without_reset(pds):
    pds.fail(
        "com.atproto.server.createSession", Fault(status=429, body={"error": "RateLimitExceeded"})
    )
    failure = failure_of(lambda: sender_for(pds).send(make_step({"text": "a"})))
    assert failure.outcome == "rate-limited" and failure.reset_at is None


@pytest.mark.parametrize(
    ("fault", "outcome"),
    [
        (Fault(status=500), "unknown"),
        (Fault(status=502, body={"error": "UpstreamFailure"}), "unknown"),
        (Fault(status=504, body=b"<html>gateway</html>"), "unknown"),
        (Fault(status=503, body={"error": "NotEnoughResources", "message": "busy"}), "not-sent"),
        (Fault(status=400, body={"error": "InvalidRequest", "message": "bad"}), "rejected"),
        (Fault(status=413, body={"error": "PayloadTooLarge"}), "rejected"),
        (
            Fault(status=400, body={"error": "ExpiredToken", "message": "Token has expired"}),
            "not-sent",
        ),
    ],
)
def test_create_record_failures_are_classified(pds, fault, outcome):
    sender = sender_for(pds)
    pds.fail(CREATE, fault)
    failure = failure_of(lambda: sender.send(make_step({"text": "a"})))
    assert failure.outcome == outcome, failure.message
    assert f"HTTP {fault.status}" in failure.message and pds.posts() == []


def test_expired_token_logs_in_again_on_the_next_attempt(pds):
    sender = sender_for(pds)
    pds.fail(CREATE, Fault(status=400, body={"error": "ExpiredToken", "message": "expired"}))
    assert failure_of(lambda: sender.send(make_step({"text": "a"}))).outcome == "not-sent"
    sender.send(make_step({"text": "a"}))
    assert pds.count("com.atproto.server.createSession") == 2 and len(pds.posts()) == 1


def test_500_on_a_fresh_key_is_settled_by_reading_it_back_then_unknown(pds):
    pds.fail(CREATE, Fault(status=500))
    sender = sender_for(pds)
    assert failure_of(lambda: sender.send(make_step({"text": "a"}))).outcome == "unknown"
    assert pds.count("com.atproto.repo.getRecord") == 1  # the duplicate check


def test_500_after_the_record_was_taken_returns_its_receipt(pds):
    pds.fail(CREATE, Fault(status=500, take=True))
    receipt = sender_for(pds).send(make_step({"text": "a"}))
    assert len(pds.posts()) == 1 and receipt.extra["cid"] == pds.posts()[0]["cid"]


def test_read_timeout_without_the_write_is_unknown(pds):
    pds.fail(CREATE, Fault(hang=True))
    sender = sender_for(pds, timeout=0.3)
    failure = failure_of(lambda: sender.send(make_step({"text": "a"})))
    pds.release.set()
    assert failure.outcome == "unknown" and pds.posts() == []
    assert sender.lookup(make_step({"text": "a"})) is None


def test_refused_connection_is_not_sent():
    credentials = BlueskyCredentials(
        "centre.example.org", PASSWORD, f"http://127.0.0.1:{free_port()}"
    )
    failure = failure_of(
        lambda: BlueskySender(credentials, timeout=1.0).send(make_step({"text": "a"}))
    )
    assert failure.outcome == "not-sent" and "could not connect" in failure.message


def test_wrong_app_password_is_rejected_without_the_password(pds):
    wrong = "wxyz-wxyz-wxyz-wxyz"
    failure = failure_of(lambda: sender_for(pds, password=wrong).send(make_step({"text": "a"})))
    assert failure.outcome == "rejected"
    assert "refused the login of centre.example.org" in failure.message
    assert "BLUESKY_APP_PASSWORD" in failure.message and wrong not in failure.message
    assert pds.count(CREATE) == 0


def test_failures_before_the_write_are_not_sent(pds, images):
    payload = {
        "text": "Ask @ana.example.org",
        "mentions_to_resolve": [
            {"index": span("Ask @ana.example.org", "@ana.example.org"), "handle": "ana.example.org"}
        ],
    }
    pds.fail("com.atproto.identity.resolveHandle", Fault(status=502))
    assert failure_of(lambda: sender_for(pds).send(make_step(payload))).outcome == "not-sent"
    card = {
        "text": "card",
        "embed": {
            "$type": "app.bsky.embed.external",
            "external": {
                "uri": "https://x.org",
                "title": "t",
                "description": "d",
                "thumb": f"{images.base}/card.png",
            },
        },
    }
    pds.fail("com.atproto.repo.uploadBlob", Fault(take=True, drop=True))
    assert failure_of(lambda: sender_for(pds).send(make_step(card))).outcome == "not-sent"
    assert pds.posts() == []


def test_secrets_never_in_any_failure_message(pds, caplog):
    caplog.set_level(logging.DEBUG)
    sender = sender_for(pds)
    sender.send(make_step({"text": "first"}))  # a live session: tokens exist
    tokens = sender.secrets()
    assert PASSWORD in tokens and len(tokens) == 3
    # A server that echoes the bearer token and the password in its error message.
    echo = f"bad token {tokens[1]} for password {PASSWORD}"
    messages = []
    for fault in (
        Fault(status=400, body={"error": "InvalidRequest", "message": echo}),
        Fault(status=500, body={"error": "InternalServerError", "message": echo}),
        Fault(status=429, body={"error": "RateLimitExceeded", "message": echo}),
        Fault(take=True, drop=True),
    ):
        pds.fail(CREATE, fault)
        messages.append(
            failure_of(lambda: sender.send(make_step({"text": "again"}, part=2))).message
        )
        pds.records.clear()
    for message in messages:
        assert all(secret not in message for secret in tokens), message
    assert "***" in messages[0]
    assert all(secret not in caplog.text for secret in tokens)
