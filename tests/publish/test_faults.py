"""Faults after an intent is written: recorded as a failure with its outcome, the other channel
still runs, never a bare traceback (real tweepy and smtplib against servers on 127.0.0.1)."""

from __future__ import annotations

import dataclasses

import pytest

from pipeline.publish.credentials import MissingCredentials, load_credentials
from pipeline.publish.email import SmtpSender
from tests.publish.fixtures import FAKE_SECRETS, Project
from tests.publish.servers import Reply, SmtpServer, XApi, client_context


def test_a_429_with_a_reset_that_is_not_a_number_is_a_failure_and_email_still_goes(
    publish, project: Project, smtp: SmtpServer, x_api: XApi
):
    project.build(social={"first-piece": 1}, issues={"i1": ["first-piece"]})
    x_api.script = [Reply(429, {"title": "Too Many Requests"}, {"x-rate-limit-reset": "soon"})]
    run = publish()
    assert not run.ok
    x_records = [r for r in project.records() if r["channel"] == "x"]
    assert x_records[-1]["outcome"] in {"not-sent", "rate-limited"}
    assert len(smtp.recorder.messages) == 1 and "email: ok (1 sent)" in run.text


def test_an_exception_no_sender_foresaw_is_recorded_as_unknown_and_email_still_goes(
    publish, project: Project, smtp: SmtpServer, x_api: XApi, monkeypatch
):
    import tweepy

    def broken(*args, **kwargs):
        raise KeyError("a tweepy internal")

    project.build(social={"first-piece": 1}, issues={"i1": ["first-piece"]})
    monkeypatch.setattr(tweepy.Client, "create_tweet", broken)
    run = publish()
    assert not run.ok
    last_x = [r for r in project.records() if r["channel"] == "x"][-1]
    assert last_x["outcome"] == "unknown" and "KeyError" in last_x["error"]
    assert len(smtp.recorder.messages) == 1


def test_a_password_smtplib_cannot_encode_is_not_sent_and_never_shown(
    publish, project: Project, smtp: SmtpServer
):
    project.build(issues={"i1": ["first-piece"]})

    def mail_with_bad_password(credentials):
        bad = dataclasses.replace(credentials, password="pässwörd-secret")
        return SmtpSender(bad, ssl_context=client_context(publish.cert), timeout=5)

    import tests.publish.conftest as conftest_module

    original = conftest_module.run_publish

    def patched(options, **kwargs):
        kwargs["make_mail"] = mail_with_bad_password
        return original(options, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(conftest_module, "run_publish", patched)
        result = publish(channels=("email",))
    assert not result.ok and smtp.recorder.messages == []
    record = project.records()[-1]
    assert record["outcome"] == "not-sent" and "UnicodeEncodeError" in record["error"]
    assert "pässwörd" not in result.text and "pässwörd" not in project.ledger.read_text()


def test_non_ascii_smtp_login_is_refused_before_publishing():
    env = {**FAKE_SECRETS, "SMTP_HOST": "127.0.0.1", "SMTP_PORT": "587"}
    env["SMTP_PASSWORD"] = "pässwörd"
    with pytest.raises(MissingCredentials) as caught:
        load_credentials(env, x=False, smtp=True)
    assert caught.value.lines() and all("pässwörd" not in line for line in caught.value.lines())
    assert any("SMTP_PASSWORD must be ASCII" in line for line in caught.value.lines())


def test_a_receipt_that_cannot_be_written_prints_the_post_id(
    publish, project: Project, x_api: XApi, monkeypatch
):
    import errno

    from pipeline.errors import PublishError
    from pipeline.ledger import LedgerFile

    project.build(social={"first-piece": 1})
    original = LedgerFile.append

    def disk_full_on_receipt(self, record):
        if record.event == "receipt":
            raise OSError(errno.ENOSPC, "No space left on device")
        return original(self, record)

    monkeypatch.setattr(LedgerFile, "append", disk_full_on_receipt)
    lines: list[str] = []
    with pytest.raises(PublishError, match="No space left on device"):
        from tests.publish import conftest as conftest_module

        original_run = conftest_module.run_publish

        def capture(options, **kwargs):
            say = kwargs["say"]
            kwargs["say"] = lambda text: (lines.append(text), say(text))
            return original_run(options, **kwargs)

        monkeypatch.setattr(conftest_module, "run_publish", capture)
        publish(channels=("x",))
    assert len(x_api.requests) == 1  # posted once
    assert any('"post_id"' in line and "No space left" in line for line in lines), lines
    assert project.records()[-1]["event"] == "intent"  # the ledger holds the intent, complete


def test_an_intent_that_cannot_be_written_sends_nothing_and_says_so(
    publish, project: Project, x_api: XApi, monkeypatch
):
    import errno

    from pipeline.errors import PublishError
    from pipeline.ledger import LedgerFile

    project.build(social={"first-piece": 1})

    def disk_full(self, record):
        raise OSError(errno.EFBIG, "File too large")

    monkeypatch.setattr(LedgerFile, "append", disk_full)
    with pytest.raises(
        PublishError, match=r"cannot record the intent .*File too large.*nothing was sent"
    ):
        publish(channels=("x",))
    assert x_api.requests == []


def test_a_ledger_that_cannot_be_opened_for_writing_is_a_located_error(tmp_path, project: Project):
    from pipeline.errors import PublishError
    from pipeline.ledger import LedgerFile

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where state/ should be\n")
    opening = LedgerFile.open(blocker / "ledger.jsonl", lock=True)
    with pytest.raises(PublishError, match=r"cannot be opened for writing .*nothing was sent"):
        opening.__enter__()
