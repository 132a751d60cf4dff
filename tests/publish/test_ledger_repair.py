"""A torn last ledger line (a crash mid-write) is recognised, and `pipeline ledger repair`
shows it, drops it and records that it did; a damaged line elsewhere is left for a person."""

from __future__ import annotations

import json

from tests.cli import run_cli

WHOLE = (
    '{"v":1,"channel":"x","key":"a-slug","hash":"h1","event":"intent","at":"2021-01-28T09:00:00+00:00","part":1,"parts":1}\n'
    '{"v":1,"channel":"x","key":"a-slug","hash":"h1","event":"receipt","at":"2021-01-28T09:00:01+00:00","part":1,"parts":1,"post_id":"1001"}\n'
)
TORN = '{"v":1,"channel":"x","key":"b-slug","hash":"h2","event":"inte'


def ledger(tmp_path, text: str):
    path = tmp_path / "state" / "ledger.jsonl"
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    return path


def invoke(*args: str):
    return run_cli(list(args), env={"SOURCE_DATE_EPOCH": "1611824700"})


def test_a_torn_last_line_is_named_as_such_and_repair_drops_it(tmp_path):
    path = ledger(tmp_path, WHOLE + TORN)
    shown = invoke("ledger", "show", "--ledger", str(path))
    assert shown.exit_code == 1
    assert f"{path}:3: record: torn last line" in shown.output
    assert "pipeline ledger repair" in shown.output

    repaired = invoke("ledger", "repair", "--ledger", str(path))
    assert repaired.exit_code == 0, repaired.output
    assert f"torn last line ({len(TORN)} bytes): {TORN}" in repaired.output
    lines = path.read_text(encoding="utf-8").splitlines()
    assert "\n".join(lines[:2]) + "\n" == WHOLE, "the whole lines are kept byte for byte"
    record = json.loads(lines[2])
    assert (record["channel"], record["event"], record["dropped"]) == ("ledger", "repaired", TORN)
    assert record["at"] == "2021-01-28T09:05:00+00:00"

    after = invoke("ledger", "show", "--ledger", str(path))
    assert after.exit_code == 0, after.output
    assert "a-slug" in after.output and "repair" not in after.output
    again = invoke("ledger", "repair", "--ledger", str(path))
    assert "nothing to repair" in again.output
    assert len(path.read_text(encoding="utf-8").splitlines()) == 3


def test_a_complete_last_line_without_newline_is_not_torn(tmp_path):
    path = ledger(tmp_path, WHOLE.rstrip("\n"))
    assert invoke("ledger", "show", "--ledger", str(path)).exit_code == 0
    result = invoke("ledger", "repair", "--ledger", str(path))
    assert "nothing to repair" in result.output
    assert path.read_text(encoding="utf-8") == WHOLE.rstrip("\n")


def test_a_damaged_line_in_the_middle_is_not_repaired(tmp_path):
    path = ledger(tmp_path, TORN + "\n" + WHOLE)
    shown = invoke("ledger", "show", "--ledger", str(path))
    assert shown.exit_code == 1
    assert f"{path}:1: record: unreadable ledger line" in shown.output
    assert "torn" not in shown.output
    result = invoke("ledger", "repair", "--ledger", str(path))
    assert "nothing to repair" in result.output
    assert path.read_text(encoding="utf-8") == TORN + "\n" + WHOLE
