"""Email delivery against a real SMTP server (aiosmtpd) on 127.0.0.1, STARTTLS and SSL."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from email import message_from_bytes, policy

import pytest

from pipeline.publish.email import to_crlf
from tests.publish.fixtures import LIST, Project
from tests.publish.servers import Reply, SmtpServer, XApi


@pytest.mark.filterwarnings("ignore:Requiring AUTH:UserWarning")
@pytest.mark.parametrize("smtp", ["starttls", "ssl"], indirect=True)
def test_issue_is_sent_once_with_its_parts_and_headers(publish, project: Project, smtp: SmtpServer):
    project.build(issues={"2021-01-27": ["first-piece"]})
    run = publish(channels=("email",))
    assert run.ok, run.text
    [got] = smtp.recorder.messages
    assert got["from"] == "news@example.org" and got["to"] == [LIST]
    assert smtp.recorder.logins == ["ok"]
    if smtp.security == "starttls":  # type: ignore[attr-defined]
        assert got["tls"] and got["auth"]
    message = message_from_bytes(got["data"], policy=policy.default)
    assert message["Subject"] == "Issue 2021-01-27"
    assert message["Message-ID"] == "<2021-01-27@example.org>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert [p.get_content_type() for p in message.walk()] == [
        "multipart/alternative",
        "text/plain",
        "text/html",
    ]
    assert "\r\n.\r\nA line starting with a dot" in message.get_body(("plain",)).get_content()
    intent, receipt = project.records()
    assert (intent["event"], receipt["event"]) == ("intent", "receipt")
    assert (
        receipt["articles"] == ["first-piece"]
        and receipt["message_id"] == "<2021-01-27@example.org>"
    )

    assert publish(channels=("email",)).ok
    assert len(smtp.recorder.messages) == 1  # re-run skips what is done


def test_message_without_message_id_gets_one_recorded(publish, project: Project, smtp: SmtpServer):
    project.build(issues={"i1": ["first-piece"]}, message_id=False)
    assert publish(channels=("email",)).ok
    sent = message_from_bytes(smtp.recorder.messages[0]["data"], policy=policy.default)
    assert sent["Message-ID"] and sent["Message-ID"] == project.records()[-1]["message_id"]


def test_4xx_is_retried(publish, project: Project, smtp: SmtpServer):
    project.build(issues={"i1": ["first-piece"]})
    smtp.recorder.data_replies = ["451 4.3.0 try again later"]
    run = publish(channels=("email",))
    assert run.ok, run.text
    assert publish.clock.slept == [1.0] and len(smtp.recorder.messages) == 1


def test_5xx_is_reported_and_x_still_posts(
    publish, project: Project, smtp: SmtpServer, x_api: XApi
):
    project.build(social={"first-piece": 1}, issues={"i1": ["first-piece"]})
    smtp.recorder.data_replies = ["554 5.7.1 message rejected"]
    run = publish()
    assert not run.ok
    assert "email: i1 FAILED: SMTP message refused: 554 5.7.1 message rejected" in run.text
    assert "x: ok (1 sent)" in run.text and "email: FAILED" in run.text
    assert len(x_api.requests) == 1 and smtp.recorder.messages == []
    assert project.records()[-1]["outcome"] == "rejected"


def test_x_failure_does_not_stop_email(publish, project: Project, smtp: SmtpServer, x_api: XApi):
    project.build(social={"first-piece": 1}, issues={"i1": ["first-piece"]})
    x_api.script = [Reply(401, {"title": "Unauthorized"})]
    run = publish()
    assert not run.ok and len(smtp.recorder.messages) == 1
    assert "x: FAILED" in run.text and "email: ok (1 sent)" in run.text


def test_some_recipients_refused_is_sent_but_reported(
    tmp_path, x_api, smtp: SmtpServer, certificate
):
    from tests.publish.conftest import Publish

    project = Project(tmp_path, {"first-piece": "2021-01-27"}, to=[LIST, "bad@example.org"])
    project.build(issues={"i1": ["first-piece"]})
    smtp.recorder.refuse_rcpt["bad@example.org"] = "550 5.1.1 no such list"
    run = Publish(project, x_api, smtp, certificate[0])(channels=("email",))
    assert not run.ok and "REFUSED bad@example.org: 550 5.1.1 no such list" in run.text
    assert smtp.recorder.messages[0]["to"] == [LIST]
    assert project.records()[-1]["refused"] == {"bad@example.org": "550 5.1.1 no such list"}


def test_test_to_sends_a_copy_and_records_nothing(
    publish, project: Project, smtp: SmtpServer, x_api
):
    project.build(social={"first-piece": 1}, issues={"i1": ["first-piece"]})
    run = publish(test_to=("reviewer@example.org",))
    assert run.ok, run.text
    [got] = smtp.recorder.messages
    assert got["to"] == ["reviewer@example.org"]
    copy = message_from_bytes(got["data"], policy=policy.default)
    assert copy["Message-ID"] != "<i1@example.org>"  # the real send keeps its own id
    assert project.records() == [] and x_api.requests == []
    assert publish(channels=("email",)).ok and smtp.recorder.messages[1]["to"] == [LIST]


def test_an_article_already_emailed_in_another_issue_is_refused(publish, project: Project, smtp):
    project.build(issues={"i1": ["first-piece"]})
    assert publish(channels=("email",)).ok
    project.build(issues={"i2": ["first-piece"]})
    run = publish(channels=("email",))
    assert not run.ok and "already emailed in another issue: first-piece" in run.text
    assert len(smtp.recorder.messages) == 1


def test_empty_list_address_is_an_error(tmp_path, x_api, smtp, certificate):
    from tests.publish.conftest import Publish

    project = Project(tmp_path, {"first-piece": "2021-01-27"}, to=[])
    project.build(issues={"i1": ["first-piece"]})
    run = Publish(project, x_api, smtp, certificate[0])(channels=("email",))
    assert not run.ok and "site.newsletter.to is empty" in run.text


def test_the_date_is_the_send_time_and_the_ledger_keeps_the_reviewed_hash(
    publish, project: Project, smtp: SmtpServer
):
    project.build(issues={"2021-01-27": ["first-piece"]})
    built = (project.dist / "email/2021-01-27/message.eml").read_bytes()
    publish.clock.now_ += timedelta(hours=5, minutes=17)  # approved in the afternoon
    sent_at = publish.clock.now()
    assert publish(channels=("email",)).ok
    [got] = smtp.recorder.messages
    message = message_from_bytes(got["data"], policy=policy.default)
    assert message["Date"].datetime == sent_at
    assert len(message.get_all("Date")) == 1
    intent, receipt = project.records()
    assert intent["date"] == sent_at.isoformat(timespec="seconds")
    # What the reviewer approved (the built .eml) is what the ledger records and checks.
    assert intent["hash"] == receipt["hash"] == hashlib.sha256(built).hexdigest()
    # The rest of the message is byte for byte the reviewed one.
    without_date = [line for line in got["data"].split(b"\r\n") if not line.startswith(b"Date:")]
    reviewed = [line for line in to_crlf(built).split(b"\r\n") if not line.startswith(b"Date:")]
    assert without_date == reviewed


def test_an_issue_announcing_an_event_now_over_is_refused(publish, project: Project, smtp):
    # Built the day before, while the seminar was ahead; approved only after it (NOW: 28 Jan).
    project.build(
        issues={"i1": ["first-piece"]},
        announces={"i1": {"first-piece": "2021-01-27T18:00:00+01:00"}},
    )
    run = publish(channels=("email",))
    assert not run.ok
    assert "it announces what is over: first-piece (over 2021-01-27T18:00:00+01:00)" in run.text
    assert smtp.recorder.messages == [] and project.records() == []
    # A time without its offset is none the build wrote: refused, not read as "not over".
    project.build(
        issues={"i1": ["first-piece"]},
        announces={"i1": {"first-piece": "2021-02-10T15:30:00"}},
    )
    run = publish(channels=("email",))
    assert not run.ok and "first-piece (until '2021-02-10T15:30:00', unreadable)" in run.text
    project.build(
        issues={"i1": ["first-piece"]},
        announces={"i1": {"first-piece": "2021-02-10T15:30:00+01:00"}},
    )
    assert publish(channels=("email",)).ok and len(smtp.recorder.messages) == 1


@pytest.mark.parametrize("announces", [[], "2021-02-10", {"first-piece": 5}])
def test_a_manifest_announces_that_is_no_mapping_of_times_is_refused(announces):
    from pipeline.publish.dist import parse_email

    raw = b"From: Centre <news@example.org>\r\nSubject: x\r\n\r\nbody\r\n"
    entry = {"path": "email/x/message.eml", "sha256": "0" * 64,
             "meta": {"issue_id": "x", "articles": ["first-piece"], "announces": announces}}  # fmt: skip
    with pytest.raises(ValueError, match=r"meta\.announces: must map slugs"):
        parse_email(entry, raw)
    assert parse_email({**entry, "meta": {**entry["meta"], "announces": {}}}, raw).announces == {}
