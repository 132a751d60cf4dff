"""The command line: help, version, the README, and `python -m pipeline`."""

from __future__ import annotations

import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

from pipeline import __version__
from pipeline.cli import cli
from tests.conftest import ROOT


def all_commands(group: click.Group = cli, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = []
    for name, command in sorted(group.commands.items()):
        found.append((*prefix, name))
        if isinstance(command, click.Group):
            found.extend(all_commands(command, (*prefix, name)))
    return found


def test_version():
    result = CliRunner().invoke(cli, ["--version"])
    assert result.output == f"pipeline, version {__version__}\n"


@pytest.mark.parametrize("path", all_commands(), ids=" ".join)
def test_every_command_has_help(path):
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0
    assert "Usage: " in result.output
    assert cli.get_command(click.Context(cli), path[0]).help


@pytest.mark.parametrize("path", all_commands(), ids=" ".join)
def test_every_command_is_in_the_readme(path):
    readme = (ROOT / "README.md").read_text()
    assert f"pipeline {' '.join(path)}" in readme


def test_readme_starts_with_make_run_and_make_test():
    first_block = (ROOT / "README.md").read_text().split("```")[1]
    assert "make run" in first_block and "make test" in first_block


def test_python_dash_m_works():
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "--help"], capture_output=True, text=True, check=True
    )
    assert "Usage: pipeline" in result.stdout


def test_check_reports_and_strict_fails_on_warnings(content_tree):
    content_tree.add("a", "title: T\ndate: 2021-01-27\nreview:\n- 'date: confirm'")
    runner = CliRunner()
    relaxed = runner.invoke(cli, ["check", "--content", str(content_tree.root)])
    assert relaxed.exit_code == 0
    assert "warning: review: date: confirm" in relaxed.stderr
    strict = runner.invoke(cli, ["check", "--strict", "--content", str(content_tree.root)])
    assert strict.exit_code == 1
    assert "--strict: 1 warning(s) must be resolved" in strict.stderr


def test_verbose_shows_a_traceback(content_tree):
    content_tree.add("a", "date: 2021-01-27")
    quiet = CliRunner().invoke(cli, ["check", "--content", str(content_tree.root)])
    loud = CliRunner().invoke(cli, ["--verbose", "check", "--content", str(content_tree.root)])
    assert "Traceback" not in quiet.stderr and "Traceback" in loud.stderr
