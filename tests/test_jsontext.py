"""The indented JSON writer (orjson) gives exactly `json.dumps(ensure_ascii=False, indent=2)`
for what the build writes, and the same values for anything else."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.jsontext import dumps_indented, write_indented

GOLDEN = Path(__file__).parent / "golden"

scalars = st.none() | st.booleans() | st.integers() | st.text(max_size=8)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.tuples(inner, inner)
        | st.dictionaries(st.text(max_size=5), inner, max_size=4)
        | st.dictionaries(st.integers(), inner, max_size=2)
    ),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(values)
def test_same_text_as_the_standard_library(value):
    assert dumps_indented(value) == json.dumps(value, ensure_ascii=False, indent=2)


@settings(max_examples=200, deadline=None)
@given(
    st.recursive(
        st.floats(allow_nan=False, allow_infinity=False) | scalars,
        lambda i: st.lists(i, max_size=4),
    )
)
def test_floats_read_back_as_the_same_numbers(value):
    assert json.loads(dumps_indented(value)) == value


def test_same_text_for_the_golden_json_files_and_awkward_strings():
    for path in sorted(GOLDEN.rglob("*.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        assert dumps_indented(document) + "\n" == path.read_text(encoding="utf-8")
    awkward = {"q": 'say "hi"\\', "c": "\x00\x1f\x7f\u2028 é 日本 \U0001f600", "e": [[], {}, [{}]]}
    assert dumps_indented(awkward) == json.dumps(awkward, ensure_ascii=False, indent=2)


def test_written_as_utf8_with_a_newline(tmp_path):
    big = {
        "outputs": [{"path": f"social/é-{i}.json", "posts": [{"n": i}] * 3} for i in range(3000)]
    }
    write_indented(big, tmp_path / "big.json")
    expected = json.dumps(big, ensure_ascii=False, indent=2) + "\n"
    assert (tmp_path / "big.json").read_bytes() == expected.encode("utf-8")
    odd = {"x": 1.5, 2: None, "big": 10**30}  # left to the standard library
    write_indented(odd, tmp_path / "odd.json")
    assert (tmp_path / "odd.json").read_text(encoding="utf-8") == (
        json.dumps(odd, ensure_ascii=False, indent=2) + "\n"
    )
