"""Posting to Bluesky with `atproto`: the only module that imports atproto.

`BlueskySender.send(step)` creates one `app.bsky.feed.post` record with
`com.atproto.repo.createRecord` under a record key derived from the step (`tid.step_record_key`:
the same on every attempt), so a retry after an unknown outcome cannot make a second post: the
repository refuses a key it holds, and the sender then reads the record back (`getRecord`) and
returns its receipt. Failures are SendFailures saying whether the post can exist; retrying,
waiting and the ledger are the runner's.

The session: one app-password login (`createSession`, tightly rate-limited by Bluesky) on the
first call, reused for every later step of the run; atproto refreshes it before it expires.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, NoReturn

import httpx
from atproto import Client, models
from atproto_client.exceptions import (
    BadRequestError,
    LoginRequiredError,
    ModelError,
    RateLimitExceededError,
    RequestErrorBase,
    UnauthorizedError,
)
from atproto_client.models.common import XrpcError
from atproto_client.models.utils import get_model_as_dict, get_response_model
from atproto_client.request import Request

from pipeline.publish.channel import Receipt, Step
from pipeline.publish.credentials import CHANNEL_VARIABLES, Redactor
from pipeline.publish.faults import FailureOutcome, SendFailure
from pipeline.publish.images import Refused, fetch_image
from pipeline.publish.tid import step_record_key

VARIABLES = CHANNEL_VARIABLES["bluesky"]
SERVICE_VARIABLE = "BLUESKY_SERVICE"
"""Optional: the PDS or entryway to log in to; the session then names the account's own PDS."""
DEFAULT_SERVICE = "https://bsky.social"
POST_COLLECTION = "app.bsky.feed.post"
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=5.0)
THUMB_MAX_BYTES = 1_000_000
"""`app.bsky.embed.external#external.thumb`: `accept: image/*`, `maxSize: 1000000`."""
THUMB_TIMEOUT = httpx.Timeout(10.0, connect=5.0)
MESSAGE_LIMIT = 400


@dataclass(frozen=True)
class BlueskyCredentials:
    """An app password (Settings → Privacy and security → App passwords), never the account's
    main password: an app password cannot change the account's settings."""

    handle: str
    app_password: str = field(repr=False)
    service: str = DEFAULT_SERVICE

    def secrets(self) -> tuple[str, ...]:
        return (self.app_password,)


def credentials_from_env(env: Mapping[str, str]) -> tuple[BlueskyCredentials | None, list[str]]:
    """The credentials, or None and every problem (variables by name, never their values)."""
    problems: list[str] = []
    missing = [name for name in VARIABLES if not env.get(name, "").strip()]
    if missing:
        problems.append("missing environment variable(s): " + ", ".join(missing))
    handle = env.get("BLUESKY_HANDLE", "").strip().removeprefix("@")
    if handle and (" " in handle or ("." not in handle and not handle.startswith("did:"))):
        problems.append("BLUESKY_HANDLE must be a handle such as name.bsky.social (or a DID)")
    service = env.get(SERVICE_VARIABLE, "").strip() or DEFAULT_SERVICE
    if not service.startswith(("https://", "http://127.0.0.1", "http://localhost")):
        problems.append(f"{SERVICE_VARIABLE} must be an https:// URL")
    if problems:
        return None, problems
    return BlueskyCredentials(handle, env["BLUESKY_APP_PASSWORD"].strip(), service.rstrip("/")), []


class BlueskySender:
    """A Sender (pipeline.publish.channel) for one Bluesky account."""

    def __init__(
        self,
        credentials: BlueskyCredentials,
        *,
        service: str | None = None,
        timeout: httpx.Timeout | float = DEFAULT_TIMEOUT,
        thumb_timeout: httpx.Timeout | float = THUMB_TIMEOUT,
    ) -> None:
        self.credentials = credentials
        self.service = (service or credentials.service).rstrip("/")
        self.timeout = timeout
        self.client = Client(base_url=self.service, request=Request(timeout=timeout))
        self.thumb_timeout = thumb_timeout
        self.logins = 0
        self._did: str | None = None
        self._images: httpx.Client | None = None

    def close(self) -> None:
        """Close the HTTP connections (the end of a run)."""
        self.client.request.close()
        if self._images is not None:
            self._images.close()

    def secrets(self) -> tuple[str, ...]:
        """The app password and the session's tokens: what the redactor must also know."""
        found = list(self.credentials.secrets())
        session = self.client._session
        if session is not None:
            found.extend((session.access_jwt, session.refresh_jwt))
        return tuple(found)

    # --- the contract ----------------------------------------------------------------------
    def send(self, step: Step) -> Receipt:
        """Create the step's post once; its receipt, or SendFailure."""
        did = self._login()
        rkey = step_record_key(step.token, step.started_at)
        notes: list[str] = []
        try:
            record = self._record(step, notes)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise SendFailure(
                "rejected",
                f"the Bluesky draft of {step.key} part {step.part} is malformed: {exc!r}",
            ) from None
        body = {"repo": did, "collection": POST_COLLECTION, "rkey": rkey, "record": record}
        try:
            response = self.client.invoke_procedure(
                "com.atproto.repo.createRecord",
                content=json.dumps(body, ensure_ascii=False).encode("utf-8"),
                headers={"Content-Type": "application/json"},
            )
        except Exception as exc:  # atproto and httpx errors, classified below
            if _may_be_taken_key(exc):
                # The reference PDS answers 500 for a key it holds (atproto#3718), newer ones
                # 409 RecordAlreadyExists: read the record back before saying anything.
                existing = self._existing(step, rkey, record)
                if existing is not None:
                    return existing
            self._fail(exc, "creating the post", written=True)
        content = response.content
        if not isinstance(content, dict) or not content.get("uri") or not content.get("cid"):
            raise SendFailure("unknown", "Bluesky answered createRecord without uri and cid")
        receipt = self._receipt(str(content["uri"]), str(content["cid"]), rkey)
        if notes:
            return Receipt(
                receipt.post_id, receipt.url, {**receipt.extra, "note": "; ".join(notes)}
            )
        return receipt

    def lookup(self, step: Step) -> Receipt | None:
        """The step's post if the repository holds it (`getRecord` of its key), None if not."""
        try:
            did = self._login()
        except SendFailure as failure:  # the contract: a lookup that cannot tell is unknown
            raise SendFailure("unknown", failure.message, reset_at=failure.reset_at) from None
        rkey = step_record_key(step.token, step.started_at)
        found = self._get_record(did, rkey)
        if found is None:
            return None
        uri, cid, _value = found
        return self._receipt(uri, cid, rkey)

    # --- session -----------------------------------------------------------------------------
    def _login(self) -> str:
        if self._did is not None:
            return self._did
        handle = self.credentials.handle
        try:
            self.client.login(handle, self.credentials.app_password, fetch_bsky_profile=False)
        except UnauthorizedError as exc:
            raise SendFailure(
                "rejected",
                self._clean(
                    f"Bluesky refused the login of {handle}: check BLUESKY_HANDLE and "
                    "BLUESKY_APP_PASSWORD (an app password, not the main one) "
                    f"({_xrpc_detail(exc)})"
                ),
            ) from None
        except Exception as exc:
            self._fail(exc, f"logging in as {handle}", written=False)
        self.logins += 1
        session = self.client._session
        if session is None:  # pragma: no cover - atproto sets it or raises
            raise SendFailure("not-sent", "Bluesky login gave no session")
        self._did = str(session.did)
        return self._did

    # --- the record --------------------------------------------------------------------------
    def _record(self, step: Step, notes: list[str]) -> dict[str, Any]:
        payload = step.payload
        text = payload.get("text")
        if not isinstance(text, str) or not text:
            raise SendFailure("rejected", "the Bluesky draft has no text")
        record: dict[str, Any] = {
            "$type": POST_COLLECTION,
            "text": text,
            "createdAt": _created_at(step.started_at),
        }
        facets = [dict(f) for f in payload.get("facets") or ()]
        facets.extend(self._mention_facets(payload.get("mentions_to_resolve") or (), notes))
        if facets:
            record["facets"] = sorted(facets, key=lambda f: int(f["index"]["byteStart"]))
        language = step.context.get("language")
        if isinstance(language, str) and language.strip():
            record["langs"] = [language.strip()]
        embed = payload.get("embed")
        if isinstance(embed, Mapping):
            record["embed"] = self._embed(embed, notes)
        if step.earlier:
            record["reply"] = {
                "root": _strong_ref(step.earlier[0]),
                "parent": _strong_ref(step.earlier[-1]),
            }
        return record

    def _mention_facets(self, mentions: Iterable[Any], notes: list[str]) -> list[dict[str, Any]]:
        facets = []
        for mention in mentions:
            handle = str(mention.get("handle", "")).removeprefix("@")
            try:
                resolved = self.client.com.atproto.identity.resolve_handle({"handle": handle})
            except Exception as exc:
                refused = isinstance(exc, BadRequestError) and not _session_refused(exc)
                if refused or not isinstance(exc, RequestErrorBase | httpx.HTTPError):
                    # No such handle, or not a handle at all (atproto's own check of the
                    # syntax): the text stays plain and the post goes.
                    notes.append(f"@{handle} could not be resolved and is plain text")
                    continue
                self._fail(exc, f"resolving @{handle}", written=False)
            facets.append(
                {
                    "$type": "app.bsky.richtext.facet",
                    "index": dict(mention["index"]),
                    "features": [{"$type": "app.bsky.richtext.facet#mention", "did": resolved.did}],
                }
            )
        return facets

    def _embed(self, embed: Mapping[str, Any], notes: list[str]) -> dict[str, Any]:
        out = json.loads(json.dumps(embed))  # a deep, plain copy
        external = out.get("external")
        if not isinstance(external, dict) or "thumb" not in external:
            return dict(out)
        thumb_url = external.pop("thumb")
        if not isinstance(thumb_url, str) or not thumb_url.startswith(("https://", "http://")):
            notes.append("the link card has no thumbnail (not an image URL)")
            return dict(out)
        fetched = _fetch_image(self._image_client(), thumb_url)
        if isinstance(fetched, str):
            notes.append(f"the link card has no thumbnail ({fetched})")
            return dict(out)
        data, mime = fetched
        try:
            # Raw bytes as `content` (atproto's upload_blob hands them to httpx as `data`, which
            # httpx deprecates); the type is the image's, not atproto's "*/*".
            response = self.client.invoke_procedure(
                "com.atproto.repo.uploadBlob", content=data, headers={"Content-Type": mime}
            )
            uploaded = get_response_model(response, models.ComAtprotoRepoUploadBlob.Response)
        except Exception as exc:
            if isinstance(exc, BadRequestError | ModelError) and not _session_refused(exc):
                # The PDS refused this image (too large, not an image): the card goes without.
                notes.append(
                    self._clean(f"the card has no thumbnail (refused: {_xrpc_detail(exc)})")
                )
                return dict(out)
            self._fail(exc, "uploading the thumbnail", written=False)
        external["thumb"] = get_model_as_dict(uploaded.blob)  # {"$type": "blob", "ref": ...}
        return dict(out)

    def _image_client(self) -> httpx.Client:
        """One client for the run's thumbnails (a new one costs an SSL context each time)."""
        if self._images is None:
            self._images = httpx.Client(timeout=self.thumb_timeout, follow_redirects=True)
        return self._images

    # --- reading back ------------------------------------------------------------------------
    def _get_record(self, did: str, rkey: str) -> tuple[str, str, Mapping[str, Any]] | None:
        try:
            response = self.client.invoke_query(
                "com.atproto.repo.getRecord",
                params=models.ComAtprotoRepoGetRecord.Params(
                    repo=did, collection=POST_COLLECTION, rkey=rkey
                ),
            )
        except Exception as exc:
            if _xrpc_error(exc) == "RecordNotFound":
                return None
            try:
                self._fail(exc, "looking the post up", written=False)
            except SendFailure as failure:  # whatever went wrong, the post's fate is unknown
                raise SendFailure("unknown", failure.message, reset_at=failure.reset_at) from None
        content = response.content
        if not isinstance(content, dict) or not content.get("uri") or not content.get("cid"):
            raise SendFailure("unknown", "Bluesky answered getRecord without uri and cid")
        value = content.get("value")
        return str(content["uri"]), str(content["cid"]), value if isinstance(value, dict) else {}

    def _existing(self, step: Step, rkey: str, record: Mapping[str, Any]) -> Receipt | None:
        """After a create that may have met our own earlier post: its receipt if it is ours."""
        assert self._did is not None
        found = self._get_record(self._did, rkey)
        if found is None:
            return None
        uri, cid, value = found
        if value.get("text") != record["text"] or value.get("createdAt") != record["createdAt"]:
            raise SendFailure(
                "rejected",
                f"record key {rkey} of {step.key} part {step.part} holds a different post",
            )
        return self._receipt(uri, cid, rkey)

    def _receipt(self, uri: str, cid: str, rkey: str) -> Receipt:
        return Receipt(
            post_id=uri,
            url=f"https://bsky.app/profile/{self._did}/post/{rkey}",
            extra={"cid": cid},
        )

    # --- failures ------------------------------------------------------------------------------
    def _fail(self, exc: Exception, doing: str, *, written: bool) -> NoReturn:
        """Raise the SendFailure for `exc`, its message free of the password and tokens.
        `written`: the request could create the post (only createRecord can)."""
        failure = classify(exc, doing, written=written)
        message = self._clean(failure.message)
        if _session_refused(exc):
            self._drop_session()
        raise SendFailure(failure.outcome, message, reset_at=failure.reset_at) from None

    def _clean(self, text: str) -> str:
        """Without the password and tokens (redacted before the cut), and not too long."""
        return Redactor(self.secrets())(text)[:MESSAGE_LIMIT]

    def _drop_session(self) -> None:
        """Forget a session the server refused: the next attempt logs in again."""
        self._did = None
        self.client.request.close()
        self.client = Client(base_url=self.service, request=Request(timeout=self.timeout))


def classify(exc: Exception, doing: str, *, written: bool) -> SendFailure:
    """What an atproto or httpx exception says about whether the request took effect."""
    where = f"Bluesky, {doing}"
    if isinstance(exc, RateLimitExceededError):
        reset = exc.reset_at
        return SendFailure(
            "rate-limited",
            f"{where}: rate limited ({_xrpc_detail(exc)})",
            reset_at=reset.timestamp() if reset is not None else None,
        )
    status = _status(exc)
    if status is not None:
        detail = f"{where}: HTTP {status} ({_xrpc_detail(exc)})"
        if _session_refused(exc):
            return SendFailure("not-sent", f"{detail}; the next attempt logs in again")
        if status == 503:
            # The service refused to take the request. Were it to have taken it anyway, the
            # retry reuses the record key and is settled as "already there", never a 2nd post.
            return SendFailure("not-sent", detail)
        if status >= 500 or status == 409:
            return SendFailure("unknown" if written else "not-sent", detail)
        return SendFailure("rejected", detail)
    if isinstance(exc, LoginRequiredError):
        return SendFailure("not-sent", f"{where}: no session; the next attempt logs in again")
    cause = _transport_cause(exc)
    if isinstance(cause, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout):
        return SendFailure("not-sent", f"{where}: could not connect ({type(cause).__name__})")
    outcome: FailureOutcome = "unknown" if written else "not-sent"
    if isinstance(cause, httpx.HTTPError):
        return SendFailure(outcome, f"{where}: no answer to the request ({type(cause).__name__})")
    if isinstance(exc, ModelError):
        return SendFailure(outcome, f"{where}: an answer atproto could not read")
    return SendFailure(outcome, f"{where}: {type(exc).__name__}")


SESSION_ERRORS = frozenset(
    {"ExpiredToken", "InvalidToken", "AuthenticationRequired", "AuthMissing"}
)


def _session_refused(exc: BaseException) -> bool:
    """The server refused the session's token (not the login): log in again and retry."""
    if isinstance(exc, LoginRequiredError):
        return True
    return _status(exc) in {400, 401} and (
        _status(exc) == 401 or _xrpc_error(exc) in SESSION_ERRORS
    )


def _status(exc: BaseException) -> int | None:
    if isinstance(exc, RequestErrorBase) and exc.response is not None:
        return int(exc.response.status_code)
    return None


def _xrpc_error(exc: BaseException) -> str | None:
    if isinstance(exc, RequestErrorBase) and exc.response is not None:
        content = exc.response.content
        if isinstance(content, XrpcError):
            return str(content.error)
    return None


def _xrpc_detail(exc: BaseException) -> str:
    """The XRPC error name and message of the *response* (never the request, which carries the
    session token). Whole: `_fail` redacts it before cutting it short, so that no part of a
    secret the server echoed survives the cut."""
    if isinstance(exc, RequestErrorBase) and exc.response is not None:
        content = exc.response.content
        if isinstance(content, XrpcError):
            return f"{content.error}: {content.message}" if content.message else content.error
        return "no XRPC error body"
    return type(exc).__name__


def _transport_cause(exc: BaseException) -> BaseException | None:
    """The httpx exception under an atproto NetworkError/InvokeTimeoutError (or itself)."""
    if isinstance(exc, httpx.HTTPError):
        return exc
    cause = exc.__cause__
    return cause if isinstance(cause, httpx.HTTPError) else None


def _may_be_taken_key(exc: BaseException) -> bool:
    return _status(exc) in {409, 500} or _xrpc_error(exc) == "RecordAlreadyExists"


def _created_at(started_at: datetime) -> str:
    """RFC 3339 in UTC with milliseconds, as the Bluesky app writes it."""
    when = started_at if started_at.tzinfo else started_at.replace(tzinfo=UTC)
    return when.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _strong_ref(receipt: Receipt) -> dict[str, str]:
    cid = receipt.extra.get("cid")
    if not receipt.post_id.startswith("at://") or not cid:
        raise SendFailure(
            "rejected",
            f"cannot reply to {receipt.post_id}: an earlier part's receipt lacks its at:// URI and cid",
        )
    return {"uri": receipt.post_id, "cid": cid}


def _fetch_image(client: httpx.Client, url: str) -> tuple[bytes, str] | str:
    """The image bytes and type, or why not (the card then goes without a thumbnail)."""
    fetched = fetch_image(client, url, THUMB_MAX_BYTES)
    if not isinstance(fetched, Refused):
        return fetched if fetched[0] else "the image is empty"
    return {
        "status": f"the image answered HTTP {fetched.detail}",
        "type": f"not an image: {fetched.detail or 'no content type'}",
        "size": f"the image is over Bluesky's {THUMB_MAX_BYTES:,} bytes",
    }.get(fetched.why, f"fetching the image failed: {fetched.detail}")
