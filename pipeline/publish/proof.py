"""`publish --test-to`: a proof copy of the pending newsletter for a reviewer, not recorded."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from functools import partial

from pipeline.publish.channels import MailTransport
from pipeline.publish.email import new_message_id, with_message_id, with_send_date
from pipeline.publish.faults import SendFailure
from pipeline.publish.items import ChannelPlan
from pipeline.publish.report import ChannelResult, describe_email
from pipeline.publish.retry import Retrier


def send_test_copies(
    plan: ChannelPlan,
    to: Sequence[str],
    mail: MailTransport | None,
    *,
    live: bool,
    now: Callable[[], datetime],
    retry: Retrier,
    say: Callable[[str], None],
) -> ChannelResult:
    result = ChannelResult("email")
    pending = [i for i in plan.items if i.action == "send"]
    if not pending:
        say("email: no issue to send a test copy of")
    for item in pending:
        issue = item.issue
        assert issue is not None
        if not live:
            describe_email(item, to, "would send a TEST COPY of", say)
            continue
        assert mail is not None
        raw = with_send_date(with_message_id(issue.raw, new_message_id(issue)), now())
        try:
            retry(partial(mail.send, raw, issue.sender, to), "email: test copy", "email")
        except SendFailure as failure:
            result.ok = False
            say(f"email: test copy of {issue.issue_id} FAILED: {failure.message}")
            continue
        say(
            f"email: test copy of {issue.issue_id} sent to {', '.join(to)} "
            "(not recorded: the issue is still to be sent)"
        )
    return result
