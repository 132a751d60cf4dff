"""An item whose commentary still carries open `review` notes is refused, dry run and live."""

from __future__ import annotations

import pytest

from tests.cli import run_cli
from tests.publish.fixtures import Project
from tests.publish.test_cli import cli_args, cli_env  # noqa: F401 (a fixture)


def add_review_note(project: Project, slug: str, note: str) -> None:
    path = project.content / "commentary" / f"{slug}.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("---\n", f"---\nreview: [{note!r}]\n", 1), encoding="utf-8")


@pytest.mark.usefixtures("cli_env")
def test_open_review_notes_refuse_both_channels_and_say_which(project: Project, x_api):
    add_review_note(project, "first-piece", "date taken from the import day: confirm it")
    project.build(social={"first-piece": 2}, issues={"2021-01-27": ["first-piece"]})
    result = run_cli(["publish", *cli_args(project, "--live")], env={
        "X_CONSUMER_KEY": "k", "X_CONSUMER_SECRET": "s", "X_ACCESS_TOKEN": "t",
        "X_ACCESS_TOKEN_SECRET": "u", "SMTP_HOST": "127.0.0.1", "SMTP_PORT": "9",
        "SMTP_USERNAME": "user", "SMTP_PASSWORD": "pw",
    })  # fmt: skip
    assert result.exit_code == 1
    expected = (
        "open review notes (resolve them and rebuild before it can be sent): "
        "content/commentary/first-piece.md: date taken from the import day: confirm it"
    )
    lines = [line for line in result.output.splitlines() if "open review notes" in line]
    assert len(lines) == 2, result.output
    assert all(line.endswith(expected) or expected in line for line in lines), lines
    assert x_api.requests == [], "nothing was posted"
    assert not project.ledger.exists() or "intent" not in project.ledger.read_text()
