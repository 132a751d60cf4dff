"""Posting to X with tweepy's `Client.create_tweet`: the only module that imports tweepy.

`XPoster.create_tweet(kwargs)` sends one post and returns its id, or raises SendFailure saying
whether the request can have taken effect. Retrying, waiting and the ledger are the runner's.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import requests
import tweepy
import urllib3.exceptions
from requests.adapters import HTTPAdapter

from pipeline.publish.credentials import XCredentials
from pipeline.publish.faults import FailureOutcome, SendFailure

API_HOST = "https://api.twitter.com"
DEFAULT_TIMEOUT = (5.0, 30.0)
"""(connect, read) seconds. tweepy passes no timeout to requests: without one a stalled
connection would hang the publish run for ever."""
CREATE_TWEET_ARGUMENTS = frozenset(
    {
        "direct_message_deep_link",
        "for_super_followers_only",
        "place_id",
        "media_ids",
        "media_tagged_user_ids",
        "poll_duration_minutes",
        "poll_options",
        "quote_tweet_id",
        "exclude_reply_user_ids",
        "in_reply_to_tweet_id",
        "reply_settings",
        "text",
        "community_id",
    }
)


class TimeoutAdapter(HTTPAdapter):
    """A transport adapter that gives every request a timeout and never retries by itself."""

    def __init__(self, timeout: tuple[float, float] = DEFAULT_TIMEOUT) -> None:
        super().__init__(max_retries=0)
        self.timeout = timeout

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        if kwargs.get("timeout") is None:
            kwargs["timeout"] = self.timeout
        return super().send(request, **kwargs)


class XPoster:
    """One authenticated tweepy Client. `client.session` is a requests.Session: tests mount an
    adapter on it that sends https://api.twitter.com to a server on 127.0.0.1."""

    def __init__(
        self, credentials: XCredentials, *, timeout: tuple[float, float] = DEFAULT_TIMEOUT
    ) -> None:
        self.client = tweepy.Client(
            consumer_key=credentials.consumer_key,
            consumer_secret=credentials.consumer_secret,
            access_token=credentials.access_token,
            access_token_secret=credentials.access_token_secret,
            wait_on_rate_limit=False,  # the runner waits, bounded, with its injected clock
        )
        self.client.session.mount("https://", TimeoutAdapter(timeout))
        self.client.session.hooks["response"].append(_drop_bad_reset_header)

    def create_tweet(self, kwargs: Mapping[str, Any]) -> str:
        """Post once; return the new post's id. Raises SendFailure."""
        unknown = set(kwargs) - CREATE_TWEET_ARGUMENTS
        if unknown:
            raise SendFailure("rejected", f"not create_tweet arguments: {sorted(unknown)}")
        try:
            response = self.client.create_tweet(**kwargs, user_auth=True)
        except tweepy.TooManyRequests as exc:
            raise SendFailure(
                "rate-limited", _describe(exc), reset_at=_reset_time(exc.response)
            ) from None
        except tweepy.TwitterServerError as exc:
            # 503: the service did not take the request. 500/502/504: it may have.
            outcome: FailureOutcome = "not-sent" if _status(exc) == 503 else "unknown"
            raise SendFailure(outcome, _describe(exc)) from None
        except tweepy.Forbidden as exc:
            if "duplicate" in str(exc).lower():
                raise SendFailure("duplicate", _describe(exc)) from None
            raise SendFailure("rejected", _describe(exc)) from None
        except tweepy.HTTPException as exc:
            raise SendFailure("rejected", _describe(exc)) from None
        except requests.exceptions.ConnectTimeout:
            raise SendFailure("not-sent", "connection to X timed out") from None
        except requests.exceptions.ConnectionError as exc:
            if _never_connected(exc):
                raise SendFailure("not-sent", "could not connect to X") from None
            raise SendFailure("unknown", "connection to X broke after the request") from None
        except requests.exceptions.RequestException as exc:
            raise SendFailure("unknown", f"{type(exc).__name__} talking to X") from None
        data = response.data if isinstance(response, tweepy.Response) else None
        post_id = data.get("id") if isinstance(data, dict) else None
        if not post_id:
            raise SendFailure("unknown", "X answered without a post id")
        return str(post_id)


def _drop_bad_reset_header(response: requests.Response, *args: Any, **kwargs: Any) -> None:
    """tweepy calls int() on `x-rate-limit-reset` of a 429 and raises ValueError on anything
    else, hiding that X refused the post. A reset that is not a number is dropped here (before
    tweepy sees the response), so the refusal reads as a 429 without a reset time."""
    value = response.headers.get("x-rate-limit-reset")
    if value is not None and not value.strip().isdigit():
        del response.headers["x-rate-limit-reset"]


def _status(exc: tweepy.HTTPException) -> int:
    return int(getattr(exc.response, "status_code", 0))


def _describe(exc: tweepy.HTTPException) -> str:
    # tweepy's message: "403 Forbidden\n<api messages>" (the response, never the request).
    return "X answered " + " - ".join(part for part in str(exc).splitlines() if part)


def _reset_time(response: Any) -> float | None:
    value = getattr(response, "headers", {}).get("x-rate-limit-reset")
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def _never_connected(exc: requests.exceptions.ConnectionError) -> bool:
    """True when the TCP connection was never made, so no byte of the request was sent."""
    reason: Any = exc.args[0] if exc.args else None
    reason = getattr(reason, "reason", reason)  # MaxRetryError wraps the cause
    return isinstance(reason, urllib3.exceptions.NewConnectionError)
