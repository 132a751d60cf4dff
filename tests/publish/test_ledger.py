"""The ledger file: reading, appending durably, what counts as sent, resolving."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.errors import ContentError, PublishError
from pipeline.ledger import Ledger, LedgerFile, Record
from pipeline.publish.resolve import resolve


def rec(event: str, key: str = "a", channel: str = "x", **data) -> Record:
    return Record(channel, key, "h1", event, "2021-01-28T09:00:00+00:00", data)


def test_corrupt_line_is_a_content_error_naming_the_line(tmp_path: Path):
    path = tmp_path / "ledger.jsonl"
    path.write_text(rec("intent", part=1).to_json() + "\n{not json\n" + '{"v": 1}\n')
    with pytest.raises(ContentError) as caught:
        Ledger.load(path)
    assert [p.line for p in caught.value.problems] == [2, 3]


def test_only_whole_items_count_as_sent(tmp_path: Path):
    ledger = Ledger(
        (
            rec("intent", part=1),
            rec("receipt", part=1, post_id="1"),  # half a thread is not a sent article
            rec("intent", "issue-1", "email", articles=["a", "b"]),
            rec("receipt", "issue-1", "email", articles=["a", "b"]),
            rec("resolved", "issue-2", "email", outcome="not-sent", articles=["c"]),
        )
    )
    assert ledger.state.sent_keys("x") == set()
    assert ledger.state.sent_keys("email") == {"issue-1"}
    assert ledger.state.articles_sent("email") == {"a", "b"}
    assert ledger.state.unfinished_versions("x", "a") == ["h1"]


def test_append_is_one_line_each_and_survives_a_torn_tail(tmp_path: Path):
    path = tmp_path / "state" / "ledger.jsonl"
    book = LedgerFile(path)
    book.append(rec("intent", part=1))
    with path.open("a") as handle:  # a previous writer left no final newline
        handle.write(rec("receipt", part=1, post_id="1").to_json())
    book = LedgerFile(path)
    book.append(rec("receipt", note="a\nb"))
    lines = path.read_text().splitlines()
    assert len(lines) == 3 and json.loads(lines[2])["note"] == "a\nb"
    assert Ledger.load(path).state.sent_keys("x") == {"a"}


def test_resolve_needs_an_open_step_and_an_id_for_x(tmp_path: Path):
    book = LedgerFile(tmp_path / "ledger.jsonl")
    book.append(rec("intent", part=2, parts=3))
    assert [r.part for r in book.ledger.state.open_steps("x")] == [2]
    with pytest.raises(PublishError, match="needs its id"):
        resolve(book, "x", "a", outcome="sent", at="t")
    resolve(book, "x", "a", outcome="sent", at="t", post_id="99", by="editor")
    assert book.ledger.state.open_steps("x") == []
    item = book.ledger.state.item("x", "a", "h1")
    assert item is not None and item.steps[2].status == "sent"
    with pytest.raises(PublishError, match="nothing to resolve"):
        resolve(book, "x", "a", outcome="not-sent", at="t")


def test_second_publisher_is_locked_out(tmp_path: Path):
    path = tmp_path / "ledger.jsonl"
    with (
        LedgerFile.open(path, lock=True),
        pytest.raises(PublishError, match="locked"),
        LedgerFile.open(path, lock=True),
    ):
        pass


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            b'{"v": 99, "channel": "x", "key": "a", "hash": "h", "event": "intent", "at": "t"}',
            r"ledger\.jsonl:2: record: unreadable ledger line: v: Input should be 1",
        ),
        (
            b'{"v": 1, "channel": "x", "key": "a", "hash": "h", "event": "receipt", "at": "t",'
            b' "part": "2", "post_id": "9"}',
            r"ledger\.jsonl:2: record: unreadable ledger line: part: Input should be a valid integer",
        ),
        (
            b'{"v": 1, "channel": "x", "key": "a\xff", "hash": "h", "event": "intent", "at": "t"}',
            r"ledger\.jsonl:2: record: not UTF-8 \(byte 35\)",
        ),
    ],
)
def test_a_ledger_record_of_another_version_type_or_encoding_is_a_located_error(
    tmp_path, line, expected
):
    import re

    from pipeline.errors import ContentError
    from pipeline.ledger import Ledger

    good = b'{"v": 1, "channel": "x", "key": "a", "hash": "h", "event": "intent", "at": "t"}'
    path = tmp_path / "ledger.jsonl"
    path.write_bytes(good + b"\n" + line + b"\n")
    with pytest.raises(ContentError) as caught:
        Ledger.load(path)
    assert re.search(expected, "\n".join(caught.value.lines())), caught.value.lines()
    assert path.read_bytes() == good + b"\n" + line + b"\n"  # nothing rewritten


def test_the_ledger_writes_the_version_its_schema_reads():
    from pipeline.ledger import FORMAT_VERSION
    from pipeline.schema import LEDGER_VERSION

    assert FORMAT_VERSION == LEDGER_VERSION


def test_a_record_the_reader_would_refuse_is_never_written(tmp_path: Path):
    book = LedgerFile(tmp_path / "ledger.jsonl")
    with pytest.raises(ValueError, match="part"):
        book.append(rec("intent", part="2"))
    with pytest.raises(ValueError, match="event"):
        book.append(rec("sent"))
    assert not (tmp_path / "ledger.jsonl").exists()
