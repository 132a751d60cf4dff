"""LinkedIn publishing against a LinkedIn REST stand-in on 127.0.0.1: httpx's own HTTP code runs
(no MockTransport), the server checks what LinkedIn checks."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime
from types import SimpleNamespace

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.publish.channel import Step, step_token
from pipeline.publish.credentials import configured
from pipeline.publish.faults import SendFailure
from pipeline.publish.linkedin import (
    API_VERSION,
    DAILY_CAP,
    RESERVED,
    LinkedInCredentials,
    LinkedInSender,
    credentials_from_env,
    little_text,
    next_utc_midnight,
)
from tests.localhttp import free_port, png
from tests.publish.fixtures import NOW
from tests.publish.linkedin_server import ACTIVE_VERSIONS, Fault, LinkedInApi, render_little

TOKEN = "AQVfakeLINKEDINaccessTOKEN_0123456789abcdefXYZ"
ORG = "urn:li:organization:2414183"
IMAGE = png(4, 3)
TEXT = "Will the deal hold? Three reasons it might.\n\nRead more: https://example.org/c/first"


@pytest.fixture
def api() -> Iterator[LinkedInApi]:
    server = LinkedInApi(token=TOKEN, organization=ORG)
    server.now = lambda: NOW.timestamp()
    server.site["/images/first.png"] = ("image/png", IMAGE)
    yield server
    server.close()


def sender_for(base: str, *, token: str = TOKEN, org: str = ORG, read: float = 2.0):
    return LinkedInSender(
        LinkedInCredentials(token, org),
        base_url=base,
        timeout=httpx.Timeout(read, connect=1.0),
        clock=lambda: NOW.timestamp(),
    )


@pytest.fixture
def sender(api: LinkedInApi) -> Iterator[LinkedInSender]:
    with sender_for(api.base) as client:
        yield client


def make_step(api: LinkedInApi, text: str = TEXT, *, image: bool = True, **context) -> Step:
    facts = {
        "url": "https://example.org/commentary/first-piece",
        "title": "Will the deal hold?",
        "description": "Three reasons it might, and one it might not.",
        "language": "en",
        "image": {"url": f"{api.base}/images/first.png", "alt": "The signing"} if image else None,
        **context,
    }
    return Step(
        channel="linkedin",
        key="first-piece",
        content_hash="c" * 64,
        part=1,
        parts=1,
        payload={"network": "linkedin", "kind": "single", "index": 0, "text": text},
        context=facts,
        token=step_token("linkedin", "first-piece", "c" * 64, 1),
        started_at=NOW,
    )


def failure(sender: LinkedInSender, step: Step) -> SendFailure:
    """The send's SendFailure; every one is checked for the token."""
    with pytest.raises(SendFailure) as caught:
        sender.send(step)
    exc = caught.value
    for shown in (str(exc), repr(exc), exc.message, repr(exc.args)):
        assert TOKEN not in shown
    return exc


def wait_for(predicate, seconds: float = 3.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.01)
    return predicate()


# --- the post ----------------------------------------------------------------------------
def test_article_share_with_title_description_and_thumbnail(api, sender):
    receipt = sender.send(make_step(api))
    assert receipt.post_id == api.posts[0]["urn"]
    assert receipt.post_id.startswith("urn:li:share:")
    assert receipt.url == f"https://www.linkedin.com/feed/update/{receipt.post_id}/"
    assert receipt.extra == {}
    body = api.posts[0]["body"]
    thumbnail = body["content"]["article"]["thumbnail"]
    assert body == {
        "author": ORG,
        "commentary": body["commentary"],
        "visibility": "PUBLIC",
        "distribution": {
            "feedDistribution": "MAIN_FEED",
            "targetEntities": [],
            "thirdPartyDistributionChannels": [],
        },
        "content": {
            "article": {
                "source": "https://example.org/commentary/first-piece",
                "title": "Will the deal hold?",
                "description": "Three reasons it might, and one it might not.",
                "thumbnail": thumbnail,
            }
        },
        "lifecycleState": "PUBLISHED",
        "isReshareDisabledByAuthor": False,
    }
    assert api.rendered() == [TEXT] and not api.posts[0]["truncated"]
    # The thumbnail: initialized for the organization, the site's bytes uploaded, then used.
    assert api.images[thumbnail] == {"owner": ORG, "uploaded": True, "bytes": IMAGE}
    routes = [(r["method"], r["path"]) for r in api.requests]
    assert routes == [
        ("GET", "/images/first.png"),
        ("POST", "/rest/images"),
        ("PUT", f"/dms-uploads/{thumbnail.rsplit(':', 1)[-1]}"),
        ("POST", "/rest/posts"),
    ]
    # The website never sees LinkedIn's token or headers.
    site_request = api.requests[0]["headers"]
    assert "authorization" not in site_request and "linkedin-version" not in site_request


def test_a_post_without_an_image_has_no_thumbnail_and_no_upload(api, sender):
    sender.send(make_step(api, image=False))
    assert "thumbnail" not in api.posts[0]["body"]["content"]["article"]
    assert [r["path"] for r in api.requests] == ["/rest/posts"]


RESERVED_TEXT = (
    "Costs (in $) rose [est.] by {a lot}: <30% | not 50%>. Mail @press_office, see "
    "item #4 and C#d; a\\b; *bold*, _under_score_, ~tilde~ and a url "
    "https://example.org/a_(b)/#frag?x=1&y=[2]. #NuclearPolicy #north_korea (#Iran)"
)


def test_every_reserved_character_is_rendered_exactly(api, sender):
    assert set(RESERVED) <= set(RESERVED_TEXT)
    sender.send(make_step(api, RESERVED_TEXT, image=False))
    post = api.posts[0]
    assert post["rendered"] == RESERVED_TEXT and not post["truncated"]
    # Hashtags stay hashtags; "#4" and "C#d" are text; no mention is made of "@press_office".
    assert post["hashtags"] == ["NuclearPolicy", "north_korea", "Iran"]
    assert post["mentions"] == []


def test_the_stand_in_cuts_unescaped_markup_as_linkedin_does(api, sender):
    # The same text sent as it is: LinkedIn reads "(" as markup and drops the rest.
    response = sender.client.post(
        "/rest/posts",
        json={
            "author": ORG,
            "commentary": RESERVED_TEXT,
            "visibility": "PUBLIC",
            "distribution": {"feedDistribution": "MAIN_FEED"},
            "lifecycleState": "PUBLISHED",
            "isReshareDisabledByAuthor": False,
        },
    )
    assert response.status_code == 201
    assert api.posts[0]["truncated"] and api.posts[0]["rendered"] == "Costs "


@given(st.text(alphabet=sorted(RESERVED) + list("ab1 _#\n＃é"), max_size=60))
def test_little_text_renders_back_to_the_draft(text):
    rendered = render_little(little_text(text))
    assert rendered["text"] == text and not rendered["truncated"]


def test_too_long_a_draft_is_refused_before_anything_is_sent(api, sender):
    exc = failure(sender, make_step(api, "é" * 3001))
    assert exc.outcome == "rejected" and "3001" in exc.message
    assert api.requests == []


def test_a_thread_is_not_a_linkedin_draft(api, sender):
    step = make_step(api)
    exc = failure(sender, Step(**{**step.__dict__, "part": 2, "parts": 2}))
    assert exc.outcome == "rejected" and api.requests == []


# --- the version ---------------------------------------------------------------------------
def test_the_version_header_is_pinned_and_sent_on_every_request(api, sender):
    assert len(API_VERSION) == 6 and API_VERSION.isdigit()
    assert API_VERSION in ACTIVE_VERSIONS
    sender.send(make_step(api))
    to_linkedin = [r for r in api.requests if r["path"] != "/images/first.png"]
    assert len(to_linkedin) == 3
    for request in to_linkedin:
        assert request["headers"]["linkedin-version"] == API_VERSION
        assert request["headers"]["x-restli-protocol-version"] == "2.0.0"
        assert request["headers"]["authorization"] == f"Bearer {TOKEN}"


def test_a_sunset_version_is_rejected_saying_what_to_change(api, sender):
    sender.client.headers["LinkedIn-Version"] = "202401"
    exc = failure(sender, make_step(api, image=False))
    assert exc.outcome == "rejected"
    assert "426" in exc.message and "NONEXISTENT_VERSION" in exc.message
    assert "API_VERSION" in exc.message and api.posts == []


# --- rate limits ---------------------------------------------------------------------------
def test_429_is_rate_limited_until_the_next_utc_midnight(api, sender):
    api.daily_limit = 1
    sender.send(make_step(api, "first", image=False))
    exc = failure(sender, make_step(api, "second", image=False))
    assert exc.outcome == "rate-limited" and "TOO_MANY_REQUESTS" in exc.message
    assert exc.reset_at == datetime(2021, 1, 29, tzinfo=UTC).timestamp()
    assert len(api.posts) == 1


def test_429_reset_is_read_from_linkedins_clock_not_ours(api):
    api.now = lambda: datetime(2021, 1, 28, 23, 59, 30, tzinfo=UTC).timestamp()
    api.script["posts"] = [Fault(429, {"status": 429, "code": "TOO_MANY_REQUESTS"})]
    with sender_for(api.base) as client:  # its own clock says 09:00
        exc = failure(client, make_step(api, image=False))
    assert exc.reset_at == datetime(2021, 1, 29, tzinfo=UTC).timestamp()


def test_429_with_retry_after_waits_that_long(api, sender):
    api.script["posts"] = [Fault(429, {"status": 429}, {"Retry-After": "30"})]
    exc = failure(sender, make_step(api, image=False))
    assert exc.outcome == "rate-limited" and exc.reset_at == NOW.timestamp() + 30


def test_next_utc_midnight():
    assert next_utc_midnight(datetime(2021, 1, 28, 0, 0, tzinfo=UTC).timestamp()) == (
        datetime(2021, 1, 29, tzinfo=UTC).timestamp()
    )
    assert DAILY_CAP == 150


# --- faults --------------------------------------------------------------------------------
@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_5xx_is_unknown_and_never_retried(api, sender, status):
    api.script["posts"] = [Fault(status, {"status": status, "message": "Internal error"})]
    exc = failure(sender, make_step(api, image=False))
    assert exc.outcome == "unknown" and str(status) in exc.message
    assert len([r for r in api.requests if r["path"] == "/rest/posts"]) == 1


def test_500_after_the_post_was_made_is_why_5xx_is_unknown(api, sender):
    api.script["posts"] = [Fault(500, {"status": 500}, take=True)]
    assert failure(sender, make_step(api, image=False)).outcome == "unknown"
    assert len(api.posts) == 1  # it is on the page


def test_read_timeout_is_unknown_and_the_post_may_exist(api):
    api.script["posts"] = [Fault(delay=0.5)]
    with sender_for(api.base, read=0.15) as client:
        exc = failure(client, make_step(api, image=False))
    assert exc.outcome == "unknown" and "did not answer in time" in exc.message
    assert wait_for(lambda: len(api.posts) == 1)


def test_post_taken_then_connection_dropped_is_unknown(api, sender):
    api.script["posts"] = [Fault(take=True, drop=True)]
    exc = failure(sender, make_step(api, image=False))
    assert exc.outcome == "unknown" and "broke after the request" in exc.message
    assert len(api.posts) == 1


def test_refused_connection_is_not_sent():
    with sender_for(f"http://127.0.0.1:{free_port()}") as client:
        exc = failure(client, make_step(SimpleNamespace(base="http://127.0.0.1:9"), image=False))
    assert exc.outcome == "not-sent" and "could not connect" in exc.message


def test_201_without_the_post_urn_is_unknown(api, sender):
    api.script["posts"] = [Fault(201, b"")]
    exc = failure(sender, make_step(api, image=False))
    assert exc.outcome == "unknown" and "x-restli-id" in exc.message


def test_the_same_post_twice_is_a_duplicate(api, sender):
    first = sender.send(make_step(api, image=False))
    exc = failure(sender, make_step(api, image=False))
    assert exc.outcome == "duplicate" and first.post_id in exc.message
    assert len(api.posts) == 1


# --- refusals ------------------------------------------------------------------------------
def test_an_unknown_token_is_rejected_without_the_token(api):
    with sender_for(api.base, token="AQVsomeOTHERtoken000000000000") as client:
        exc = failure(client, make_step(api, image=False))
    assert exc.outcome == "rejected" and "401" in exc.message
    assert "AQVsomeOTHERtoken" not in exc.message


def test_an_expired_token_is_rejected_saying_tokens_last_60_days(api, sender):
    api.expired = True
    exc = failure(sender, make_step(api, image=False))
    assert exc.outcome == "rejected" and "EXPIRED_ACCESS_TOKEN" in exc.message
    assert "60 days" in exc.message and "LINKEDIN_ACCESS_TOKEN" in exc.message


def test_posting_as_another_organization_is_rejected_as_forbidden(api):
    with sender_for(api.base, org="urn:li:organization:1") as client:
        exc = failure(client, make_step(api, image=False))
    assert exc.outcome == "rejected" and "403" in exc.message
    assert "w_organization_social" in exc.message and api.posts == []


def test_422_is_rejected_with_linkedins_message(api, sender):
    api.script["posts"] = [
        Fault(422, {"status": 422, "message": "ERROR :: /content/article/source :: bad URL"})
    ]
    exc = failure(sender, make_step(api, image=False))
    assert exc.outcome == "rejected" and "/content/article/source :: bad URL" in exc.message


def test_linkedins_message_never_carries_the_token_back(api, sender):
    api.script["posts"] = [Fault(400, {"status": 400, "message": f"bad header Bearer {TOKEN}"})]
    exc = failure(sender, make_step(api, image=False))
    assert exc.outcome == "rejected" and "***" in exc.message


# --- the thumbnail's faults go without the thumbnail ---------------------------------------
@pytest.mark.parametrize(
    ("route", "fault", "said"),
    [
        ("site", Fault(404, {"message": "gone"}), "answered 404"),
        ("site", Fault(200, b"<html>not an image</html>"), "not a JPEG, PNG or GIF"),
        ("images", Fault(500, {"status": 500}), "500"),
        ("upload", Fault(500, {"status": 500}), "500"),
        ("upload", Fault(drop=True), "uploading the image"),
    ],
)
def test_a_thumbnail_that_fails_leaves_the_post_without_it(api, sender, route, fault, said):
    api.script[route] = [fault]
    receipt = sender.send(make_step(api))
    assert receipt.post_id == api.posts[0]["urn"]
    assert "thumbnail" not in api.posts[0]["body"]["content"]["article"]
    assert receipt.extra["note"].startswith("posted without the thumbnail")
    assert said in receipt.extra["note"] and TOKEN not in receipt.extra["note"]


def test_an_oversized_image_is_not_fetched_whole(api):
    api.site["/images/first.png"] = ("image/png", IMAGE + b"\0" * 4096)
    creds = LinkedInCredentials(TOKEN, ORG)
    with LinkedInSender(creds, base_url=api.base, image_max_bytes=1024) as client:
        receipt = client.send(make_step(api))
    assert "over 1024 bytes" in receipt.extra["note"]
    assert "thumbnail" not in api.posts[0]["body"]["content"]["article"]


def test_an_image_urn_must_be_uploaded_before_it_is_used(api, sender):
    init = sender.client.post(
        "/rest/images",
        params={"action": "initializeUpload"},
        json={"initializeUploadRequest": {"owner": ORG}},
    )
    urn = init.json()["value"]["image"]
    response = sender.client.post(
        "/rest/posts",
        json={
            "author": ORG,
            "commentary": "x",
            "visibility": "PUBLIC",
            "distribution": {"feedDistribution": "MAIN_FEED"},
            "content": {
                "article": {"source": "https://example.org/", "title": "t", "thumbnail": urn}
            },
            "lifecycleState": "PUBLISHED",
            "isReshareDisabledByAuthor": False,
        },
    )
    assert response.status_code == 422 and "has not been uploaded" in response.json()["message"]


# --- lookup --------------------------------------------------------------------------------
def test_lookup_cannot_tell_so_a_person_checks(api, sender):
    with pytest.raises(SendFailure) as caught:
        sender.lookup(make_step(api))
    assert caught.value.outcome == "unknown"
    assert "https://www.linkedin.com/company/2414183/" in caught.value.message
    assert api.requests == []


# --- credentials ---------------------------------------------------------------------------
def test_credentials_from_the_environment():
    for organization in ("2414183", "urn:li:organization:2414183", " 2414183 "):
        creds, problems = credentials_from_env(
            {"LINKEDIN_ACCESS_TOKEN": TOKEN, "LINKEDIN_ORGANIZATION": organization}
        )
        assert problems == [] and creds is not None
        assert creds.organization == ORG and creds.secrets() == (TOKEN,)
        assert TOKEN not in repr(creds)


def test_credential_problems_are_listed_together_without_values():
    assert credentials_from_env({}) == (
        None,
        ["LINKEDIN_ACCESS_TOKEN is not set", "LINKEDIN_ORGANIZATION is not set"],
    )
    assert not configured({}, "linkedin") and configured({"LINKEDIN_ORGANIZATION": "1"}, "linkedin")
    creds, problems = credentials_from_env(
        {"LINKEDIN_ACCESS_TOKEN": "has space SECRETVALUE", "LINKEDIN_ORGANIZATION": "acme-inc"}
    )
    assert creds is None and len(problems) == 2
    assert all("SECRETVALUE" not in p and "acme-inc" not in p for p in problems)
    assert "urn:li:organization:<number>" in problems[1]
    _, problems = credentials_from_env(
        {"LINKEDIN_ACCESS_TOKEN": TOKEN, "LINKEDIN_ORGANIZATION": "urn:li:person:5"}
    )
    assert problems and "LINKEDIN_ORGANIZATION" in problems[0]


# --- the stand-in checks what LinkedIn checks -----------------------------------------------
def minimal_post(**overrides):
    return {
        "author": ORG,
        "commentary": "x",
        "visibility": "PUBLIC",
        "distribution": {"feedDistribution": "MAIN_FEED"},
        "lifecycleState": "PUBLISHED",
        "isReshareDisabledByAuthor": False,
        **overrides,
    }


@pytest.mark.parametrize(
    ("headers", "status", "said"),
    [
        ({"LinkedIn-Version": ""}, 400, "VERSION_MISSING"),
        ({"LinkedIn-Version": "202511"}, 426, "Requested version 202511 is not active"),
        ({"X-Restli-Protocol-Version": "1.0.0"}, 400, "X-Restli-Protocol-Version"),
        ({"Authorization": "Bearer nope"}, 401, "INVALID_ACCESS_TOKEN"),
    ],
)
def test_the_stand_in_refuses_bad_headers(api, sender, headers, status, said):
    response = sender.client.post("/rest/posts", json=minimal_post(), headers=headers)
    assert response.status_code == status and said in response.text and api.posts == []


@pytest.mark.parametrize(
    ("overrides", "said"),
    [
        ({"commentary": "é" * 3001}, "/commentary :: length must be at most 3000"),
        ({"commentary": None}, "/commentary"),
        ({"visibility": "FRIENDS"}, "/visibility"),
        ({"distribution": {}}, "/distribution/feedDistribution"),
        ({"lifecycleState": None}, "/lifecycleState"),
        ({"isReshareDisabledByAuthor": None}, "/isReshareDisabledByAuthor"),
        ({"content": {"article": {"source": "https://example.org/"}}}, "/content/article/title"),
        ({"content": {"article": {"title": "t"}}}, "/content/article/source"),
    ],
)
def test_the_stand_in_refuses_bad_posts(api, sender, overrides, said):
    response = sender.client.post("/rest/posts", json=minimal_post(**overrides))
    assert response.status_code == 422 and said in response.json()["message"]
    assert api.posts == []


def test_the_runner_counts_linkedins_daily_cap_as_the_module_states():
    from pipeline.publish.linkedin import DAILY_CAP
    from pipeline.publish.run import DAILY_CAPS

    assert DAILY_CAPS["linkedin"] == DAILY_CAP
